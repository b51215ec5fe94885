import type { QueryClient } from '@tanstack/react-query';
import type { RequestOutput } from '@shared/api';
import { invoke } from '../../../lib/invoke';
import type { Host, HostQuery } from '../../../lib/host';

/** Query keys of what the host machine tells (app facts, its folders). */
export const systemKeys = {
  all: ['system'] as const,
  info: () => [...systemKeys.all, 'info'] as const,
  folders: (path: string | null) => [...systemKeys.all, 'folders', path] as const,
  logView: () => [...systemKeys.all, 'log-view'] as const,
};

const appInfoQuery: HostQuery<RequestOutput<'app:info'>> = {
  queryKey: systemKeys.info(),
  queryFn: () => invoke('app:info', {}),
  staleTime: Infinity,
};

/** The Host the app provides to every screen, backed by main's dialog, fs and shell channels. */
export function createHost(queryClient: QueryClient): Host {
  return {
    // Asked once: the mode never changes while the window lives.
    inBrowser: async () => (await queryClient.fetchQuery(appInfoQuery)).mode === 'browser',
    pickFolder: (title, defaultPath) => invoke('dialog:pick-folder', { title, defaultPath }),
    pickFile: (title, defaultPath) => invoke('dialog:pick-file', { title, defaultPath }),
    saveFile: (title, defaultPath) => invoke('dialog:save-file', { title, defaultPath }),
    openExternal: async (url) => {
      await invoke('shell:open-external', { url });
    },
    appInfoQuery,
    logViewQuery: {
      queryKey: systemKeys.logView(),
      queryFn: () => invoke('settings:log-view', {}),
      staleTime: Infinity,
    },
    setLogView: (settings) => invoke('settings:set-log-view', settings),
    foldersQuery: (path) => ({
      queryKey: systemKeys.folders(path),
      queryFn: () => invoke('fs:list-folders', { path }),
      staleTime: 0,
      retry: false,
    }),
  };
}
