import { randomUUID } from 'node:crypto';
import type { IpcMain, WebContents } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../shared/ipc-names';
import type { EventSink } from '../shared/api';
import type { Dispatch } from './handlers';
import type { RequestPage } from './request-page';

/** The page a window shows now; a navigation or reload makes a new one (the old one has gone). */
const pages = new WeakMap<WebContents, RequestPage>();

function pageOf(contents: WebContents): RequestPage {
  const known = pages.get(contents);
  if (known) return known;
  const listeners: (() => void)[] = [];
  const page: RequestPage = {
    id: randomUUID(),
    emit: (event, payload) => {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT, event, payload);
    },
    onGone: (listener) => listeners.push(listener),
  };
  const gone = (): void => {
    // A reload makes a new page on the same contents: leave no listeners of this one behind.
    contents.off('destroyed', gone);
    contents.off('render-process-gone', gone);
    contents.off('did-navigate', gone);
    if (pages.get(contents) !== page) return;
    pages.delete(contents);
    for (const listener of listeners.splice(0)) listener();
  };
  contents.on('destroyed', gone);
  contents.on('render-process-gone', gone);
  contents.on('did-navigate', gone);
  pages.set(contents, page);
  return page;
}

/**
 * Binds the handler table to Electron IPC.
 *
 * Only frames loaded from the app itself may call in (a navigated-away or injected frame must
 * not drive the engine); see electron's security checklist, "Validate the sender of all IPC".
 */
export function bindIpc(ipcMain: IpcMain, dispatch: Dispatch, isTrustedUrl: (url: string) => boolean): void {
  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, input: unknown) => {
    const url = event.senderFrame?.url ?? '';
    if (!isTrustedUrl(url)) {
      return { ok: false, error: { code: 'VALIDATION', message: 'Request from an untrusted page refused.' } };
    }
    return dispatch(String(channel), input, undefined, pageOf(event.sender));
  });
}

/** An event sink that sends to every live window. */
export function ipcEventSink(targets: () => WebContents[]): EventSink {
  return (event, payload) => {
    for (const contents of targets()) {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT, event, payload);
    }
  };
}
