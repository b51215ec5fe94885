import { useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { EngineStatus } from '@shared/engine-status';
import { EngineSettings } from '../features/engine/engine-settings';
import { NoEngineScreen } from '../features/engine/no-engine-screen';
import { ImagesPage } from '../features/images/images-page';
import { useImages } from '../features/images/api/list-images';
import { BuildPage } from '../features/builds/build-page';
import { HistoryList } from '../features/builds/history-list';
import { historyQuery, useBuildRecord, useLineSizes } from '../features/builds/api/build-queries';
import { ContainersPage } from '../features/containers/containers-page';
import { RegistriesPage } from '../features/registry/registries-page';
import { LayersPage } from '../features/layers/layers-page';
import { WasteSummary } from '../features/layers/waste-summary';
import { useWaste } from '../features/layers/api/layers-queries';
import { WizardPage } from '../features/wizard/wizard-page';
import { EditorPage } from '../features/editor/editor-page';
import { clockTime } from '../components/cache-reason-text';
import { useNow } from '../components/use-now';
import type { Navigation } from './navigation';
import { useLivePrediction } from './use-live-prediction';

/** The page the sidebar points at. Engine-backed pages wait for the engine or say why there is none. */
export function Route({ nav, status }: { nav: Navigation; status: EngineStatus | undefined }): ReactNode {
  switch (nav.page) {
    case 'engine':
      return <EngineSettings status={status} />;
    case 'editor':
      return nav.editing ? <EditorRoute editing={nav.editing} /> : <NothingOpen />;
    case 'wizard':
      return <WizardPage onEdit={(path) => nav.actions.edit(path)} onBuild={nav.draftBuild} />;
    case 'registries':
      return <RegistriesPage />;
    case 'history':
      return <HistoryList onOpen={nav.openBuild} />;
  }
  // A saved build can be read with no engine; everything else here needs one.
  if (status?.state === 'unavailable' && !(nav.page === 'build' && nav.openBuildId)) {
    return <NoEngineScreen status={status} onOpenSettings={() => nav.go('engine')} />;
  }
  switch (nav.page) {
    case 'build':
      return (
        <BuildPage
          key={nav.buildDraft.key}
          draft={nav.buildDraft.request}
          openBuildId={nav.openBuildId}
          onOpenBuild={nav.openBuild}
          actions={nav.actions}
          wasteSummary={(imageId) => <WasteSummary imageId={imageId} />}
        />
      );
    case 'containers':
      return <ContainersPage selected={nav.selectedContainer} onSelect={nav.selectContainer} />;
    case 'layers':
      return status?.state === 'connected' ? (
        <LayersRoute key={nav.layersFor.key} initial={nav.layersFor} />
      ) : (
        <LookingForEngine />
      );
    case 'images':
      return status?.state === 'connected' ? (
        <ImagesPage actions={nav.actions} imageStore={status.info.imageStore} />
      ) : (
        <LookingForEngine />
      );
  }
}

function LookingForEngine() {
  return <p className="muted page">Looking for a Docker engine…</p>;
}

function NothingOpen() {
  return (
    <section className="page" data-testid="editor-empty">
      <h1>No Dockerfile open</h1>
      <p className="muted">
        Open one with Edit on the Build form or a build, or write one with New Dockerfile.
      </p>
    </section>
  );
}

function LayersRoute({ initial }: { initial: Navigation['layersFor'] }) {
  const images = useImages(true);
  return <LayersPage initial={initial} images={images.isPending ? undefined : (images.data ?? [])} />;
}

/** The editor, with the waste its file's last successful build left marked on its lines. */
function EditorRoute({ editing }: { editing: NonNullable<Navigation['editing']> }) {
  const history = useQuery(historyQuery);
  const build = history.data?.builds.find(
    (candidate) =>
      candidate.status === 'succeeded' && candidate.imageId && candidate.dockerfilePath === editing.path,
  );
  const waste = useWaste(build?.imageId ?? null);
  const [typed, setTyped] = useState<string | null>(null);
  const forecast = useLivePrediction(editing.path, typed);
  const now = useNow(60_000);
  const record = useBuildRecord(build?.id ?? null, true);
  const lineSizes = useLineSizes(build?.id ?? null);
  const buildTime = build ? clockTime(build.startedAt, now) : null;
  const lastBuild = useMemo(
    () =>
      record.data && buildTime
        ? {
            steps: record.data.steps,
            builtText: record.data.dockerfileText,
            // From `docker history` only (never a `docker save`); durations alone when it fails.
            sizes: lineSizes.data ? new Map(lineSizes.data) : null,
            buildName: `the build of ${buildTime}`,
          }
        : null,
    [record.data, buildTime, lineSizes.data],
  );
  return (
    <EditorPage
      key={editing.key}
      path={editing.path}
      buildWarnings={editing.warnings}
      proposal={editing.proposal}
      wasteReport={waste.data?.state === 'done' ? waste.data.report : null}
      wasteBuildId={build?.id ?? null}
      lastBuild={lastBuild}
      forecast={{
        lines: forecast.lines,
        basisTime: forecast.basis ? clockTime(forecast.basis.startedAt, now) : null,
        error: forecast.error,
      }}
      onTextChange={setTyped}
    />
  );
}
