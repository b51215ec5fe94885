import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { EngineBadge } from '../features/engine/engine-badge';
import { EngineSettings } from '../features/engine/engine-settings';
import { NoEngineScreen } from '../features/engine/no-engine-screen';
import { useEngineStatus } from '../features/engine/use-engine-status';
import { ImagesPage } from '../features/images/images-page';
import { imagesKeys } from '../features/images/api/images-keys';
import { BuildPage } from '../features/build/build-page';
import { buildKeys } from '../features/build/api/build-queries';
import {
  createBuildStore,
  useLiveBuild,
  useRunningBuilds,
  type BuildStore,
} from '../features/build/build-store';
import { HistoryList } from '../features/history/history-list';
import { ContainersPage } from '../features/containers/containers-page';
import { createContainerStore } from '../features/containers/container-store';
import { containerKeys } from '../features/containers/api/container-queries';
import { RunForm } from '../features/run/run-form';
import { createPushStore, usePushes } from '../features/registry/push-store';
import { RegistriesPage } from '../features/registry/registries-page';
import { TagDialog } from '../features/registry/tag-dialog';
import { PushDialog } from '../features/registry/push-dialog';
import { useLogins } from '../features/registry/api/registry-queries';
import type { ImageActions } from './image-actions';
import { LayersPage } from '../features/layers/layers-page';
import { WizardPage } from '../features/wizard/wizard-page';
import { EditorPage } from '../features/editor/editor-page';
import type { BuildWarning } from '@shared/build/build-model';
import { invoke } from './invoke';
import { CONNECTION_LOST } from './browser-transport';
import { useServerConnected } from './server-connection';
import { useNow } from '../components/use-now';
import type { BuildRequest } from '@shared/build/build-record';

type Page =
  'editor' | 'wizard' | 'images' | 'build' | 'history' | 'layers' | 'containers' | 'registries' | 'engine';

const PAGES: { id: Page; label: string }[] = [
  { id: 'wizard', label: 'New Dockerfile' },
  { id: 'images', label: 'Images' },
  { id: 'build', label: 'Build' },
  { id: 'history', label: 'History' },
  { id: 'layers', label: 'Layers' },
  { id: 'containers', label: 'Containers' },
  { id: 'registries', label: 'Registries' },
  { id: 'engine', label: 'Engine' },
];

/** Feeds `build:event`s into the store; a finished build refreshes history and images. */
function useBuildEvents(store: BuildStore): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      window.api.on('build:event', ({ id, event }) => {
        store.apply(id, event);
        if (event.kind === 'started' || event.kind === 'finished') {
          void queryClient.invalidateQueries({ queryKey: buildKeys.history() });
        }
        if (event.kind === 'finished') void queryClient.invalidateQueries({ queryKey: imagesKeys.all });
      }),
    [store, queryClient],
  );
}

/** The window: navigation on the left, the page on the right; no engine means the help screen. */
export function App() {
  const status = useEngineStatus();
  const [page, setPage] = useState<Page>('images');
  const [openBuildId, setOpenBuildId] = useState<string | null>(null);
  const [store] = useState(createBuildStore);
  const [containerStore] = useState(createContainerStore);
  const [runImage, setRunImage] = useState<string | null>(null);
  const [pushStore] = useState(createPushStore);
  const [tagging, setTagging] = useState<{ source: string; suggestion: string } | null>(null);
  const [pushing, setPushing] = useState<string[] | null>(null);
  const [editing, setEditing] = useState<{
    path: string;
    warnings: readonly BuildWarning[];
    key: number;
  } | null>(null);
  const [buildDraft, setBuildDraft] = useState<{ request: BuildRequest | null; key: number }>({
    request: null,
    key: 0,
  });
  const [layersFor, setLayersFor] = useState<{
    image: string | null;
    compareWith: string | null;
    key: number;
  }>({
    image: null,
    compareWith: null,
    key: 0,
  });
  const pushes = usePushes(pushStore);
  const runningPushes = pushes.filter((push) => push.status === 'running').length;
  const logins = useLogins();
  const hubUser =
    logins.data?.logins.find((login) => login.registry === 'https://index.docker.io/v1/')?.username ?? null;
  const imageActions: ImageActions = {
    run: setRunImage,
    tag: (source, suggestion) => setTagging({ source, suggestion }),
    push: setPushing,
    layers: (image, compareWith = null) => {
      setLayersFor({ image, compareWith, key: layersFor.key + 1 });
      setPage('layers');
    },
    edit: (path, warnings = []) => {
      setEditing({ path, warnings, key: (editing?.key ?? 0) + 1 });
      setPage('editor');
    },
  };
  const [selectedContainer, setSelectedContainer] = useState<string | null>(null);
  const queryClient = useQueryClient();
  useBuildEvents(store);
  useEffect(
    () =>
      window.api.on('containers:event', ({ id, event }) => {
        containerStore.apply(id, event);
        if (event.kind === 'state') void queryClient.invalidateQueries({ queryKey: containerKeys.all });
      }),
    [containerStore, queryClient],
  );
  useEffect(() => window.api.on('push:event', ({ id, event }) => pushStore.apply(id, event)), [pushStore]);
  const running = useRunningBuilds(store);
  const connected = status?.state === 'connected';
  const serverConnected = useServerConnected();

  useWindowTitle(store, running);

  const openBuild = (id: string | null): void => {
    setOpenBuildId(id);
    setPage('build');
  };

  const needsEngine = page === 'images' || page === 'build' || page === 'containers' || page === 'layers';
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
            onClick={() => {
              setPage(item.id);
              if (item.id === 'build' && page === 'build') setOpenBuildId(null);
            }}
          >
            {item.label}
            {item.id === 'build' && running.length > 0 ? (
              <span className="nav-badge">{running.length}</span>
            ) : null}
            {item.id === 'registries' && runningPushes > 0 ? (
              <span className="nav-badge">{runningPushes}</span>
            ) : null}
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
        {page === 'engine' ? (
          <EngineSettings status={status} />
        ) : page === 'editor' && editing ? (
          <EditorPage key={editing.key} path={editing.path} buildWarnings={editing.warnings} />
        ) : page === 'wizard' ? (
          <WizardPage
            onEdit={(path) => imageActions.edit(path)}
            pickFolder={() =>
              invoke('dialog:pick-folder', { title: 'Choose your project folder', defaultPath: null })
            }
            onBuild={(request) => {
              setBuildDraft({ request, key: buildDraft.key + 1 });
              setOpenBuildId(null);
              setPage('build');
            }}
          />
        ) : page === 'layers' && connected ? (
          <LayersPage key={layersFor.key} initial={layersFor} />
        ) : page === 'registries' ? (
          <RegistriesPage pushStore={pushStore} />
        ) : page === 'history' ? (
          <HistoryList onOpen={openBuild} />
        ) : needsEngine && status?.state === 'unavailable' && !(page === 'build' && openBuildId) ? (
          <NoEngineScreen status={status} onOpenSettings={() => setPage('engine')} />
        ) : page === 'build' ? (
          <BuildPage
            key={buildDraft.key}
            draft={buildDraft.request}
            store={store}
            openBuildId={openBuildId}
            onOpenBuild={openBuild}
            actions={imageActions}
          />
        ) : page === 'containers' ? (
          <ContainersPage
            store={containerStore}
            selected={selectedContainer}
            onSelect={setSelectedContainer}
          />
        ) : connected ? (
          <ImagesPage actions={imageActions} />
        ) : (
          <p className="muted page">Looking for a Docker engine…</p>
        )}
      </main>
      {tagging ? (
        <TagDialog
          source={tagging.source}
          suggestion={tagging.suggestion}
          hubUser={hubUser}
          onDone={() => setTagging(null)}
          onPush={(reference) => {
            setTagging(null);
            setPushing([reference]);
          }}
        />
      ) : null}
      {pushing ? (
        <PushDialog
          tags={pushing}
          onCancel={() => setPushing(null)}
          onStarted={() => {
            setPushing(null);
            setPage('registries');
          }}
        />
      ) : null}
      {runImage ? (
        <div className="modal-backdrop" onKeyDown={(event) => event.key === 'Escape' && setRunImage(null)}>
          <div className="modal wide" role="dialog" aria-modal="true" aria-label={`Run ${runImage}`}>
            <h2>Run {runImage}</h2>
            <RunForm
              image={runImage}
              onCancel={() => setRunImage(null)}
              onStarted={(id) => {
                setRunImage(null);
                setSelectedContainer(id);
                setPage('containers');
              }}
            />
          </div>
        </div>
      ) : null}
    </div>
  );
}

/**
 * The window title (and so the taskbar) tells build progress while the app is in the background:
 * "Step 3/7 · 0:12 — Dockwright".
 */
function useWindowTitle(store: BuildStore, running: string[]): void {
  const now = useNow(running.length > 0 ? 1000 : 60_000);
  const first = useLiveBuild(store, running[0] ?? null);
  let title = 'Dockwright';
  if (first) {
    const steps = first.steps.filter((step) => !step.internal);
    const finished = steps.filter((step) => ['done', 'cached', 'error'].includes(step.status)).length;
    const total = steps[steps.length - 1]?.total ?? steps.length;
    const seconds = Math.max(0, Math.floor((now - first.summary.startedAt) / 1000));
    const elapsed = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    const more = running.length > 1 ? ` (+${running.length - 1} more)` : '';
    const progress = steps.length > 0 ? `Step ${finished}/${total}` : 'Starting build';
    title = `${progress} · ${elapsed}${more} — Dockwright`;
  }
  useEffect(() => {
    document.title = title;
  }, [title]);
}
