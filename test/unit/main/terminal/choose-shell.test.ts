import { describe, expect, it } from 'vitest';
import { chooseShell } from '../../../../src/main/terminal/choose-shell';

const having =
  (...paths: string[]) =>
  async (path: string) =>
    paths.includes(path);

describe('chooseShell', () => {
  it('prefers bash when the image has it', async () => {
    expect(await chooseShell(having('/bin/sh', '/bin/bash'))).toBe('/bin/bash');
  });

  it('falls back to sh (alpine, busybox)', async () => {
    expect(await chooseShell(having('/bin/sh'))).toBe('/bin/sh');
  });

  it('finds busybox sh where distroless debug images keep it', async () => {
    expect(await chooseShell(having('/busybox/sh'))).toBe('/busybox/sh');
  });

  it('answers null when the image has no shell', async () => {
    expect(await chooseShell(having('/app/server'))).toBeNull();
  });
});
