/**
 * Which file names count as Dockerfiles. Every channel that reads or writes a Dockerfile accepts
 * only these names, so the renderer can never be made to read `/etc/passwd` or write a shell
 * script "as a Dockerfile"; the rule is pure so a form can show the reason at its field.
 */

/**
 * Last extensions that make a file something an OS or desktop runs or starts on its own (a shell
 * script, a .desktop launcher, a systemd unit, a Windows executable): never a Dockerfile, even
 * when it starts with `Dockerfile.`.
 */
const RUNNABLE_EXTENSIONS = new Set([
  'sh',
  'bash',
  'zsh',
  'fish',
  'ksh',
  'csh',
  'command',
  'desktop',
  'service',
  'socket',
  'timer',
  'path',
  'plist',
  'exe',
  'com',
  'bat',
  'cmd',
  'ps1',
  'psm1',
  'vbs',
  'vbe',
  'js',
  'jse',
  'wsf',
  'wsh',
  'msi',
  'msc',
  'scr',
  'lnk',
  'hta',
  'reg',
  'cpl',
  'inf',
  'url',
  'app',
  'jar',
  'py',
  'pl',
  'rb',
  'php',
  'so',
  'dylib',
  'dll',
]);

const BASE_NAMES = ['dockerfile', 'containerfile'];

/** The last segment of a POSIX or Windows path. */
function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? '';
}

/**
 * Why the file `path` names cannot be a Dockerfile, or null when it can: `Dockerfile`,
 * `Containerfile`, `<name>.Dockerfile`, `<name>.Containerfile` or `Dockerfile.<suffix>` (any
 * case), where the last extension is not one that makes the file runnable (`.sh`, `.desktop`…).
 */
export function dockerfileNameProblem(path: string): string | null {
  const name = baseName(path);
  const lower = name.toLowerCase();
  const refused = `"${name}" is not a Dockerfile name: use Dockerfile, Containerfile, <name>.Dockerfile or Dockerfile.<name>`;
  if (name === '' || [...name].some((char) => char.charCodeAt(0) < 0x20 || char === '\u007f')) return refused;
  if (BASE_NAMES.includes(lower)) return null;
  for (const base of BASE_NAMES) {
    if (lower.endsWith(`.${base}`) && lower.length > base.length + 1) return null;
    if (lower.startsWith(`${base}.`) && lower.length > base.length + 1) {
      const extension = lower.slice(lower.lastIndexOf('.') + 1);
      if (extension === '') return refused;
      if (RUNNABLE_EXTENSIONS.has(extension))
        return `"${name}" ends in .${extension}, which makes it a program or launcher: a Dockerfile never does`;
      return null;
    }
  }
  return refused;
}

/** True when `path` ends in a Dockerfile-like name (see dockerfileNameProblem). */
export function isDockerfileName(path: string): boolean {
  return dockerfileNameProblem(path) === null;
}
