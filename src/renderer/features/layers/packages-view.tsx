import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { formatSize } from '@shared/format-size';
import type { ImagePackage, PackageList } from '@shared/packages/list-image-packages';
import type { PackageKind } from '@shared/packages/package-record';
import type { SbomFormat } from '@shared/packages/sbom-input';
import { inFolder, usePickPath } from '../../components/use-pick-path';
import { useHost } from '../../lib/host';
import { errorMessage } from '../../lib/invoke';
import { exportSbom, usePackages } from './api/packages-queries';
import { PackagesChart } from './packages-chart';
import { PackagesCompare } from './packages-compare';

/** What each kind is called on screen. */
export const KIND_NAMES: Record<PackageKind, string> = {
  deb: 'Debian (dpkg)',
  apk: 'Alpine (apk)',
  python: 'Python',
  npm: 'npm',
};

const FORMATS: Record<SbomFormat, { label: string; suffix: string }> = {
  spdx: { label: 'SPDX 2.3', suffix: 'spdx.json' },
  cyclonedx: { label: 'CycloneDX 1.5', suffix: 'cdx.json' },
};

/** Rows shown before "Show all" (a node_modules tree can hold thousands). */
const SHOWN_ROWS = 300;

/**
 * The packages installed in an image by size (OS databases and language manifests read from its
 * layers), where each came from, a filter, totals per kind, the biggest as a chart, an SBOM export
 * and a comparison with another image. Read locally: nothing leaves the machine.
 */
export function PackagesView({
  refName,
  label,
  others,
}: {
  refName: string;
  /** How the image is named in the page's select. */
  label: string;
  /** The other images to compare with. */
  others: readonly { value: string; label: string }[];
}) {
  const packages = usePackages(refName);
  const [filter, setFilter] = useState('');
  const [kind, setKind] = useState<PackageKind | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [compareWith, setCompareWith] = useState<string | null>(null);

  if (packages.isPending)
    return (
      <div className="loading" role="status" data-testid="packages-loading">
        <p className="muted">Reading the packages of {label} (one pass over its layers)…</p>
        <div className="bar indeterminate" aria-hidden="true">
          <span />
        </div>
      </div>
    );
  if (packages.error) return <p className="error-text">{packages.error.message}</p>;
  const list = packages.data;
  const needle = filter.trim().toLowerCase();
  const shown = list.packages.filter(
    (entry) =>
      (kind === null || entry.kind === kind) &&
      (needle === '' ||
        entry.name.toLowerCase().includes(needle) ||
        entry.version.toLowerCase().includes(needle)),
  );
  const rows = showAll ? shown : shown.slice(0, SHOWN_ROWS);

  return (
    <div className="packages" data-testid="packages-view">
      <p className="muted">
        Read from the image’s own package records (dpkg, apk, Python dist-info/egg-info, node_modules) on this
        machine; nothing is sent anywhere.
        {list.distribution
          ? ` Distribution: ${list.distribution.id} ${list.distribution.versionId ?? ''}.`
          : ''}
      </p>
      <div className="package-totals" data-testid="package-totals">
        <button
          type="button"
          className={kind === null ? 'chip active' : 'chip'}
          aria-pressed={kind === null}
          onClick={() => setKind(null)}
        >
          All: {list.packages.length} packages
        </button>
        {list.totals.map((total) => (
          <button
            key={total.kind}
            type="button"
            className={kind === total.kind ? 'chip active' : 'chip'}
            aria-pressed={kind === total.kind}
            onClick={() => setKind(kind === total.kind ? null : total.kind)}
          >
            {KIND_NAMES[total.kind]}: {total.count} · {formatSize(total.sizeBytes)}
            {total.unsized > 0 ? ` (${total.unsized} without a size)` : ''}
          </button>
        ))}
      </div>
      {list.notes.map((note) => (
        <p key={note} className="muted small" data-testid="packages-note">
          {note}
        </p>
      ))}
      {list.packages.length === 0 ? (
        <p className="muted">No package records were found in this image.</p>
      ) : (
        <>
          <PackagesChart packages={shown} />
          <div className="toolbar packages-toolbar">
            <input
              type="search"
              aria-label="Filter packages"
              placeholder="Filter by name or version"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
            />
            <span className="muted small" data-testid="packages-shown">
              {shown.length === list.packages.length
                ? `${shown.length} packages`
                : `${shown.length} of ${list.packages.length} packages`}
            </span>
            <ExportSbom refName={refName} label={label} list={list} />
          </div>
          <PackagesTable rows={rows} />
          {rows.length < shown.length ? (
            <button type="button" className="small" onClick={() => setShowAll(true)}>
              Show all {shown.length} packages
            </button>
          ) : null}
        </>
      )}
      <h2>Compare packages</h2>
      <div className="toolbar">
        <label>
          Compare packages with{' '}
          <select
            aria-label="Compare packages with"
            value={compareWith ?? ''}
            onChange={(event) => setCompareWith(event.target.value || null)}
          >
            <option value="">choose an image…</option>
            {others.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {compareWith ? (
        <PackagesCompare
          a={refName}
          b={compareWith}
          labels={{ a: label, b: others.find((o) => o.value === compareWith)?.label ?? compareWith }}
        />
      ) : null}
    </div>
  );
}

/** Where a package came from, short: `line 4`, `base image`, `layer 3`. */
export function placeText(entry: ImagePackage): string {
  if (entry.place.line !== null) return `line ${entry.place.line}`;
  if (entry.place.fromBaseImage) return 'base image';
  return `layer ${entry.place.layerIndex + 1}`;
}

function PackagesTable({ rows }: { rows: readonly ImagePackage[] }) {
  return (
    <table className="packages-table" data-testid="packages-table">
      <thead>
        <tr>
          <th>Name</th>
          <th>Version</th>
          <th>Kind</th>
          <th className="num">Size</th>
          <th>Installed by</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((entry) => (
          <tr key={`${entry.kind} ${entry.path} ${entry.name} ${entry.arch ?? ''}`} data-testid="package-row">
            <td>
              <code>{entry.name}</code>
              {entry.arch && entry.arch !== 'all' ? <span className="muted small"> {entry.arch}</span> : null}
            </td>
            <td className="version">{entry.version}</td>
            <td>{entry.kind}</td>
            <td className="num">
              {entry.sizeBytes === null ? <span className="muted">—</span> : formatSize(entry.sizeBytes)}
            </td>
            <td title={entry.place.instruction || undefined}>
              {placeText(entry)}
              {entry.place.lineText ? (
                <code className="instruction small"> {entry.place.lineText}</code>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "Export SBOM…": the format, then a file the user picks (a folder in browser mode). */
function ExportSbom({ refName, label, list }: { refName: string; label: string; list: PackageList }) {
  const host = useHost();
  const appInfo = useQuery(host.appInfoQuery);
  const { pick, picker } = usePickPath();
  const [format, setFormat] = useState<SbomFormat>('spdx');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (): Promise<void> => {
    const folder = appInfo.data?.homeDir ?? null;
    const name = `${(label.split(' ')[0] ?? 'image').replace(/[^A-Za-z0-9._-]+/g, '-')}.${FORMATS[format].suffix}`;
    const path = await pick({
      kind: 'save',
      title: `Save the ${FORMATS[format].label} SBOM as`,
      defaultPath: folder ? inFolder(folder, name) : name,
      inPage: {
        kind: 'folder',
        title: 'Choose the folder to save the SBOM into',
        startPath: folder,
        toPath: (chosen) => inFolder(chosen, name),
      },
    });
    if (!path) return;
    setBusy(true);
    await exportSbom(refName, format, path).then(
      ({ bytes, packages }) =>
        setOutcome({
          ok: true,
          text: `Saved the ${FORMATS[format].label} SBOM (${packages} packages, ${formatSize(bytes)}) to ${path}.`,
        }),
      (error: unknown) =>
        setOutcome({ ok: false, text: errorMessage(error) ?? 'The SBOM could not be saved.' }),
    );
    setBusy(false);
  };

  return (
    <>
      <span className="export-sbom">
        <select
          aria-label="SBOM format"
          value={format}
          onChange={(event) => setFormat(event.target.value as SbomFormat)}
        >
          {(Object.keys(FORMATS) as SbomFormat[]).map((key) => (
            <option key={key} value={key}>
              {FORMATS[key].label}
            </option>
          ))}
        </select>
        <button type="button" disabled={busy || list.packages.length === 0} onClick={() => void save()}>
          Export SBOM…
        </button>
      </span>
      {outcome ? (
        <span
          className={outcome.ok ? 'muted small sbom-saved' : 'error-text sbom-saved'}
          role={outcome.ok ? 'status' : 'alert'}
          data-testid="sbom-saved"
        >
          {outcome.text}
        </span>
      ) : null}
      {picker}
    </>
  );
}
