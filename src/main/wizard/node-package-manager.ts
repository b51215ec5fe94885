/**
 * Which package manager a Node.js project uses, at which version, and which of its files the
 * install reads: from the lockfiles, `packageManager` in package.json (exact, as Corepack uses
 * it), `.yarnrc.yml` and the lockfiles' own format versions.
 */
import type { NodeInstall, NodePackageManager } from '../../shared/wizard/templates/node-install';
import { jsonString, type ProjectFiles } from './project-files';

/** What detection found about the install. */
export interface PackageManagerFinding extends NodeInstall {
  /** The name users say: npm, Yarn, pnpm, Bun. */
  display: string;
}

// Checked in this order when package.json names no package manager; the first found wins.
const LOCKFILES: [string, NodePackageManager][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['yarn.lock', 'yarn'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];
// Lockfiles the template does not assume by default; detection lists them among the install files.
const OTHER_LOCKFILES = new Set(['bun.lockb', 'npm-shrinkwrap.json']);

const DISPLAY: Record<NodePackageManager, string> = {
  npm: 'npm',
  yarn: 'Yarn',
  'yarn-berry': 'Yarn',
  pnpm: 'pnpm',
  bun: 'Bun',
};

/** `pnpm@9.1.0+sha512.…` → pnpm, 9.1.0; null when the field is missing or names something else. */
export function parsePackageManagerField(
  value: string | null,
): { name: string; version: string | null } | null {
  const match = /^(npm|yarn|pnpm|bun)(?:@v?([^+\s]+))?/.exec(value?.trim() ?? '');
  if (!match) return null;
  return { name: match[1]!, version: match[2] ?? null };
}

/** The package manager, its version, the lockfile and the files the install needs. */
export async function detectPackageManager(
  files: ProjectFiles,
  manifest: unknown,
  evidence: string[],
): Promise<PackageManagerFinding> {
  const field = jsonString(manifest, 'packageManager');
  const declared = parsePackageManagerField(field);
  const found: [string, NodePackageManager][] = [];
  for (const entry of LOCKFILES) if (await files.hasFile(entry[0])) found.push(entry);

  const declaredKind =
    declared?.name === 'yarn' ? 'yarn' : (declared?.name as NodePackageManager | undefined);
  const lockfile = found.find(([, manager]) => manager === declaredKind) ?? (declared ? undefined : found[0]);
  let packageManager: NodePackageManager = declaredKind ?? lockfile?.[1] ?? 'npm';
  if (declared && field) evidence.push(`"packageManager" in package.json: ${field.split('+')[0]}`);
  if (lockfile) evidence.push(`${lockfile[0]}: ${DISPLAY[packageManager]}`);
  else evidence.push('no lockfile: installs cannot be exact (commit one)');
  const ignored = found.filter((entry) => entry !== lockfile).map(([file]) => file);
  if (ignored.length > 0) evidence.push(`also found ${ignored.join(', ')}; not used`);

  let version = declared?.name === packageManager ? declared.version : null;
  const installFiles: string[] = [];
  if (lockfile && OTHER_LOCKFILES.has(lockfile[0])) installFiles.push(lockfile[0]);

  if (packageManager === 'yarn') {
    const berry = await yarnBerry(files, version, evidence);
    if (berry) {
      packageManager = 'yarn-berry';
      version ??= berry.version;
      installFiles.push(...berry.files);
    }
  } else if (packageManager === 'pnpm') {
    version ??= await pnpmLine(files, evidence);
    if (await files.hasFile('pnpm-workspace.yaml')) installFiles.push('pnpm-workspace.yaml');
    if (await files.hasFile('.pnpmfile.cjs')) installFiles.push('.pnpmfile.cjs');
  } else if (packageManager === 'bun') {
    // bun.lockb is the binary lockfile Bun wrote before 1.2.
    version ??= lockfile?.[0] === 'bun.lockb' ? '1.1' : null;
  }
  installFiles.push(...(await npmrc(files, evidence)));
  if (await files.hasDirectory('patches')) {
    installFiles.push('patches/');
    evidence.push('patches/: patched dependencies, copied before the install');
  }
  if (packageManager === 'npm' || packageManager === 'yarn') version = null;
  return {
    packageManager,
    packageManagerVersion: version,
    lockfile: lockfile !== undefined,
    installFiles,
    display: DISPLAY[packageManager],
  };
}

/** Yarn 2 and later: .yarnrc.yml, a `__metadata` lockfile or a declared version 2+; null for Yarn 1. */
async function yarnBerry(
  files: ProjectFiles,
  declaredVersion: string | null,
  evidence: string[],
): Promise<{ version: string | null; files: string[] } | null> {
  const yarnrc = await files.read('.yarnrc.yml');
  const lock = (await files.read('yarn.lock')) ?? '';
  const declaredMajor = Number(/^(\d+)/.exec(declaredVersion ?? '')?.[1] ?? NaN);
  const berry =
    declaredMajor >= 2 || (Number.isNaN(declaredMajor) && (yarnrc !== null || /^__metadata:/m.test(lock)));
  if (!berry) {
    if (lock.includes('# yarn lockfile v1')) evidence.push('yarn.lock is a Yarn 1 (classic) lockfile');
    return null;
  }
  const installFiles: string[] = [];
  let version: string | null = null;
  if (yarnrc !== null) {
    installFiles.push('.yarnrc.yml');
    const yarnPath = /^yarnPath:\s*["']?([^"'\s]+)/m.exec(yarnrc)?.[1];
    if (yarnPath) {
      version = /yarn-(\d+\.\d+\.\d+)\.c?js$/.exec(yarnPath)?.[1] ?? null;
      const folder = yarnPath.replace(/^\.\//, '').replace(/[^/]+$/, '');
      if (folder) installFiles.push(folder);
      evidence.push(`.yarnrc.yml: yarnPath ${yarnPath}, copied before the install`);
    }
    if (await files.hasDirectory('.yarn/plugins')) installFiles.push('.yarn/plugins/');
    const linker = /^nodeLinker:\s*["']?([\w-]+)/m.exec(yarnrc)?.[1] ?? 'pnp';
    if (linker === 'pnp')
      evidence.push("Yarn Plug'n'Play: the image installs into node_modules instead (YARN_NODE_LINKER)");
  }
  const metadata = /^__metadata:\s*\n\s+version:\s*(\d+)/m.exec(lock)?.[1];
  if (!version && !declaredVersion && metadata) {
    // The lockfile format says which Yarn wrote it: 4 and 5 for Yarn 2, 6 for Yarn 3, 8 for Yarn 4.
    version = Number(metadata) >= 8 ? '4' : Number(metadata) >= 6 ? '3' : '2';
  }
  evidence.push(`Yarn ${declaredVersion ?? version ?? '2+'} (Berry): installed through Corepack`);
  return { version, files: installFiles };
}

/** The pnpm line that writes the lockfile's format: 9.0 → pnpm 9, 6.x → pnpm 8, 5.4 → pnpm 7. */
async function pnpmLine(files: ProjectFiles, evidence: string[]): Promise<string | null> {
  const lock = await files.read('pnpm-lock.yaml');
  const format = /^lockfileVersion:\s*['"]?(\d+)(?:\.(\d+))?/m.exec(lock ?? '');
  if (!format) return null;
  const major = Number(format[1]);
  const line = major >= 9 ? '9' : major >= 6 ? '8' : major === 5 && Number(format[2]) >= 4 ? '7' : '6';
  evidence.push(`pnpm-lock.yaml format ${format[1]}${format[2] ? `.${format[2]}` : ''}: pnpm ${line}`);
  return line;
}

/** .npmrc changes how installs resolve; it is copied unless it holds a credential. */
async function npmrc(files: ProjectFiles, evidence: string[]): Promise<string[]> {
  const text = await files.read('.npmrc');
  if (text === null) return [];
  if (/_auth|token|password/i.test(text)) {
    evidence.push('.npmrc holds a credential: not copied into the image (pass it as a build secret)');
    return [];
  }
  evidence.push('.npmrc: install settings, copied before the install');
  return ['.npmrc'];
}
