import { useState } from 'react';
import { splitCommandLine } from '@shared/containers';
import { formatCommand, isBareShell } from '@shared/describe-command';
import { appErrorOf } from '../../lib/invoke';
import { useRunDefaults, useStartRun } from './api/container-queries';
import { requestAttach } from './terminal-requests';
import { FieldError } from '../../components/field-error';
import { EditableRows } from '../../components/editable-rows';
import { checkPort, fieldMessage } from './run-form-checks';

interface MountRow {
  type: 'bind' | 'volume';
  source: string;
  target: string;
  readOnly: boolean;
}

interface PortRow {
  hostPort: string;
  containerPort: string;
  protocol: 'tcp' | 'udp';
}

/**
 * Run an image: name, ports (prefilled from EXPOSE with free host ports), env, command override,
 * remove-when-stopped. Hands the new container's id up once it started.
 */
export function RunForm({
  image,
  onStarted,
  onCancel,
}: {
  image: string;
  onStarted(id: string): void;
  onCancel(): void;
}) {
  const defaults = useRunDefaults(image);
  if (defaults.error) return <p className="error-text">{defaults.error.message}</p>;
  if (!defaults.data) return <p className="muted">Reading the image…</p>;
  return (
    <RunFormFields
      image={image}
      initialPorts={defaults.data.exposedPorts.map((port) => ({
        hostPort: String(port.suggestedHostPort || port.containerPort),
        containerPort: String(port.containerPort),
        protocol: port.protocol,
      }))}
      imageWords={[...(defaults.data.entrypoint ?? []), ...(defaults.data.cmd ?? [])]}
      onStarted={onStarted}
      onCancel={onCancel}
    />
  );
}

function RunFormFields({
  image,
  initialPorts,
  imageWords,
  onStarted,
  onCancel,
}: {
  image: string;
  initialPorts: PortRow[];
  imageWords: string[];
  onStarted(id: string): void;
  onCancel(): void;
}) {
  const imageCommand = imageWords.length ? formatCommand(imageWords) : '';
  const [name, setName] = useState('');
  const [ports, setPorts] = useState<PortRow[]>(initialPorts);
  const [env, setEnv] = useState<{ key: string; value: string }[]>([]);
  const [command, setCommand] = useState('');
  const [removeWhenStopped, setRemoveWhenStopped] = useState(true);
  const [interactive, setInteractive] = useState(false);
  const [mounts, setMounts] = useState<MountRow[]>([]);
  const split = command.trim() ? splitCommandLine(command) : null;
  const start = useStartRun();
  const submit = (): void =>
    start.mutate(
      {
        image,
        name: name.trim() || null,
        ports: ports
          .filter((port) => port.hostPort && port.containerPort)
          .map((port) => ({
            hostPort: Number(port.hostPort),
            containerPort: Number(port.containerPort),
            protocol: port.protocol,
          })),
        env: Object.fromEntries(
          env.filter((row) => row.key.trim()).map((row) => [row.key.trim(), row.value]),
        ),
        command: split?.ok ? split.words : null,
        removeWhenStopped,
        interactive,
        mounts: mounts
          .filter((mount) => mount.source.trim() && mount.target.trim())
          .map((mount) => ({
            type: mount.type,
            source: mount.source.trim(),
            target: mount.target.trim(),
            readOnly: mount.readOnly,
          })),
      },
      {
        onSuccess: ({ id }) => {
          if (interactive) requestAttach(id);
          onStarted(id);
        },
      },
    );
  const error = appErrorOf(start.error);
  const at = (field: string): string | null => (error?.field === field ? fieldMessage(error) : null);
  // Checked as typed, so "70000" is questioned before Run rather than by the request check. A row
  // left wholly empty is ignored, as before.
  const portProblems = ports.map((port, index) =>
    port.hostPort.trim() || port.containerPort.trim()
      ? {
          host: checkPort(port.hostPort, 'Host', index + 1),
          container: checkPort(port.containerPort, 'Container', index + 1),
        }
      : { host: null, container: null },
  );
  const portsOk = portProblems.every((problem) => !problem.host && !problem.container);
  const shownAtField =
    error?.field !== undefined &&
    (['name', 'command'].includes(error.field) ||
      /^ports\.\d+\.(hostPort|containerPort)$/.test(error.field) ||
      error.field.startsWith('mounts.'));

  return (
    <form
      className="run-form"
      aria-label={`Run ${image}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (portsOk) submit();
      }}
    >
      <div className="field">
        <div className="field-label">Container name (optional)</div>
        <input
          aria-label="Container name"
          value={name}
          placeholder="chosen by the engine"
          onChange={(event) => setName(event.target.value)}
        />
        <FieldError message={at('name')} />
      </div>
      <div className="field">
        <div className="field-label">Ports (host → container)</div>
        {ports.length === 0 ? <p className="muted">The image exposes no port.</p> : null}
        <EditableRows<PortRow>
          rows={ports}
          blank={{ hostPort: '', containerPort: '', protocol: 'tcp' }}
          addLabel="Add a port"
          removeLabel={(index) => `Remove port ${index + 1}`}
          onChange={setPorts}
          renderRow={(port, index, update) => (
            <>
              <input
                aria-label={`Host port ${index + 1}`}
                aria-invalid={portProblems[index]?.host || at(`ports.${index}.hostPort`) ? true : undefined}
                inputMode="numeric"
                value={port.hostPort}
                onChange={(event) => update({ ...port, hostPort: event.target.value })}
              />
              <span>→</span>
              <input
                aria-label={`Container port ${index + 1}`}
                aria-invalid={portProblems[index]?.container ? true : undefined}
                inputMode="numeric"
                value={port.containerPort}
                onChange={(event) => update({ ...port, containerPort: event.target.value })}
              />
              <select
                aria-label={`Protocol ${index + 1}`}
                value={port.protocol}
                onChange={(event) => update({ ...port, protocol: event.target.value as 'tcp' | 'udp' })}
              >
                <option value="tcp">tcp</option>
                <option value="udp">udp</option>
              </select>
            </>
          )}
          renderBelow={(_, index) => (
            <>
              <FieldError message={portProblems[index]?.host ?? at(`ports.${index}.hostPort`)} />
              <FieldError message={portProblems[index]?.container ?? at(`ports.${index}.containerPort`)} />
            </>
          )}
        />
      </div>
      <div className="field">
        <div className="field-label">Environment variables</div>
        <EditableRows
          rows={env}
          blank={{ key: '', value: '' }}
          addLabel="Add a variable"
          removeLabel={(index) => `Remove variable ${index + 1}`}
          onChange={setEnv}
          renderRow={(row, index, update) => (
            <>
              <input
                aria-label={`Variable name ${index + 1}`}
                placeholder="NAME"
                value={row.key}
                onChange={(event) => update({ ...row, key: event.target.value })}
              />
              <input
                aria-label={`Variable value ${index + 1}`}
                placeholder="value"
                value={row.value}
                onChange={(event) => update({ ...row, value: event.target.value })}
              />
            </>
          )}
        />
      </div>
      <div className="field">
        <div className="field-label">Folders and volumes</div>
        <EditableRows<MountRow>
          rows={mounts}
          blank={{ type: 'bind', source: '', target: '', readOnly: false }}
          addLabel="Add a folder or volume"
          removeLabel={(index) => `Remove mount ${index + 1}`}
          onChange={setMounts}
          renderRow={(mount, index, update) => (
            <>
              <select
                aria-label={`Mount ${index + 1} kind`}
                value={mount.type}
                onChange={(event) => update({ ...mount, type: event.target.value as MountRow['type'] })}
              >
                <option value="bind">host folder</option>
                <option value="volume">named volume</option>
              </select>
              <input
                aria-label={`Mount ${index + 1} source`}
                placeholder={mount.type === 'bind' ? '/home/me/data' : 'my-volume'}
                value={mount.source}
                onChange={(event) => update({ ...mount, source: event.target.value })}
              />
              <span>→</span>
              <input
                aria-label={`Mount ${index + 1} target`}
                placeholder="/data"
                value={mount.target}
                onChange={(event) => update({ ...mount, target: event.target.value })}
              />
              <label className="check">
                <input
                  type="checkbox"
                  checked={mount.readOnly}
                  onChange={(event) => update({ ...mount, readOnly: event.target.checked })}
                />{' '}
                read-only
              </label>
            </>
          )}
          renderBelow={(_, index) => (
            <FieldError message={error?.field?.startsWith(`mounts.${index}.`) ? fieldMessage(error) : null} />
          )}
        />
      </div>
      <div className="field">
        <div className="field-label">Command (optional)</div>
        <input
          aria-label="Command"
          value={command}
          placeholder={imageCommand || 'the image has no command'}
          onChange={(event) => setCommand(event.target.value)}
        />
        <FieldError message={split && !split.ok ? split.message : null} />
        <FieldError message={at('command')} />
        <p className="hint">
          Leave empty to run the image’s own command{imageCommand ? `: ${imageCommand}` : ''}.
        </p>
        {!command.trim() && !interactive && isBareShell(imageWords) ? (
          <p className="hint" data-testid="shell-command-hint">
            That is a shell: with no terminal to read from it exits at once, printing nothing. Enter a command
            for it to run, or run the image interactively in a terminal (docker run -it).
          </p>
        ) : null}
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={removeWhenStopped}
          onChange={(event) => setRemoveWhenStopped(event.target.checked)}
        />{' '}
        Remove the container when it stops
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={interactive}
          onChange={(event) => setInteractive(event.target.checked)}
        />{' '}
        Interactive (-it): open a terminal on its main process
      </label>
      {error && !shownAtField ? (
        <p className="error-text" role="alert">
          {fieldMessage(error)}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="submit"
          className="primary"
          disabled={start.isPending || !portsOk || (split !== null && !split.ok)}
        >
          {start.isPending ? 'Starting…' : 'Run'}
        </button>
      </div>
    </form>
  );
}
