import { useCallback, useState, type ReactNode } from 'react';
import { useHost } from '../lib/host';
import { FolderPicker, type PickKind } from './folder-picker';

/** What to pick: the OS dialog's kind, title and start, and how browser mode's in-page picker differs. */
export interface PathRequest {
  kind: 'folder' | 'file' | 'save';
  title: string;
  defaultPath: string | null;
  /**
   * The in-page picker (browser mode) when it must differ: it starts at `defaultPath` trimmed and
   * picks what `kind` says by default, but it cannot name a new file on the server, so a save
   * picks a folder and `toPath` turns it into the file's path.
   */
  inPage?: { kind?: PickKind; title?: string; startPath?: string | null; toPath?(chosen: string): string };
}

interface Open {
  request: PathRequest;
  resolve(path: string | null): void;
}

/**
 * One way to ask for a path: the OS dialog in the app, the in-page picker in browser mode (where
 * no OS dialog exists). `pick` answers the chosen path or null; render `picker` somewhere.
 */
export function usePickPath(): { pick(request: PathRequest): Promise<string | null>; picker: ReactNode } {
  const host = useHost();
  const [open, setOpen] = useState<Open | null>(null);

  const pick = useCallback(
    async (request: PathRequest): Promise<string | null> => {
      if (await host.inBrowser()) return new Promise((resolve) => setOpen({ request, resolve }));
      if (request.kind === 'folder') return host.pickFolder(request.title, request.defaultPath);
      if (request.kind === 'file') return host.pickFile(request.title, request.defaultPath);
      return host.saveFile(request.title, request.defaultPath);
    },
    [host],
  );

  const inPage = open?.request.inPage;
  const picker = open ? (
    <FolderPicker
      kind={inPage?.kind ?? (open.request.kind === 'file' ? 'file' : 'folder')}
      title={inPage?.title ?? open.request.title}
      startPath={
        inPage?.startPath !== undefined ? inPage.startPath : open.request.defaultPath?.trim() || null
      }
      onChoose={(chosen) => {
        setOpen(null);
        open.resolve(inPage?.toPath ? inPage.toPath(chosen) : chosen);
      }}
      onCancel={() => {
        setOpen(null);
        open.resolve(null);
      }}
    />
  ) : null;
  return { pick, picker };
}

/** `name` in `folder`, with the folder's own separator. */
export function inFolder(folder: string, name: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return `${folder.replace(/[\\/]+$/, '')}${separator}${name}`;
}
