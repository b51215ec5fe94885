/**
 * Rust: one binary built with Cargo in a rust:<version>-slim-bookworm stage and copied alone into
 * Debian 12 slim (useradd, a shell) or distroless cc (glibc and libgcc, no shell). The builder is
 * pinned to bookworm so the binary links against the same glibc the final image has.
 */
import {
  appDefaults,
  BASE_IMAGE_OPTION,
  ENV_STEP,
  envOption,
  EXPOSE_STEP,
  START_STEP,
  startOptions,
  USER_STEP,
  userOption,
  WORKDIR_OPTION,
  WORKDIR_STEP,
} from '../common-steps';
import {
  BLANK,
  closingLines,
  type DockerfileLine,
  envLine,
  familyFor,
  line,
  packagesLine,
  present,
  userLines,
} from '../dockerfile-writer';
import type { ImageFamily } from '../../dockerfile/lint/image-family';
import type { AppAnswers } from '../wizard-answers';
import type { WizardOption, WizardProblem, WizardTemplate } from '../wizard-template';

/** A Rust binary built with Cargo and shipped alone. */
export interface RustAnswers extends AppAnswers {
  template: 'rust';
  /** The Rust release of the builder tag: a line (`1.83`) or exact (`1.79.0`). */
  rustVersion: string;
  /** The binary target to build and run (`cargo build --bin <binary>`). */
  binary: string;
  /** The workspace member that owns the binary (`cargo build -p <package>`); null for a single crate. */
  package: string | null;
  /** Every binary target detection found (`api`, `worker`); null when nobody looked. */
  binaries: string[] | null;
  /** Build with --locked: Cargo.lock is committed, so the image gets exactly those versions. */
  locked: boolean;
  runtime: 'debian' | 'distroless';
  /** The crates link OpenSSL (openssl-sys in Cargo.lock): the builder needs its headers, the image libssl3. */
  openssl: boolean;
  /** The binary is a web server (axum, Actix Web, Rocket…), so it needs a port. */
  listens: boolean;
  /** Its code binds 127.0.0.1 or localhost, which nothing outside the container can reach. */
  loopback: boolean;
}

const RUNTIME_IMAGES: Record<RustAnswers['runtime'], string> = {
  debian: 'debian:12-slim',
  distroless: 'gcr.io/distroless/cc-debian12:nonroot',
};

const RUNTIME_DETAILS: Record<RustAnswers['runtime'], string> = {
  debian: 'Debian 12 slim, about 75 MB: a shell and apt for debugging',
  distroless: 'distroless cc, about 25 MB: glibc, libgcc, CA certificates and libssl, no shell',
};

/** The builder image: `rust:1.83-slim-bookworm`. */
export function rustBuilderImage(answers: RustAnswers): string {
  return `rust:${answers.rustVersion}-slim-bookworm`;
}

/** The image the binary runs in. */
export function rustRuntimeImage(answers: RustAnswers): string {
  return answers.baseImage ?? RUNTIME_IMAGES[answers.runtime];
}

/** The suggested start command: the binary itself. */
export function suggestedRustStart(answers: RustAnswers): string {
  return `/usr/local/bin/${answers.binary}`;
}

/** The cargo command that builds the binary. */
export function cargoBuildCommand(answers: RustAnswers): string {
  return [
    'cargo build --release',
    answers.locked ? '--locked' : null,
    answers.package ? `-p ${answers.package}` : null,
    `--bin ${answers.binary}`,
  ]
    .filter((part) => part !== null)
    .join(' ');
}

/** The Dockerfile lines for a Rust binary. */
export function writeRust(answers: RustAnswers): DockerfileLine[] {
  const runtime = rustRuntimeImage(answers);
  const family = familyFor(answers.baseFamily, runtime);
  const user = userLines(family, answers.user);
  const binary = suggestedRustStart(answers);
  return present([
    line(
      `FROM ${rustBuilderImage(answers)} AS build`,
      `Build stage: Rust ${answers.rustVersion} and Cargo on Debian 12; none of it ships`,
    ),
    answers.openssl ? packagesLine('debian', ['pkg-config', 'libssl-dev']) : null,
    line('WORKDIR /src', 'Work in this folder'),
    line('COPY . .', 'Copy the workspace: Cargo needs every member to resolve the build'),
    line(
      `RUN ${cargoBuildCommand(answers)}`,
      answers.locked
        ? 'Compile in release mode with exactly the versions in Cargo.lock'
        : 'Compile in release mode (no Cargo.lock: versions are resolved now)',
    ),
    BLANK,
    line(`FROM ${runtime}`, `Final image: ${RUNTIME_DETAILS[answers.runtime]}`),
    answers.openssl ? packagesLine(family, ['libssl3', 'ca-certificates']) : null,
    envLine(answers.env, 'Settings for the program'),
    user.create,
    line(`WORKDIR ${answers.workdir}`, 'Work in this folder'),
    line(
      `COPY --from=build /src/target/release/${answers.binary} ${binary}`,
      'Take only the compiled binary from the build stage',
    ),
    ...closingLines(answers, user, binary),
  ]);
}

/** What the image may get wrong even though it builds. */
export function rustCautions(answers: RustAnswers): WizardProblem[] {
  const cautions: WizardProblem[] = [];
  const others = (answers.binaries ?? []).filter((name) => name !== answers.binary);
  if (others.length > 0) {
    cautions.push({
      field: 'binary',
      message:
        `${others.length + 1} binaries: building \`${answers.binary}\` (also ${others.map((name) => `\`${name}\``).join(', ')}); ` +
        'choose in Build.',
    });
  }
  if (answers.binaries !== null && answers.binaries.length === 0) {
    cautions.push({
      field: 'binary',
      message:
        'No binary target was found (no src/main.rs, src/bin/ or [[bin]]): a library crate builds no program to start.',
    });
  }
  if (answers.loopback) {
    cautions.push({
      field: 'port',
      message:
        'The code binds 127.0.0.1 (or localhost): inside a container nothing outside can reach that address. ' +
        'Bind 0.0.0.0 instead.',
    });
  }
  if (answers.listens && answers.port === null) {
    cautions.push({
      field: 'port',
      message: 'The program is a web server, but no port was found in its code: set the port it listens on.',
    });
  }
  return cautions;
}

function checkRust(answers: RustAnswers, family: ImageFamily): WizardProblem[] {
  const problems: WizardProblem[] = [];
  if (!/^[A-Za-z0-9_-]+$/.test(answers.binary)) {
    problems.push({ field: 'binary', message: 'A Cargo binary name has letters, digits, "_" and "-" only.' });
  }
  if (answers.package !== null && !/^[A-Za-z0-9_-]+$/.test(answers.package)) {
    problems.push({ field: 'package', message: 'A crate name has letters, digits, "_" and "-" only.' });
  }
  if (!/^\d+\.\d+(\.\d+)?$/.test(answers.rustVersion)) {
    problems.push({ field: 'rustVersion', message: 'Write a Rust release such as 1.83 or 1.79.0.' });
  }
  if (
    family === 'distroless' &&
    answers.user.kind === 'existing' &&
    !/^(\d+(:\d+)?|nonroot)$/.test(answers.user.name)
  ) {
    problems.push({
      field: 'user',
      message: 'distroless has only the nonroot user: use nonroot or a numeric id.',
    });
  }
  return problems;
}

const OPTIONS: readonly WizardOption<RustAnswers>[] = [
  {
    key: 'rustVersion',
    step: 'base',
    label: 'Rust version',
    help: 'The `rust-version` in Cargo.toml or the channel in rust-toolchain.toml is suggested first.',
    kind: 'choice',
    choices: ['1.83', '1.82', '1.80'].map((value) => ({ value, label: `Rust ${value}` })),
    examples: ['1.83', '1.79.0'],
  },
  {
    key: 'runtime',
    step: 'base',
    label: 'Final image',
    help: 'Where the binary runs.',
    kind: 'choice',
    choices: (['debian', 'distroless'] as const).map((value) => ({
      value,
      label: value === 'debian' ? 'Debian 12 slim' : 'distroless cc',
      detail: RUNTIME_DETAILS[value],
    })),
    examples: ['debian', 'distroless'],
  },
  BASE_IMAGE_OPTION,
  {
    key: 'binary',
    step: 'build',
    label: 'Binary',
    help: 'The binary target: the package name for src/main.rs, the file name for src/bin/<name>.rs, or a `[[bin]]` name.',
    kind: 'text',
    examples: ['app', 'api-server'],
  },
  {
    key: 'package',
    step: 'build',
    label: 'Workspace member',
    help: 'In a workspace, the crate that owns the binary; empty for a single crate.',
    kind: 'text',
    examples: [null, 'api'],
  },
  {
    key: 'locked',
    step: 'build',
    label: 'Use Cargo.lock (--locked)',
    help: 'Build exactly the versions in Cargo.lock; the build fails instead of silently updating them.',
    kind: 'boolean',
    examples: [true, false],
  },
  {
    key: 'openssl',
    step: 'build',
    label: 'Links OpenSSL',
    help: 'Crates such as `openssl-sys` (reqwest with native-tls) need pkg-config and libssl-dev to build, libssl3 to run.',
    kind: 'boolean',
    examples: [false, true],
  },
  envOption(),
  WORKDIR_OPTION,
  userOption(
    [
      { kind: 'create', name: 'app', uid: 10001 },
      { kind: 'existing', name: '65532:65532' },
    ],
    'A new unprivileged user, or an existing one; on distroless a numeric id (it has no useradd).',
  ),
  ...startOptions([8080, null], [null, '/usr/local/bin/app --port 8080']),
];

/** The Rust template. */
export const rustTemplate: WizardTemplate<RustAnswers> = {
  id: 'rust',
  title: 'Rust',
  summary: 'A Rust program compiled with Cargo in a build stage and shipped alone in a small image.',
  assumes:
    'Builder: rust slim on Debian 12. Final: Debian 12 slim (apt, useradd) or distroless cc (numeric user, no shell).',
  steps: [
    {
      id: 'base',
      title: 'Final image',
      instructions: ['FROM'],
      explanation:
        'Rust compiles to one program, so the image you ship needs only the C library it links against. The build runs ' +
        'in a first stage on the rust image (about 800 MB with Cargo); the final stage starts from Debian 12 slim (about ' +
        '75 MB, with a shell) or distroless cc (about 25 MB, no shell) and copies just the binary. The builder is the ' +
        'bookworm variant on purpose: a binary built against a newer glibc than the final image has does not start.',
    },
    {
      id: 'build',
      title: 'Build',
      instructions: ['COPY', 'RUN', 'COPY --from'],
      explanation:
        '`cargo build --release` compiles with optimisations; `--locked` uses exactly the versions in Cargo.lock and ' +
        'fails instead of updating them. In a workspace `-p <crate>` picks the member and `--bin <name>` the program. ' +
        'The whole folder is copied before the build, so a code edit compiles the dependencies again: Cargo has no ' +
        'step that fetches and builds them from Cargo.toml alone.',
    },
    ENV_STEP,
    USER_STEP,
    WORKDIR_STEP,
    EXPOSE_STEP,
    START_STEP,
  ],
  options: OPTIONS,
  write: writeRust,
  ignore: () => [{ comment: 'Rust: build output (the build runs inside the image)', patterns: ['target'] }],
  cautions: rustCautions,
  check: checkRust,
  suggestedStart: suggestedRustStart,
  finalBaseImage: rustRuntimeImage,
  defaults: {
    template: 'rust',
    ...appDefaults(null),
    rustVersion: '1.83',
    binary: 'app',
    package: null,
    binaries: null,
    locked: true,
    runtime: 'debian',
    openssl: false,
    listens: false,
    loopback: false,
  },
};
