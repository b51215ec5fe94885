import type { IpcMain, WebContents } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../shared/ipc-names';
import type { EventSink } from '../shared/api';
import type { Dispatch } from './handlers';

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
    return dispatch(String(channel), input);
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
