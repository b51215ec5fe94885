import { createContext, useContext, type ReactNode } from 'react';
import type { QueryKey, UseQueryOptions } from '@tanstack/react-query';
import type { RequestOutput } from '@shared/api';
import type { LogViewSettings } from '@shared/log-view-settings';

/** A query's options with its key left general: the feature that builds them owns the key's shape. */
export type HostQuery<T> = UseQueryOptions<T, Error, T, QueryKey>;

/**
 * What the machine Dockwright runs on offers every screen: OS dialogs (or, in browser mode, the
 * server's folders to browse), the app's facts, links opened in the user's browser. Shared UI
 * reaches it through this context, so it never calls main itself; the app provides it.
 */
export interface Host {
  /** True in browser mode, where no OS dialog exists and the in-page picker stands in. */
  inBrowser(): Promise<boolean>;
  pickFolder(title: string, defaultPath: string | null): Promise<string | null>;
  pickFile(title: string, defaultPath: string | null): Promise<string | null>;
  saveFile(title: string, defaultPath: string | null): Promise<string | null>;
  openExternal(url: string): Promise<void>;
  appInfoQuery: HostQuery<RequestOutput<'app:info'>>;
  /** How many lines log views show before folding (the app's settings). */
  logViewQuery: HostQuery<LogViewSettings>;
  /** Keeps another log view setting; answers what main kept. */
  setLogView(settings: LogViewSettings): Promise<LogViewSettings>;
  foldersQuery(path: string | null): HostQuery<RequestOutput<'fs:list-folders'>>;
}

const HostContext = createContext<Host | null>(null);

export function HostProvider({ host, children }: { host: Host; children: ReactNode }) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>;
}

export function useHost(): Host {
  const host = useContext(HostContext);
  if (!host) throw new Error('useHost outside HostProvider');
  return host;
}
