/**
 * Which package provides a command a shell script calls, on Debian and on Alpine, and which
 * commands need nothing because the shell or the base image already has them.
 */

/** The families a script image is built on. */
export type ScriptFamily = 'debian' | 'alpine';

// Shell keywords and builtins: the shell itself runs them.
const SHELL_OWN = [
  '.',
  ':',
  '[',
  '[[',
  ']]',
  '!',
  '{',
  '}',
  'alias',
  'bg',
  'break',
  'builtin',
  'case',
  'cd',
  'command',
  'continue',
  'declare',
  'dirs',
  'disown',
  'do',
  'done',
  'echo',
  'elif',
  'else',
  'esac',
  'eval',
  'exec',
  'exit',
  'export',
  'false',
  'fg',
  'fi',
  'for',
  'function',
  'getopts',
  'hash',
  'if',
  'in',
  'jobs',
  'kill',
  'let',
  'local',
  'mapfile',
  'popd',
  'printf',
  'pushd',
  'pwd',
  'read',
  'readarray',
  'readonly',
  'return',
  'select',
  'set',
  'shift',
  'shopt',
  'source',
  'test',
  'then',
  'time',
  'trap',
  'true',
  'type',
  'typeset',
  'ulimit',
  'umask',
  'unalias',
  'unset',
  'until',
  'wait',
  'while',
];

// Tools every Debian slim image (coreutils, findutils, grep, sed, mawk, tar, gzip, util-linux…)
// and Alpine's busybox both have.
const BASE_TOOLS = [
  'awk',
  'base64',
  'basename',
  'cat',
  'chgrp',
  'chmod',
  'chown',
  'cksum',
  'clear',
  'cmp',
  'comm',
  'cp',
  'cut',
  'date',
  'dd',
  'df',
  'diff',
  'dirname',
  'du',
  'egrep',
  'env',
  'expand',
  'expr',
  'fgrep',
  'find',
  'fold',
  'getopt',
  'grep',
  'groups',
  'gunzip',
  'gzip',
  'head',
  'hostname',
  'id',
  'install',
  'join',
  'ln',
  'logger',
  'ls',
  'md5sum',
  'mkdir',
  'mkfifo',
  'mktemp',
  'more',
  'mv',
  'nice',
  'nl',
  'nohup',
  'nproc',
  'od',
  'paste',
  'printenv',
  'readlink',
  'realpath',
  'rev',
  'rm',
  'rmdir',
  'sed',
  'seq',
  'sh',
  'sha1sum',
  'sha256sum',
  'sha512sum',
  'sleep',
  'sort',
  'split',
  'stat',
  'stty',
  'sync',
  'tac',
  'tail',
  'tar',
  'tee',
  'timeout',
  'touch',
  'tr',
  'truncate',
  'tty',
  'uname',
  'uniq',
  'unexpand',
  'wc',
  'which',
  'whoami',
  'xargs',
  'yes',
  'zcat',
];

/** Commands that need no package: the shell's own words and the tools every base image has. */
export const COMMANDS_WITHOUT_PACKAGE: ReadonlySet<string> = new Set([...SHELL_OWN, ...BASE_TOOLS]);

/** Command → [Debian package, Alpine package]. */
const PACKAGES: Record<string, readonly [string, string]> = {
  aws: ['awscli', 'aws-cli'],
  bash: ['bash', 'bash'],
  bc: ['bc', 'bc'],
  bzip2: ['bzip2', 'bzip2'],
  column: ['bsdextrautils', 'util-linux-misc'],
  curl: ['curl', 'curl'],
  dig: ['dnsutils', 'bind-tools'],
  envsubst: ['gettext-base', 'gettext'],
  file: ['file', 'file'],
  git: ['git', 'git'],
  gpg: ['gnupg', 'gnupg'],
  host: ['dnsutils', 'bind-tools'],
  ip: ['iproute2', 'iproute2'],
  jq: ['jq', 'jq'],
  make: ['make', 'make'],
  mysql: ['default-mysql-client', 'mysql-client'],
  mysqldump: ['default-mysql-client', 'mysql-client'],
  nc: ['netcat-openbsd', 'netcat-openbsd'],
  node: ['nodejs', 'nodejs'],
  npm: ['npm', 'npm'],
  nslookup: ['dnsutils', 'bind-tools'],
  openssl: ['openssl', 'openssl'],
  perl: ['perl', 'perl'],
  pg_dump: ['postgresql-client', 'postgresql-client'],
  pg_restore: ['postgresql-client', 'postgresql-client'],
  pgrep: ['procps', 'procps'],
  ping: ['iputils-ping', 'iputils'],
  pkill: ['procps', 'procps'],
  ps: ['procps', 'procps'],
  psql: ['postgresql-client', 'postgresql-client'],
  python: ['python3', 'python3'],
  python3: ['python3', 'python3'],
  'redis-cli': ['redis-tools', 'redis'],
  rsync: ['rsync', 'rsync'],
  scp: ['openssh-client', 'openssh-client'],
  sftp: ['openssh-client', 'openssh-client'],
  sqlite3: ['sqlite3', 'sqlite'],
  ssh: ['openssh-client', 'openssh-client'],
  'ssh-add': ['openssh-client', 'openssh-client'],
  'ssh-agent': ['openssh-client', 'openssh-client'],
  'ssh-keygen': ['openssh-client', 'openssh-client'],
  'ssh-keyscan': ['openssh-client', 'openssh-client'],
  unzip: ['unzip', 'unzip'],
  wget: ['wget', 'wget'],
  xz: ['xz-utils', 'xz'],
  zip: ['zip', 'zip'],
};

// Commands that talk to servers over TLS: debian:12-slim has no CA certificates without this.
const NEEDS_CERTIFICATES = new Set(['aws', 'curl', 'git', 'wget']);

/** Whether the wizard knows a package that provides `command` (or it needs none). */
export function isKnownCommand(command: string): boolean {
  return COMMANDS_WITHOUT_PACKAGE.has(command) || command in PACKAGES;
}

/** The commands no known package provides, in the order given. */
export function unknownCommands(commands: readonly string[]): string[] {
  return commands.filter((command) => !isKnownCommand(command));
}

/**
 * The packages to install for the commands on a family, sorted and without duplicates;
 * ca-certificates joins when a command makes TLS connections.
 */
export function packagesForCommands(commands: readonly string[], family: ScriptFamily): string[] {
  const packages = new Set<string>();
  for (const command of commands) {
    const names = PACKAGES[command];
    if (names) packages.add(family === 'debian' ? names[0] : names[1]);
    if (NEEDS_CERTIFICATES.has(command)) packages.add('ca-certificates');
  }
  return [...packages].sort();
}
