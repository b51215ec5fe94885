import { describe, expect, it } from 'vitest';
import { nativeDialogs, type OpenOptions, type SaveOptions } from '../../../../src/main/shell/native-dialogs';

function dialogs(
  open: { canceled: boolean; filePaths: string[] },
  save: { canceled: boolean; filePath?: string },
) {
  const asked: (OpenOptions | SaveOptions)[] = [];
  const picked = nativeDialogs({
    open: async (options) => (asked.push(options), open),
    save: async (options) => (asked.push(options), save),
  });
  return { picked, asked };
}

describe('nativeDialogs', () => {
  it('picks a folder or a file, starting where asked', async () => {
    const { picked, asked } = dialogs({ canceled: false, filePaths: ['/home/me/app'] }, { canceled: true });
    expect(await picked.pickFolder('Build context', '/home/me')).toBe('/home/me/app');
    expect(await picked.pickFile('Dockerfile', null)).toBe('/home/me/app');
    expect(asked).toEqual([
      { title: 'Build context', properties: ['openDirectory'], defaultPath: '/home/me' },
      { title: 'Dockerfile', properties: ['openFile'] },
    ]);
  });

  it('answers null when the user cancels', async () => {
    const { picked } = dialogs({ canceled: true, filePaths: [] }, { canceled: true });
    expect(await picked.pickFolder('Build context', null)).toBeNull();
    expect(await picked.saveFile('Save image', null)).toBeNull();
  });

  it('saves image archives as .tar', async () => {
    const { picked, asked } = dialogs(
      { canceled: true, filePaths: [] },
      { canceled: false, filePath: '/tmp/a.tar' },
    );
    expect(await picked.saveFile('Save image', '/tmp/app.tar')).toBe('/tmp/a.tar');
    expect(asked).toEqual([
      {
        title: 'Save image',
        defaultPath: '/tmp/app.tar',
        filters: [{ name: 'Image archive', extensions: ['tar'] }],
      },
    ]);
  });
});
