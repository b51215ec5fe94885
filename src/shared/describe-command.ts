/** Commands (ENTRYPOINT, CMD, a container's command) as words people read, never `null` or JSON. */

const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
/** Shells that read commands from their input: with no terminal and no input they exit at once. */
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'fish']);

/** One word as a POSIX shell would need it typed: bare when safe, else single-quoted. */
function quoteWord(word: string): string {
  if (PLAIN_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * A command as one line, quoted so it could be typed back into a shell (`sh -c 'echo hi'`);
 * `none` when there is no command at all (null), "an empty list" for `[]`.
 */
export function formatCommand(words: readonly string[] | null, none = 'none'): string {
  if (words === null) return none;
  if (words.length === 0) return 'an empty list';
  return words.map(quoteWord).join(' ');
}

/** The "Entrypoint / Cmd" fact of an image or container, e.g. "none / python app.py". */
export function describeEntrypointAndCmd(
  entrypoint: readonly string[] | null,
  cmd: readonly string[] | null,
): string {
  if (entrypoint === null && cmd === null) return 'none / none (the image sets no command)';
  return `${formatCommand(entrypoint)} / ${formatCommand(cmd)}`;
}

/**
 * Whether the command is just an interactive shell (`bash`, `/bin/sh -l`): nothing for it to
 * run but what it reads from a terminal. `sh -c …` or `sh script.sh` are not.
 */
export function isBareShell(command: readonly string[] | null): boolean {
  if (!command || command.length === 0) return false;
  const [program, ...rest] = command;
  const name = program!.split('/').pop() ?? '';
  const shell = SHELLS.has(name) || (name === 'busybox' && rest[0] === 'sh');
  const options = name === 'busybox' ? rest.slice(1) : rest;
  const onlyOptions = options.every(
    (word) =>
      (/^-[a-z]+$/i.test(word) && !word.includes('c')) || (/^--[a-z-]+$/.test(word) && word !== '--command'),
  );
  return shell && onlyOptions;
}
