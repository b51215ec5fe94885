import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { EngineBadge } from '../features/engine/engine-badge';
import { useEngineStatus } from '../features/engine/use-engine-status';
import { imagesKeys } from '../features/images/api/images-keys';
import { createHost } from '../features/system/api/host-api';
import { HostProvider } from '../lib/host';
import { createOperationsStore } from '../lib/operations/operations-store';
import { OperationsProvider, useOperationsValue } from '../lib/operations/operations-context';
import { CONNECTION_LOST } from './browser-transport';
import { useServerConnected } from './server-connection';
import { PAGES, useNavigation } from './navigation';
import { Route } from './routes';
import { Dialogs } from './dialogs';
import { useOperationEvents } from './use-operation-events';
import { useWindowTitle } from './use-window-title';

/** The app's long-lived pieces: the host's services and the operations store, for every screen. */
export function App() {
  const queryClient = useQueryClient();
  const [host] = useState(() => createHost(queryClient));
  const [operations] = useState(() => createOperationsStore());
  useOperationEvents(operations);
  return (
    <HostProvider host={host}>
      <OperationsProvider store={operations}>
        <Shell />
      </OperationsProvider>
    </HostProvider>
  );
}

/** The window: navigation on the left, the page on the right; no engine means the help screen. */
function Shell() {
  const queryClient = useQueryClient();
  const status = useEngineStatus(() => void queryClient.invalidateQueries({ queryKey: imagesKeys.all }));
  const nav = useNavigation();
  // Derived as plain values: the window renders again when a build starts or ends, not per event.
  const runningIds = useOperationsValue('build', (builds) =>
    builds
      .filter((build) => build.summary.status === 'running')
      .map((build) => build.summary.id)
      .join(' '),
  );
  const running = useMemo(() => (runningIds ? runningIds.split(' ') : []), [runningIds]);
  const runningPushes = useOperationsValue(
    'push',
    (pushes) => pushes.filter((push) => push.status === 'running').length,
  );
  const serverConnected = useServerConnected();
  useWindowTitle(running);

  const badges: Partial<Record<string, number>> = { build: running.length, registries: runningPushes };
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Dockwright</div>
        {PAGES.map((item) => (
          <button
            key={item.id}
            type="button"
            className={nav.page === item.id ? 'nav-item active' : 'nav-item'}
            aria-current={nav.page === item.id ? 'page' : undefined}
            onClick={() => nav.go(item.id)}
          >
            {item.label}
            {badges[item.id] ? <span className="nav-badge">{badges[item.id]}</span> : null}
          </button>
        ))}
        <div className="sidebar-footer">
          {/* Cut off from the server, the last engine status it sent says nothing about now. */}
          {serverConnected ? (
            <EngineBadge status={status} />
          ) : (
            <div className="engine-badge connecting">Engine unknown: Dockwright is not reachable</div>
          )}
        </div>
      </nav>
      <main className="content">
        {serverConnected ? null : (
          <div className="connection-banner" role="alert" data-testid="connection-lost">
            {CONNECTION_LOST}
          </div>
        )}
        <Route nav={nav} status={status} />
      </main>
      <Dialogs nav={nav} />
    </div>
  );
}
