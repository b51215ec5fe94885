import { useEffect, useState } from 'react';
import { useHost } from '../../lib/host';
import { formatCommand } from '@shared/describe-command';
import {
  STOP_TIMEOUT_SECONDS,
  useContainerAction,
  useContainerDetails,
  useContainers,
  useStopContainer,
  useStoppingIds,
} from './api/container-queries';
import { ContainerOutput } from './container-output';
import { useFollow, useFollowedContainer, useRequestStop } from './use-live-container';
import type { TerminalTarget } from './api/terminal-api';
import { TerminalTabs, useTerminalTabs } from './terminal-tabs';
import { takeAttachRequest } from './terminal-requests';
import { TerminalOptions } from './terminal-options';

/** What Dockwright started (or every container), with status, ports and image; output of any. */
export function ContainersPage({
  selected,
  onSelect,
}: {
  selected: string | null;
  onSelect(id: string | null): void;
}) {
  const host = useHost();
  const [all, setAll] = useState(false);
  const containers = useContainers(all);
  const action = useContainerAction();
  const stopper = useStopContainer();
  const stopping = useStoppingIds();
  const requestStop = useRequestStop();
  const rows = containers.data ?? [];
  const terminals = useTerminalTabs();
  const { open: openTab } = terminals;
  const openTerminal = (target: TerminalTarget): void => {
    const name = rows.find((row) => row.id === target.containerId)?.name ?? target.containerId.slice(0, 12);
    const what =
      target.kind === 'attach' ? ' (main process)' : target.command ? ` (${target.command.join(' ')})` : '';
    openTab(target, `${name}${what}`);
  };
  // A container just run interactively (-it) from the Run form: attach its terminal at once.
  useEffect(() => {
    const title = selected ? takeAttachRequest(selected) : undefined;
    if (selected && title !== undefined)
      openTab({ kind: 'attach', containerId: selected }, title ?? `${selected.slice(0, 12)} (main process)`);
  }, [selected, openTab]);
  const stop = (id: string, timeoutSeconds: number): void => {
    requestStop(id, timeoutSeconds);
    stopper.mutate({ id, timeoutSeconds });
  };
  const failure = action.error ?? stopper.error;

  return (
    <section className="page" data-testid="containers">
      <header className="page-header">
        <h1>Containers</h1>
        <label className="check">
          <input type="checkbox" checked={all} onChange={(event) => setAll(event.target.checked)} /> Show all
          containers, not only Dockwright’s
        </label>
      </header>
      {containers.error ? <p className="error-text">{containers.error.message}</p> : null}
      {failure ? (
        <p className="error-text" role="alert">
          {failure.message}
        </p>
      ) : null}
      {containers.data && rows.length === 0 ? (
        <p className="muted">No containers{all ? '' : ' started from Dockwright'}.</p>
      ) : null}
      {rows.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Image</th>
              <th>Status</th>
              <th>Ports</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((container) => (
              <tr
                key={container.id}
                data-testid="container-row"
                data-name={container.name}
                className={selected === container.id ? 'selected' : ''}
              >
                <td>
                  <button type="button" className="link" onClick={() => onSelect(container.id)}>
                    {container.name}
                  </button>
                </td>
                <td>
                  <code>{container.image}</code>
                </td>
                <td>
                  <span
                    className={`status-pill ${container.state === 'running' ? 'running' : container.state === 'exited' ? 'cancelled' : ''}`}
                  >
                    {container.state === 'running' && stopping.has(container.id)
                      ? 'stopping…'
                      : container.state}
                  </span>{' '}
                  <span className="muted">{container.status}</span>
                </td>
                <td>
                  {container.ports.map((port) => (
                    <button
                      key={`${port.hostPort}/${port.protocol}`}
                      type="button"
                      className="link port-link"
                      title={`Open http://localhost:${port.hostPort} in your browser`}
                      onClick={() => void host.openExternal(`http://localhost:${port.hostPort}/`)}
                    >
                      {port.hostPort}→{port.containerPort}
                      {port.protocol === 'udp' ? '/udp' : ''}
                    </button>
                  ))}
                </td>
                <td className="row-actions">
                  {container.state === 'running' && stopping.has(container.id) ? (
                    <button
                      type="button"
                      className="small"
                      title="Kill it at once (SIGKILL) instead of waiting for it to exit"
                      onClick={() => stop(container.id, 0)}
                    >
                      Kill now
                    </button>
                  ) : container.state === 'running' ? (
                    <>
                      <button
                        type="button"
                        className="small"
                        aria-label={`Open a terminal in ${container.name}`}
                        title="A shell inside this container (docker exec -it)"
                        onClick={() => openTerminal({ kind: 'exec', containerId: container.id })}
                      >
                        Terminal
                      </button>{' '}
                      <button
                        type="button"
                        className="small"
                        title={`SIGTERM, then SIGKILL after ${STOP_TIMEOUT_SECONDS} s if it does not exit`}
                        onClick={() => stop(container.id, STOP_TIMEOUT_SECONDS)}
                      >
                        Stop
                      </button>{' '}
                      <button
                        type="button"
                        className="small"
                        onClick={() => action.mutate({ action: 'restart', id: container.id })}
                      >
                        Restart
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      className="small"
                      onClick={() => action.mutate({ action: 'start', id: container.id })}
                    >
                      Start
                    </button>
                  )}{' '}
                  <button
                    type="button"
                    className="small"
                    aria-label={`Remove ${container.name}`}
                    onClick={() => {
                      action.mutate({ action: 'remove', id: container.id });
                      if (selected === container.id) onSelect(null);
                    }}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <TerminalTabs state={terminals} />
      {selected ? (
        <FollowedOutput
          key={selected}
          id={selected}
          onOpenTerminal={openTerminal}
          stopping={stopping.has(selected)}
          onStop={() => stop(selected, STOP_TIMEOUT_SECONDS)}
          onKill={() => stop(selected, 0)}
        />
      ) : null}
    </section>
  );
}

function FollowedOutput({
  id,
  stopping,
  onStop,
  onKill,
  onOpenTerminal,
}: {
  id: string;
  stopping: boolean;
  onOpenTerminal(target: TerminalTarget): void;
  onStop(): void;
  onKill(): void;
}) {
  useFollow(id);
  const followed = useFollowedContainer(id);
  const details = useContainerDetails(id, followed?.state ?? '');
  return (
    <>
      <div className="output-heading">
        <h2>Output of {details.data?.name ?? id.slice(0, 12)}</h2>
        {followed?.state === 'running' ? (
          <span className="output-heading-actions">
            <button
              type="button"
              className="small"
              onClick={() => onOpenTerminal({ kind: 'exec', containerId: id })}
            >
              Open a terminal
            </button>
            <TerminalOptions containerId={id} onOpen={onOpenTerminal} />
            {details.data?.interactive ? (
              <button
                type="button"
                className="small"
                title="The terminal of its main process (it was run with -it)"
                onClick={() => onOpenTerminal({ kind: 'attach', containerId: id })}
              >
                Attach to its terminal
              </button>
            ) : null}
          </span>
        ) : null}
      </div>
      <ContainerOutput id={id} stopping={stopping} onStop={onStop} onKill={onKill} />
      {details.data ? (
        <dl className="facts compact container-details" data-testid="container-details">
          <div>
            <dt>Image</dt>
            <dd>{details.data.image}</dd>
          </div>
          <div>
            <dt>Command</dt>
            <dd>{formatCommand(details.data.command.length ? details.data.command : null)}</dd>
          </div>
          <div>
            <dt>State</dt>
            <dd>
              {details.data.state.status}
              {details.data.state.status === 'exited' ? ` (exit code ${details.data.state.exitCode})` : ''}
              {details.data.state.error ? ` — ${details.data.state.error}` : ''}
            </dd>
          </div>
          <div>
            <dt>Ports</dt>
            <dd>
              {details.data.ports
                .map((port) => `${port.hostPort}→${port.containerPort}/${port.protocol}`)
                .join(', ') || '(none)'}
            </dd>
          </div>
          <div>
            <dt>Mounts</dt>
            <dd>
              {details.data.mounts
                .map((mount) => `${mount.source} → ${mount.target}${mount.readOnly ? ' (read-only)' : ''}`)
                .join(', ') || '(none)'}
            </dd>
          </div>
          <div>
            <dt>Environment</dt>
            <dd>{details.data.env.join('  ') || '(none)'}</dd>
          </div>
        </dl>
      ) : null}
    </>
  );
}
