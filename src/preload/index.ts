/**
 * The sandboxed preload: exposes `window.api` (invoke/on) and nothing else.
 *
 * Requests go through one IPC channel carrying the contract's channel name so main can check
 * the name and validate the input in one place; events arrive on one channel for the same reason.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApi } from '../shared/create-api';
import { IPC_EVENT, IPC_INVOKE } from '../shared/ipc-names';

const api = createApi({
  invoke: (channel, input) => ipcRenderer.invoke(IPC_INVOKE, channel, input),
  subscribe: (listener) => {
    const forward = (_event: IpcRendererEvent, name: string, payload: unknown): void =>
      listener(name, payload);
    ipcRenderer.on(IPC_EVENT, forward);
    return () => ipcRenderer.removeListener(IPC_EVENT, forward);
  },
});

contextBridge.exposeInMainWorld('api', api);
