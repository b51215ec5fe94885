/**
 * Go: a static binary (CGO_ENABLED=0) built in a golang stage and copied into a tiny final image.
 * The builder defaults to golang's Alpine variant; the final image to Alpine (busybox adduser),
 * with distroless and scratch (no shell: numeric user) as smaller choices. Code that uses cgo is
 * built with CGO_ENABLED=1 and needs a C library at run time: Debian 12 slim with the bookworm builder.
 */
import {
  appDefaults,
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
  type DockerfileLine,
  envLine,
  familyFor,
  line,
  present,
  closingLines,
  userLines,
} from '../dockerfile-writer';
import type { AppAnswers } from '../wizard-answers';
import type { ImageFamily } from '../../dockerfile/lint/image-family';
import type { WizardOption, WizardProblem, WizardTemplate } from '../wizard-template';

/** A Go program built in a golang stage and copied into a tiny final image. */
export interface GoAnswers extends AppAnswers {
  template: 'go';
  /** The Go release of the builder tag: a line (`1.22`) or exact (`1.22.3`, from a toolchain line). */
  goVersion: string;
  builderVariant: 'alpine' | 'debian';
  /** Replaces the builder image; null for golang:<version>-<variant>. */
  builderImage: string | null;
  runtime: 'alpine' | 'debian' | 'distroless' | 'scratch';
  /** The package to build: `.` or `./cmd/server`. */
  mainPackage: string;
  /** Every main package detection found in the module (`.`, `./cmd/api`); null when nobody looked. */
  mainPackages: string[] | null;
  /** Some file imports "C": the build needs a C compiler and the binary a C library. */
  cgo: boolean;
  /** The main package starts a server (net/http, Gin, Echo, Fiber), so it needs a port. */
  listens: boolean;
  binaryName: string;
  /** Whether the project has a go.sum (a module without dependencies has none). */
  hasGoSum: boolean;
}

const RUNTIME_IMAGES: Record<GoAnswers['runtime'], string> = {
  alpine: 'alpine:3.20',
  debian: 'debian:12-slim',
  distroless: 'gcr.io/distroless/static-debian12:nonroot',
  scratch: 'scratch',
};

const RUNTIME_DETAILS: Record<GoAnswers['runtime'], string> = {
  alpine: 'Alpine, about 8 MB: has a shell for debugging',
  debian: 'Debian 12 slim, about 75 MB: glibc for programs built with cgo',
  distroless: 'distroless static, about 2 MB: CA certificates and time zones, no shell',
  scratch: 'empty, 0 MB plus your binary: nothing else at all',
};

/** The golang builder image: `golang:1.23-alpine` or `golang:1.23-bookworm`. */
export function goBuilderImage(answers: GoAnswers): string {
  return (
    answers.builderImage ??
    `golang:${answers.goVersion}-${answers.builderVariant === 'alpine' ? 'alpine' : 'bookworm'}`
  );
}

/** The final image the binary runs in. */
export function goRuntimeImage(answers: GoAnswers): string {
  return answers.baseImage ?? RUNTIME_IMAGES[answers.runtime];
}

/** The suggested start command: the binary itself. */
export function suggestedGoStart(answers: GoAnswers): string {
  return `/usr/local/bin/${answers.binaryName}`;
}

/** The Dockerfile lines for a Go program. */
export function writeGo(answers: GoAnswers): DockerfileLine[] {
  const runtime = goRuntimeImage(answers);
  const family = familyFor(answers.baseFamily, runtime);
  const user = userLines(family, answers.user);
  const binary = `/usr/local/bin/${answers.binaryName}`;
  return present([
    line(
      `FROM ${goBuilderImage(answers)} AS build`,
      `Build stage: Go ${answers.goVersion} and its tools; none of it ships`,
    ),
    answers.cgo
      ? line('ENV CGO_ENABLED=1', 'The code uses cgo: compile its C parts, linking the C library')
      : line(
          'ENV CGO_ENABLED=0',
          'Build a static binary that needs no C library, so it runs even on scratch',
        ),
    line('WORKDIR /src', 'Work in this folder'),
    line(
      `COPY ${answers.hasGoSum ? 'go.mod go.sum' : 'go.mod'} ./`,
      'Copy only the module files first, so the download below stays cached',
    ),
    line('RUN go mod download', 'Download the dependencies listed in go.mod'),
    line('COPY . .', 'Copy the code after the download, so code edits do not download again'),
    line(
      `RUN go build -trimpath -ldflags="-s -w" -o /out/${answers.binaryName} ${answers.mainPackage}`,
      'Compile; -s -w drop debug symbols and make the binary smaller',
    ),
    BLANK,
    line(`FROM ${runtime}`, `Final image: ${RUNTIME_DETAILS[answers.runtime]}`),
    answers.runtime === 'scratch'
      ? line(
          'COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/',
          'scratch has no CA certificates: copy them so HTTPS calls work',
        )
      : null,
    envLine(answers.env, 'Settings for the program'),
    user.create,
    line(`WORKDIR ${answers.workdir}`, 'Work in this folder'),
    line(
      `COPY --from=build /out/${answers.binaryName} ${binary}`,
      'Take only the compiled binary from the build stage',
    ),
    ...closingLines(answers, user, suggestedGoStart(answers)),
  ]);
}

/** What the image may get wrong even though it builds. */
export function goCautions(answers: GoAnswers): WizardProblem[] {
  const cautions: WizardProblem[] = [];
  const packages = answers.mainPackages;
  if (packages !== null && packages.length > 1) {
    cautions.push({
      field: 'mainPackage',
      message: `${packages.length} main packages: building ${answers.mainPackage}; choose in Build.`,
    });
  }
  if (packages !== null && packages.length === 0) {
    cautions.push({
      field: 'mainPackage',
      message:
        'No `package main` was found in the module: `go build` makes no program for the image to start.',
    });
  }
  if (answers.cgo) {
    if (answers.builderVariant === 'alpine' && answers.builderImage === null) {
      cautions.push({
        field: 'builderVariant',
        message:
          'The code imports "C" (cgo), and golang alpine has no C compiler: choose the bookworm builder.',
      });
    }
    if (answers.baseImage === null && (answers.runtime === 'scratch' || answers.runtime === 'distroless')) {
      cautions.push({
        field: 'runtime',
        message: `The code imports "C" (cgo): the binary needs the C library, which ${answers.runtime} does not have; choose Debian 12 slim.`,
      });
    }
    if (answers.baseImage === null && answers.runtime === 'alpine' && answers.builderVariant === 'debian') {
      cautions.push({
        field: 'runtime',
        message:
          'The code imports "C" (cgo): built on bookworm it links glibc, which Alpine does not have (the start fails with "not found"); choose Debian 12 slim.',
      });
    }
  }
  if (answers.listens && answers.port === null) {
    cautions.push({
      field: 'port',
      message: 'The program starts a server, but no port was found in its code: set the port it listens on.',
    });
  }
  return cautions;
}

function checkGo(answers: GoAnswers, family: ImageFamily): WizardProblem[] {
  const problems: WizardProblem[] = [];
  if (!/^[A-Za-z0-9._-]+$/.test(answers.binaryName)) {
    problems.push({ field: 'binaryName', message: 'Use letters, digits, ".", "_" and "-" only.' });
  }
  if (!answers.mainPackage.startsWith('.')) {
    problems.push({
      field: 'mainPackage',
      message: 'Write the package as a relative path: "." or ./cmd/server.',
    });
  }
  if (family === 'scratch' && answers.user.kind === 'existing' && !/^\d+(:\d+)?$/.test(answers.user.name)) {
    problems.push({
      field: 'user',
      message: 'scratch has no /etc/passwd: use a numeric id such as 65532:65532.',
    });
  }
  return problems;
}

const OPTIONS: readonly WizardOption<GoAnswers>[] = [
  {
    key: 'goVersion',
    step: 'base',
    label: 'Go version',
    help: 'The `toolchain` line of go.mod (exact), else its `go` line; the minor line is the alternative.',
    kind: 'choice',
    choices: ['1.24', '1.23', '1.22'].map((value) => ({ value, label: `Go ${value}` })),
    examples: ['1.24', '1.23', '1.22', '1.22.3'],
  },
  {
    key: 'builderVariant',
    step: 'build',
    label: 'Builder image',
    help: 'Only for building; it never ships.',
    kind: 'choice',
    choices: [
      { value: 'alpine', label: 'golang alpine', detail: 'smaller download' },
      { value: 'debian', label: 'golang bookworm', detail: 'Debian, if a build step needs apt' },
    ],
    examples: ['alpine', 'debian'],
  },
  {
    key: 'runtime',
    step: 'base',
    label: 'Final image',
    help: 'Where the binary runs.',
    kind: 'choice',
    choices: (['alpine', 'debian', 'distroless', 'scratch'] as const).map((value) => ({
      value,
      label: value,
      detail: RUNTIME_DETAILS[value],
    })),
    examples: ['alpine', 'debian', 'distroless', 'scratch'],
  },
  {
    key: 'mainPackage',
    step: 'build',
    label: 'Main package',
    help: 'The package with func main: "." or a folder such as ./cmd/server.',
    kind: 'text',
    examples: ['.', './cmd/server'],
  },
  {
    key: 'binaryName',
    step: 'build',
    label: 'Binary name',
    help: 'The name of the compiled program.',
    kind: 'text',
    examples: ['app'],
  },
  {
    key: 'cgo',
    step: 'build',
    label: 'Uses cgo',
    help: 'Code with `import "C"` needs a C compiler (bookworm builder) and the C library at run time (Debian 12 slim).',
    kind: 'boolean',
    examples: [false, true],
  },
  {
    key: 'hasGoSum',
    step: 'dependencies',
    label: 'The project has go.sum',
    help: 'A module without dependencies has no go.sum.',
    kind: 'boolean',
    examples: [true, false],
  },
  envOption(),
  WORKDIR_OPTION,
  userOption(
    [
      { kind: 'create', name: 'app', uid: 10001 },
      { kind: 'existing', name: '65532:65532' },
    ],
    'A new unprivileged user, or an existing one; on scratch only a numeric id works (it has no /etc/passwd).',
  ),
  ...startOptions([8080, null], [null, '/usr/local/bin/app --listen :8080']),
];

/** The Go template. */
export const goTemplate: WizardTemplate<GoAnswers> = {
  id: 'go',
  title: 'Go',
  summary: 'A Go program compiled in a build stage and shipped alone in a tiny image.',
  assumes:
    'Builder: golang (Alpine or Debian). Final: Alpine (adduser), distroless or scratch (numeric user, no shell).',
  steps: [
    {
      id: 'base',
      title: 'Final image',
      instructions: ['FROM'],
      explanation:
        'Go compiles to one file, so the image you ship needs almost nothing: the build happens in a first stage ' +
        'with the full Go toolchain (about 250 MB), and the final stage starts from a tiny image and copies only the ' +
        'binary. Alpine (about 8 MB) keeps a shell for debugging; distroless static (about 2 MB) has CA certificates ' +
        'and time zones but no shell; scratch is completely empty. Versions are pinned in the tags, never "latest".',
    },
    {
      id: 'dependencies',
      title: 'Dependencies',
      instructions: ['COPY', 'RUN'],
      explanation:
        'go.mod and go.sum are copied alone and `go mod download` fetches the modules before your code is copied. ' +
        'Docker reuses a cached step while its inputs are unchanged, so as long as go.mod stays the same, editing ' +
        'code never downloads the modules again.',
    },
    {
      id: 'build',
      title: 'Build',
      instructions: ['ENV', 'RUN', 'COPY --from'],
      explanation:
        'CGO_ENABLED=0 makes a static binary that needs no C library, so it runs on scratch and distroless too. ' +
        'Code that imports "C" (cgo) is built with CGO_ENABLED=1 on the bookworm builder instead, and runs on Debian 12 ' +
        'slim, which has the C library it links. ' +
        '-trimpath and -ldflags="-s -w" leave out local paths and debug symbols, which makes the binary smaller. ' +
        'The final stage then copies just /out/<binary> with COPY --from=build.',
    },
    ENV_STEP,
    USER_STEP,
    WORKDIR_STEP,
    EXPOSE_STEP,
    START_STEP,
  ],
  options: OPTIONS,
  write: writeGo,
  ignore: () => [{ comment: 'Go: test binaries and profiles', patterns: ['**/*.test', '**/*.out'] }],
  cautions: goCautions,
  check: checkGo,
  suggestedStart: suggestedGoStart,
  finalBaseImage: goRuntimeImage,
  defaults: {
    template: 'go',
    ...appDefaults(8080),
    goVersion: '1.23',
    builderVariant: 'alpine',
    builderImage: null,
    runtime: 'alpine',
    mainPackage: '.',
    mainPackages: null,
    cgo: false,
    listens: false,
    binaryName: 'app',
    hasGoSum: true,
  },
};
