/**
 * Detects a Rust crate or workspace (Cargo.toml): its binary targets (the package's src/main.rs,
 * src/bin/*, `[[bin]]`, in every workspace member), the toolchain it pins, Cargo.lock, OpenSSL, the
 * web framework and the address the chosen binary binds.
 */
import type { ProjectDetection } from '../../shared/wizard/project-detection';
import { defaultAnswers } from '../../shared/wizard/wizard-templates';
import type { ProjectFiles } from './project-files';
import { readTomlTables, type TomlTable, tomlString, tomlStrings, tomlTable } from './read-cargo-toml';

/** One binary target of the workspace. */
export interface CargoBinary {
  name: string;
  /** The package that owns it. */
  package: string;
  /** The crate's folder relative to the project (`.`, `crates/api`). */
  crateDir: string;
  /** Its main source file relative to the project. */
  source: string;
  /** The crate's dependency names. */
  dependencies: string[];
}

const FRAMEWORKS: [string, string][] = [
  ['axum', 'axum'],
  ['actix-web', 'Actix Web'],
  ['rocket', 'Rocket'],
  ['warp', 'warp'],
  ['poem', 'Poem'],
];

const join = (dir: string, path: string): string => (dir === '.' ? path : `${dir}/${path}`);

function dependencyNames(tables: readonly TomlTable[]): string[] {
  const names = new Set<string>();
  for (const table of tables) {
    if (table.name === 'dependencies') Object.keys(table.entries).forEach((name) => names.add(name));
    else if (table.name.startsWith('dependencies.')) names.add(table.name.slice('dependencies.'.length));
  }
  return [...names];
}

/** The binary targets of the crate in `dir`, as Cargo finds them (auto-discovered and `[[bin]]`). */
async function crateBinaries(files: ProjectFiles, dir: string, tables: TomlTable[]): Promise<CargoBinary[]> {
  const pkg = tomlString(tomlTable(tables, 'package'), 'name');
  if (pkg === null) return [];
  const dependencies = dependencyNames(tables);
  const found = new Map<string, string>();
  const auto =
    (tomlTable(tables, 'package')?.entries.autobins as { raw: string } | undefined)?.raw !== 'false';
  if (auto) {
    if (await files.hasFile(join(dir, 'src/main.rs'))) found.set(pkg, join(dir, 'src/main.rs'));
    for (const name of await files.list(join(dir, 'src/bin'))) {
      if (name.endsWith('.rs')) found.set(name.slice(0, -3), join(dir, `src/bin/${name}`));
      else if (await files.hasFile(join(dir, `src/bin/${name}/main.rs`)))
        found.set(name, join(dir, `src/bin/${name}/main.rs`));
    }
  }
  for (const table of tables.filter((entry) => entry.array && entry.name === 'bin')) {
    const path = tomlString(table, 'path');
    const name = tomlString(table, 'name') ?? pkg;
    // A [[bin]] for an auto-discovered file renames it rather than adding one.
    for (const [other, source] of found) if (path !== null && source === join(dir, path)) found.delete(other);
    found.set(name, path === null ? (found.get(name) ?? join(dir, 'src/main.rs')) : join(dir, path));
  }
  return [...found].map(([name, source]) => ({ name, package: pkg, crateDir: dir, source, dependencies }));
}

/** The member folders of a workspace, with `crates/*` globs expanded. */
async function workspaceMembers(
  files: ProjectFiles,
  members: readonly string[],
  excluded: readonly string[],
): Promise<string[]> {
  const dirs: string[] = [];
  for (const member of members) {
    const clean = member.replace(/\/+$/, '');
    if (clean.endsWith('/*')) {
      const parent = clean.slice(0, -2);
      for (const name of await files.list(parent)) dirs.push(`${parent}/${name}`);
    } else dirs.push(clean);
  }
  return dirs.filter((dir) => !excluded.includes(dir));
}

/** The exact toolchain the project pins in rust-toolchain.toml or rust-toolchain, when it is a version. */
async function pinnedToolchain(files: ProjectFiles): Promise<{ version: string; file: string } | null> {
  const toml = await files.read('rust-toolchain.toml');
  const channel =
    toml !== null
      ? tomlString(tomlTable(readTomlTables(toml), 'toolchain'), 'channel')
      : ((await files.read('rust-toolchain'))?.trim() ?? null);
  const version = /^(\d+\.\d+(?:\.\d+)?)$/.exec(channel ?? '')?.[1];
  return version ? { version, file: toml !== null ? 'rust-toolchain.toml' : 'rust-toolchain' } : null;
}

/** The port and address a binary's source binds, read from its literals. */
export function rustListening(source: string): { port: number | null; loopback: boolean } {
  const ports = new Set<number>();
  let loopback = false;
  const code = source.replace(/^\s*\/\/.*$/gm, '');
  for (const match of code.matchAll(/"(0\.0\.0\.0|127\.0\.0\.1|localhost|\[::\]):(\d{2,5})"/g)) {
    ports.add(Number(match[2]));
    if (match[1] !== '0.0.0.0' && match[1] !== '[::]') loopback = true;
  }
  for (const match of code.matchAll(/\(\s*"(0\.0\.0\.0|127\.0\.0\.1|localhost)"\s*,\s*(\d{2,5})\s*\)/g)) {
    ports.add(Number(match[2]));
    if (match[1] !== '0.0.0.0') loopback = true;
  }
  for (const match of code.matchAll(
    /\(\s*\[\s*(\d+)\s*,\s*\d+\s*,\s*\d+\s*,\s*\d+\s*\]\s*,\s*(\d{2,5})\s*\)/g,
  )) {
    ports.add(Number(match[2]));
    if (match[1] === '127') loopback = true;
  }
  return { port: ports.size === 1 ? [...ports][0]! : null, loopback };
}

/** Which binary to build: the root package's, else one with a web framework, else the first. */
function preferredBinary(
  binaries: readonly CargoBinary[],
  rootPackage: string | null,
): CargoBinary | undefined {
  return (
    binaries.find((binary) => binary.crateDir === '.' && binary.name === rootPackage) ??
    binaries.find((binary) => FRAMEWORKS.some(([crate]) => binary.dependencies.includes(crate))) ??
    binaries[0]
  );
}

/** A Rust crate or workspace, or null without Cargo.toml. */
export async function detectRustProject(files: ProjectFiles): Promise<ProjectDetection | null> {
  const cargo = await files.read('Cargo.toml');
  if (cargo === null) return null;
  const root = readTomlTables(cargo);
  const answers = defaultAnswers('rust');
  const evidence: string[] = [];
  const suggestions: Record<string, string[]> = {};
  const workspace = tomlTable(root, 'workspace');
  const rootPackage = tomlString(tomlTable(root, 'package'), 'name');

  const binaries = await crateBinaries(files, '.', root);
  if (workspace) {
    const members = await workspaceMembers(
      files,
      tomlStrings(workspace, 'members'),
      tomlStrings(workspace, 'exclude'),
    );
    evidence.push(`Cargo.toml: a workspace of ${members.length} crates`);
    for (const dir of members) {
      const text = await files.read(`${dir}/Cargo.toml`);
      if (text !== null) binaries.push(...(await crateBinaries(files, dir, readTomlTables(text))));
    }
  } else {
    evidence.push(`Cargo.toml: the crate ${rootPackage ?? '(unnamed)'}`);
  }
  answers.binaries = binaries.map((binary) => binary.name);
  const chosen = preferredBinary(binaries, rootPackage);
  if (chosen) {
    answers.binary = chosen.name;
    answers.package = workspace ? chosen.package : null;
    suggestions.binary = [chosen.name, ...answers.binaries.filter((name) => name !== chosen.name)];
    evidence.push(
      binaries.length > 1
        ? `${binaries.length} binaries (${answers.binaries.join(', ')}): building ${chosen.name}`
        : `the binary ${chosen.name} (${chosen.source})`,
    );
  } else {
    evidence.push('no binary target: a library crate');
  }

  const pinned = await pinnedToolchain(files);
  const declared =
    tomlString(tomlTable(root, 'package'), 'rust-version') ??
    tomlString(tomlTable(root, 'workspace.package'), 'rust-version');
  const edition =
    tomlString(tomlTable(root, 'package'), 'edition') ??
    tomlString(tomlTable(root, 'workspace.package'), 'edition');
  const version = pinned?.version ?? (/^\d+\.\d+(\.\d+)?$/.test(declared ?? '') ? declared : null);
  if (version !== null) {
    answers.rustVersion = version;
    const minor = version.split('.').slice(0, 2).join('.');
    suggestions.rustVersion = version === minor ? [version] : [version, minor];
    evidence.push(pinned ? `channel ${version} in ${pinned.file}` : `rust-version ${version} in Cargo.toml`);
  } else if (edition === '2024') {
    // Edition 2024 needs Rust 1.85 or later.
    answers.rustVersion = '1.85';
    evidence.push('edition 2024: Rust 1.85 or later');
  }

  const lock = await files.read('Cargo.lock');
  answers.locked = lock !== null;
  evidence.push(
    lock !== null ? 'Cargo.lock: building --locked' : 'no Cargo.lock: versions resolved at build time',
  );
  answers.openssl = lock !== null && /^name = "openssl-sys"$/m.test(lock);
  if (answers.openssl) evidence.push('openssl-sys in Cargo.lock: libssl-dev to build, libssl3 to run');

  const framework = FRAMEWORKS.find(([crate]) => chosen?.dependencies.includes(crate))?.[1] ?? null;
  if (framework)
    evidence.push(`${framework} in ${chosen!.crateDir === '.' ? '' : `${chosen!.crateDir}/`}Cargo.toml`);
  const source = chosen ? ((await files.read(chosen.source)) ?? '') : '';
  const listening = rustListening(source);
  answers.listens = framework !== null;
  answers.loopback = listening.loopback;
  answers.port = listening.port;
  if (framework === 'Rocket' && listening.port === null) {
    // Rocket listens on 127.0.0.1:8000 unless told otherwise.
    answers.port = 8000;
    answers.env.push({ name: 'ROCKET_ADDRESS', value: '0.0.0.0' });
    evidence.push("Rocket's default port 8000, on all addresses through ROCKET_ADDRESS");
  } else if (answers.port !== null) {
    evidence.push(`port ${answers.port} in ${chosen!.source}`);
  } else if (framework !== null) {
    evidence.push(`no port found in ${chosen!.source}: set it in Port`);
  }
  return {
    template: 'rust',
    language: 'rust',
    stack: ['Rust', 'Cargo', ...(framework ? [framework] : [])],
    suggestions,
    evidence,
    answers,
  };
}
