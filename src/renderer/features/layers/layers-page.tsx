import { useState } from 'react';
import { formatSize } from '@shared/format-size';
import { imageChoices } from '@shared/layers/compare-sides';
import type { LayerEntry } from '@shared/layers/layer-history';
import { formatSizeOf, historySizeKind } from '@shared/layers/size-kinds';
import type { ImageSummary } from '@shared/images';
import { ContentsView } from './contents-view';
import { CompareView } from './compare-view';
import { ImageSummaryPanel } from './image-summary';
import { LayerChart } from './layer-chart';
import { LayerTable } from './layer-table';
import { PackagesView } from './packages-view';
import { BuildOnlyView } from './build-only-view';
import { useComparison, useLayers, useWaste } from './api/layers-queries';
import { WasteSummary } from './waste-summary';

type Tab = 'layers' | 'compare' | 'contents' | 'packages' | 'build-only';

const TAB_NAMES: Record<Tab, string> = {
  layers: 'Layers',
  compare: 'Compare',
  contents: 'Contents & wasted space',
  packages: 'Packages',
  'build-only': 'Build-only content',
};

/** While something is being read: what, and that it is moving (never a blank page). */
function Loading({ text, testId }: { text: string; testId: string }) {
  return (
    <div className="loading" role="status" data-testid={testId}>
      <p className="muted">{text}</p>
      <div className="bar indeterminate" aria-hidden="true">
        <span />
      </div>
    </div>
  );
}

/**
 * One image's layers (chart, table, Dockerfile lines), a comparison with another, and its contents.
 *
 * Both selects hold image ids (labelled tag + short id), whatever name the page was opened
 * with: a select whose value matches no option shows its first option, which once made the page
 * say one image while it showed another.
 */
export function LayersPage({
  initial,
  images,
}: {
  initial: { image: string | null; compareWith: string | null };
  /** The local images to choose from; undefined while the list is being read. */
  images: readonly ImageSummary[] | undefined;
}) {
  const list = images ?? [];
  const [image, setImage] = useState<string | null>(initial.image);
  const [other, setOther] = useState<string | null>(initial.compareWith);
  const [tab, setTab] = useState<Tab>(initial.compareWith ? 'compare' : 'layers');
  const [selected, setSelected] = useState<LayerEntry | null>(null);
  const imageSelect = imageChoices(list, image ?? list[0]?.id ?? null);
  // Until the list is in, a tag cannot be told apart from the id it will resolve to (one read, not two).
  const current = images === undefined ? null : imageSelect.value;
  const otherSelect = imageChoices(list, other, imageSelect.value);
  const layers = useLayers(current);
  const comparing = tab === 'compare' && current !== null && otherSelect.value !== null;
  const comparison = useComparison(comparing ? current : null, comparing ? otherSelect.value : null);
  const wasteA = useWaste(comparing ? (comparison.data?.a.details.id ?? null) : null);
  const wasteB = useWaste(comparing ? (comparison.data?.b.details.id ?? null) : null);
  const details = layers.data?.details;
  const sizeKind = historySizeKind(details?.imageStore ?? 'storage-driver');
  const layersTotal = details?.history.reduce((sum, entry) => sum + entry.sizeBytes, 0) ?? 0;
  const dockerfileLines = layers.data?.dockerfile?.text.split('\n') ?? null;
  const layerIndexOf = (entry: LayerEntry | null): number | null =>
    entry && details && entry.diffId ? details.diffIds.indexOf(entry.diffId) : null;
  const nameOf = (choice: ReturnType<typeof imageChoices>) =>
    choice.options.find((option) => option.value === choice.value)?.label ?? choice.value ?? '';

  return (
    <section className="page layers-page" data-testid="layers-page">
      <header className="page-header">
        <h1>Layers</h1>
        <div className="toolbar">
          <select
            aria-label="Image"
            value={imageSelect.value ?? ''}
            onChange={(event) => setImage(event.target.value)}
          >
            {imageSelect.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      </header>
      <div className="tabs" role="tablist">
        {(['layers', 'compare', 'contents', 'packages', 'build-only'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'tab active' : 'tab'}
            onClick={() => setTab(name)}
          >
            {TAB_NAMES[name]}
          </button>
        ))}
      </div>
      {images === undefined ? <Loading text="Listing images…" testId="layers-loading" /> : null}
      {images !== undefined && !current ? (
        <p className="muted">There are no images yet: build or pull one.</p>
      ) : null}
      {layers.error ? <p className="error-text">{layers.error.message}</p> : null}
      {tab !== 'compare' && current && layers.isPending ? (
        <Loading text={`Reading the layers of ${nameOf(imageSelect)}…`} testId="layers-loading" />
      ) : null}
      {tab === 'layers' && details ? (
        <>
          <ImageSummaryPanel details={details} />
          <h2>
            Size by instruction{' '}
            <span className="muted" data-testid="layers-total">
              ({sizeKind === 'content' ? formatSize(layersTotal) : formatSizeOf(layersTotal, sizeKind)} in
              all)
            </span>
          </h2>
          {sizeKind === 'disk' ? (
            <p className="muted small" data-testid="size-kind-note">
              This engine keeps images in the containerd store: its layer sizes are the space each layer takes
              on disk, in whole blocks. The files they hold are counted under Contents.
            </p>
          ) : null}
          <LayerChart
            history={details.history}
            sizeKind={sizeKind}
            onSelect={(row) => setSelected(row.entry)}
          />
          <WasteSummary imageId={details.id} />
          {selected ? (
            <div className="selected-layer" data-testid="selected-layer">
              <code>{selected.instruction}</code> —{' '}
              {sizeKind === 'content'
                ? formatSize(selected.sizeBytes)
                : formatSizeOf(selected.sizeBytes, sizeKind)}
              {selected.dockerfileLine !== null && dockerfileLines ? (
                <pre className="dockerfile-snippet">
                  {dockerfileLines
                    .map((text, index) => ({ text, line: index + 1 }))
                    .filter(({ line }) => Math.abs(line - selected.dockerfileLine!) <= 2)
                    .map(
                      ({ text, line }) =>
                        `${line === selected.dockerfileLine ? '▶' : ' '} ${String(line).padStart(3)}  ${text}`,
                    )
                    .join('\n')}
                </pre>
              ) : null}
              {!selected.emptyLayer ? (
                <button type="button" className="small" onClick={() => setTab('contents')}>
                  See this layer’s files
                </button>
              ) : null}
            </div>
          ) : null}
          {layers.data?.dockerfile ? (
            <p className="muted">
              Lines refer to {layers.data.dockerfile.path}, as it was when Dockwright built this image.
            </p>
          ) : (
            <p className="muted">
              This image was not built by Dockwright here, so its layers are not mapped to Dockerfile lines.
            </p>
          )}
          <LayerTable
            history={details.history}
            sizeKind={sizeKind}
            selected={selected?.index ?? null}
            onSelect={setSelected}
          />
        </>
      ) : null}
      {tab === 'compare' ? (
        <>
          <div className="toolbar">
            <label>
              Compare with{' '}
              <select
                aria-label="Compare with"
                value={otherSelect.value ?? ''}
                onChange={(event) => setOther(event.target.value || null)}
              >
                <option value="">choose an image…</option>
                {otherSelect.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {comparison.error ? <p className="error-text">{comparison.error.message}</p> : null}
          {comparing && comparison.isFetching && !comparison.data ? (
            <Loading
              text={`Comparing ${nameOf(imageSelect)} with ${nameOf(otherSelect)} (reading both histories)…`}
              testId="comparison-loading"
            />
          ) : null}
          {comparing && comparison.data ? (
            <CompareView data={comparison.data} waste={{ a: wasteA.data, b: wasteB.data }} />
          ) : null}
        </>
      ) : null}
      {tab === 'contents' && current ? (
        <ContentsView
          key={current}
          refName={current}
          focusLayer={layerIndexOf(selected)}
          details={details ?? null}
        />
      ) : null}
      {tab === 'packages' && current ? (
        <PackagesView
          key={current}
          refName={current}
          label={nameOf(imageSelect)}
          others={imageSelect.options.filter((option) => option.value !== current)}
        />
      ) : null}
      {tab === 'build-only' && current ? (
        <BuildOnlyView key={current} refName={current} label={nameOf(imageSelect)} />
      ) : null}
    </section>
  );
}
