import { useState } from 'react';
import { splitCommandLine } from '@shared/containers';
import type { TerminalTarget } from './api/terminal-api';

/**
 * "Open a terminal" with choices: a command instead of the image's shell, a user, a working
 * folder (docker exec -it -u USER -w DIR CONTAINER COMMAND). Empty fields keep the defaults.
 */
export function TerminalOptions({
  containerId,
  onOpen,
}: {
  containerId: string;
  onOpen(target: TerminalTarget): void;
}) {
  const [command, setCommand] = useState('');
  const [user, setUser] = useState('');
  const [workdir, setWorkdir] = useState('');
  const [shown, setShown] = useState(false);
  const split = command.trim() ? splitCommandLine(command) : null;
  const folderProblem =
    workdir.trim() && !workdir.trim().startsWith('/')
      ? 'The folder inside the container must start with /'
      : null;
  return (
    <details
      className="terminal-options"
      open={shown}
      onToggle={(event) => setShown(event.currentTarget.open)}
    >
      <summary>Terminal options…</summary>
      <form
        className="terminal-options-form"
        onSubmit={(event) => {
          event.preventDefault();
          setShown(false);
          onOpen({
            kind: 'exec',
            containerId,
            command: split?.ok ? split.words : null,
            user: user.trim() || null,
            workdir: workdir.trim() || null,
          });
        }}
      >
        <label>
          Command
          <input
            aria-label="Terminal command"
            placeholder="the image's shell"
            value={command}
            onChange={(event) => setCommand(event.target.value)}
          />
        </label>
        <label>
          User
          <input
            aria-label="Terminal user"
            placeholder="the container's"
            value={user}
            onChange={(event) => setUser(event.target.value)}
          />
        </label>
        <label>
          Folder
          <input
            aria-label="Terminal folder"
            placeholder="the container's"
            value={workdir}
            onChange={(event) => setWorkdir(event.target.value)}
          />
        </label>
        <button
          type="submit"
          className="small"
          disabled={(split !== null && !split.ok) || folderProblem !== null}
        >
          Open
        </button>
        {split && !split.ok ? <p className="field-error">{split.message}</p> : null}
        {folderProblem ? <p className="field-error">{folderProblem}</p> : null}
      </form>
    </details>
  );
}
