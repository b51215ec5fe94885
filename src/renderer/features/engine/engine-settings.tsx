import { useState } from 'react';
import type { EngineOverride, EngineStatus } from '@shared/engine-status';
import { formatSize } from '@shared/format-size';
import { appErrorOf } from '../../lib/invoke';
import { useEngineChoices, useSetEngineOverride } from './api/engine-queries';
import { imageStoreLabel, imageStoreMeaning } from './image-store-text';

/** The connected engine's facts, and the choice of engine (automatic, a docker context, an address). */
export function EngineSettings({ status }: { status: EngineStatus | undefined }) {
  return (
    <section className="page">
      <h1>Engine</h1>
      {status?.state === 'connected' ? (
        <EngineFacts status={status} />
      ) : (
        <p className="muted">No engine connected.</p>
      )}
      <EngineChooser />
    </section>
  );
}

function EngineFacts({ status }: { status: Extract<EngineStatus, { state: 'connected' }> }) {
  const { info, endpoint } = status;
  const rows: [string, string][] = [
    ['Engine', `${info.product} ${info.version}`],
    ['API version', info.apiVersion],
    ['Platform', `${info.os}/${info.arch}`],
    ['Operating system', info.operatingSystem],
    ['Kernel', info.kernelVersion],
    ['Image store', imageStoreLabel(info)],
    ['BuildKit', info.buildkit ? 'available' : 'not available (classic builder only)'],
    ['CPUs / memory', `${info.cpus} / ${formatSize(info.memoryBytes)}`],
    ['Connected through', `${endpoint.label} — ${endpoint.address}`],
  ];
  return (
    <>
      <dl className="facts" data-testid="engine-facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="hint" data-testid="image-store-meaning">
        {imageStoreMeaning(info)}
      </p>
    </>
  );
}

function EngineChooser() {
  const choices = useEngineChoices();
  const [draft, setDraft] = useState<EngineOverride | null | undefined>(undefined);
  const save = useSetEngineOverride(() => setDraft(undefined));
  if (!choices.data) return null;
  const current = draft === undefined ? choices.data.override : draft;
  const mode = current === null ? 'auto' : current.kind;
  const fieldError = appErrorOf(save.error);

  return (
    <form
      className="chooser"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(current);
      }}
    >
      <h2>Which engine</h2>
      <label className="radio">
        <input type="radio" checked={mode === 'auto'} onChange={() => setDraft(null)} />
        Automatic — like the docker CLI: DOCKER_HOST, then the current docker context, then the usual sockets
      </label>
      <label className="radio">
        <input
          type="radio"
          checked={mode === 'context'}
          onChange={() => setDraft({ kind: 'context', name: choices.data.contexts[0]?.name ?? 'default' })}
        />
        A docker context
      </label>
      {current?.kind === 'context' ? (
        <select
          aria-label="Docker context"
          value={current.name}
          onChange={(event) => setDraft({ kind: 'context', name: event.target.value })}
        >
          {choices.data.contexts.map((context) => (
            <option key={context.name} value={context.name}>
              {context.name} {context.address ? `— ${context.address}` : ''}{' '}
              {context.current ? '(current)' : ''}
              {context.problem ? ` — ${context.problem}` : ''}
            </option>
          ))}
        </select>
      ) : null}
      <label className="radio">
        <input
          type="radio"
          checked={mode === 'address'}
          onChange={() =>
            setDraft({ kind: 'address', address: choices.data.sockets[0]?.address ?? 'unix://' })
          }
        />
        A socket or address
      </label>
      {current?.kind === 'address' ? (
        <>
          <input
            aria-label="Engine address"
            list="engine-sockets"
            value={current.address}
            onChange={(event) => setDraft({ kind: 'address', address: event.target.value })}
          />
          <datalist id="engine-sockets">
            {choices.data.sockets.map((socket) => (
              <option key={socket.address} value={socket.address}>
                {socket.label}
              </option>
            ))}
          </datalist>
        </>
      ) : null}
      {fieldError ? (
        <p className="error-text" role="alert">
          {fieldError.message}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending || draft === undefined}>
          {save.isPending ? 'Connecting…' : 'Use this engine'}
        </button>
      </div>
    </form>
  );
}
