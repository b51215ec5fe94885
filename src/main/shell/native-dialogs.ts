import type { HandlerDeps } from '../handlers';

/** What the pickers pass to Electron's open dialog. */
export interface OpenOptions {
  title: string;
  defaultPath?: string;
  properties: ('openDirectory' | 'openFile')[];
}

/** What the archive picker passes to Electron's save dialog. */
export interface SaveOptions {
  title: string;
  defaultPath?: string;
  filters: { name: string; extensions: string[] }[];
}

/**
 * The handlers' pickers on top of the OS dialogs (`open` and `save` show Electron's, over the
 * window when there is one); null when the user cancels.
 */
export function nativeDialogs(show: {
  open(options: OpenOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  save(options: SaveOptions): Promise<{ canceled: boolean; filePath?: string }>;
}): HandlerDeps['dialogs'] {
  const pick = async (title: string, defaultPath: string | null, kind: 'openDirectory' | 'openFile') => {
    const result = await show.open({ title, properties: [kind], ...(defaultPath ? { defaultPath } : {}) });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  return {
    pickFolder: (title, defaultPath) => pick(title, defaultPath, 'openDirectory'),
    pickFile: (title, defaultPath) => pick(title, defaultPath, 'openFile'),
    saveFile: async (title, defaultPath) => {
      const result = await show.save({
        title,
        ...(defaultPath ? { defaultPath } : {}),
        filters: [{ name: 'Image archive', extensions: ['tar'] }],
      });
      return result.canceled ? null : (result.filePath ?? null);
    },
  };
}
