import { useState } from 'react';
import { EngineBadge } from '../features/engine/engine-badge';
import { EngineSettings } from '../features/engine/engine-settings';
import { NoEngineScreen } from '../features/engine/no-engine-screen';
import { useEngineStatus } from '../features/engine/use-engine-status';
import { ImagesPage } from '../features/images/images-page';

type Page = 'images' | 'engine';

const PAGES: { id: Page; label: string }[] = [
  { id: 'images', label: 'Images' },
  { id: 'engine', label: 'Engine' },
];

/** The window: navigation on the left, the page on the right; no engine means the help screen. */
export function App() {
  const status = useEngineStatus();
  const [page, setPage] = useState<Page>('images');
  const connected = status?.state === 'connected';

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Dockwright</div>
        {PAGES.map((item) => (
          <button
            key={item.id}
            type="button"
            className={page === item.id ? 'nav-item active' : 'nav-item'}
            aria-current={page === item.id ? 'page' : undefined}
            onClick={() => setPage(item.id)}
          >
            {item.label}
          </button>
        ))}
        <div className="sidebar-footer">
          <EngineBadge status={status} />
        </div>
      </nav>
      <main className="content">
        {page === 'engine' ? (
          <EngineSettings status={status} />
        ) : status?.state === 'unavailable' ? (
          <NoEngineScreen status={status} onOpenSettings={() => setPage('engine')} />
        ) : connected ? (
          <ImagesPage />
        ) : (
          <p className="muted page">Looking for a Docker engine…</p>
        )}
      </main>
    </div>
  );
}
