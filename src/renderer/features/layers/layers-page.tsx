import { useState } from 'react';
import { formatSize } from '@shared/format-size';
import type { LayerEntry } from '@shared/layers/layer-model';
import { useImages } from '../images/api/list-images';
import { ContentsView } from './contents-view';
import { CompareView } from './compare-view';
import { ImageSummaryPanel } from './image-summary';
import { LayerChart } from './layer-chart';
import { LayerTable } from './layer-table';
import { useComparison, useLayers } from './layers-queries';

type Tab = 'layers' | 'compare' | 'contents';

/** One image's layers (chart, table, Dockerfile lines), a comparison with another, and its contents. */
export function LayersPage({ initial }: { initial: { image: string | null; compareWith: string | null } }) {
  const images = useImages(true);
  const options = (images.data ?? []).flatMap((image) => (image.tags.length ? image.tags : [image.id]));
  const [image, setImage] = useState<string | null>(initial.image ?? options[0] ?? null);
  const [other, setOther] = useState<string | null>(initial.compareWith);
  const [tab, setTab] = useState<Tab>(initial.compareWith ? 'compare' : 'layers');
  const [selected, setSelected] = useState<LayerEntry | null>(null);
  const current = image ?? options[0] ?? null;
  const layers = useLayers(current);
  const comparison = useComparison(tab === 'compare' ? current : null, tab === 'compare' ? other : null);
  const details = layers.data?.details;
  const dockerfileLines = layers.data?.dockerfile?.text.split('\n') ?? null;
  const layerIndexOf = (entry: LayerEntry | null): number | null =>
    entry && details && entry.diffId ? details.diffIds.indexOf(entry.diffId) : null;

  return (
    <section className="page layers-page" data-testid="layers-page">
      <header className="page-header">
        <h1>Layers</h1>
        <div className="toolbar">
          <select aria-label="Image" value={current ?? ''} onChange={(event) => setImage(event.target.value)}>
            {options.map((option) => (
              <option key={option} value={option}>
                {option.startsWith('sha256:') ? option.slice(7, 19) : option}
              </option>
            ))}
          </select>
        </div>
      </header>
      <div className="tabs" role="tablist">
        {(['layers', 'compare', 'contents'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'tab active' : 'tab'}
            onClick={() => setTab(name)}
          >
            {name === 'layers' ? 'Layers' : name === 'compare' ? 'Compare' : 'Contents & wasted space'}
          </button>
        ))}
      </div>
      {layers.error ? <p className="error-text">{layers.error.message}</p> : null}
      {tab === 'layers' && details ? (
        <>
          <ImageSummaryPanel details={details} />
          <h2>
            Size by instruction <span className="muted">({formatSize(details.sizeBytes)} in all)</span>
          </h2>
          <LayerChart history={details.history} onSelect={(row) => setSelected(row.entry)} />
          {selected ? (
            <div className="selected-layer" data-testid="selected-layer">
              <code>{selected.instruction}</code> — {formatSize(selected.sizeBytes)}
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
          <LayerTable history={details.history} selected={selected?.index ?? null} onSelect={setSelected} />
        </>
      ) : null}
      {tab === 'compare' ? (
        <>
          <div className="toolbar">
            <label>
              Compare with{' '}
              <select
                aria-label="Compare with"
                value={other ?? ''}
                onChange={(event) => setOther(event.target.value || null)}
              >
                <option value="">choose an image…</option>
                {options
                  .filter((option) => option !== current)
                  .map((option) => (
                    <option key={option} value={option}>
                      {option.startsWith('sha256:') ? option.slice(7, 19) : option}
                    </option>
                  ))}
              </select>
            </label>
          </div>
          {comparison.error ? <p className="error-text">{comparison.error.message}</p> : null}
          {comparison.data && current && other ? (
            <CompareView data={comparison.data} labelA={current} labelB={other} />
          ) : null}
        </>
      ) : null}
      {tab === 'contents' && current ? (
        <ContentsView key={current} refName={current} focusLayer={layerIndexOf(selected)} />
      ) : null}
    </section>
  );
}
