/**
 * Detects a Rust crate (Cargo.toml); it has no template of its own yet and gets a custom
 * multi-stage Dockerfile.
 */
import type { ProjectDetection } from '../../shared/wizard/project-detection';
import type { CustomInstruction } from '../../shared/wizard/wizard-answers';
import type { ProjectFiles } from './project-files';

const USER_SETUP =
  'groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app';

/** A Rust crate as custom instructions (no Rust template), or null without Cargo.toml. */
export async function detectRustProject(files: ProjectFiles): Promise<ProjectDetection | null> {
  const cargo = await files.read('Cargo.toml');
  if (cargo === null) return null;
  const evidence = ['Cargo.toml: a Rust crate (no Rust template: prefilled custom instructions)'];
  const name = /^\s*name\s*=\s*"([^"]+)"/m.exec(cargo)?.[1] ?? 'app';
  const rustVersion = /^\s*rust-version\s*=\s*"(\d+\.\d+)/m.exec(cargo)?.[1];
  if (rustVersion) evidence.push(`rust-version ${rustVersion} in Cargo.toml`);
  const locked = await files.hasFile('Cargo.lock');
  const instructions: CustomInstruction[] = [
    { keyword: 'FROM', value: `rust:${rustVersion ?? '1.83'}-slim AS build` },
    { keyword: 'WORKDIR', value: '/src' },
    { keyword: 'COPY', value: '. .' },
    { keyword: 'RUN', value: `cargo build --release${locked ? ' --locked' : ''}` },
    { keyword: 'FROM', value: 'debian:12-slim' },
    { keyword: 'RUN', value: USER_SETUP },
    { keyword: 'COPY', value: `--from=build /src/target/release/${name} /usr/local/bin/${name}` },
    { keyword: 'USER', value: 'app' },
    { keyword: 'CMD', value: `/usr/local/bin/${name}` },
  ];
  return {
    template: 'custom',
    language: 'rust',
    stack: ['Rust', 'Cargo'],
    suggestions: {},
    evidence,
    answers: { template: 'custom', instructions },
  };
}
