/** The two Electron IPC channels that carry the whole contract (see api.ts). */
export const IPC_INVOKE = 'dockwright:invoke';
export const IPC_EVENT = 'dockwright:event';
