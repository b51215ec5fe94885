/**
 * Failed builds recorded from the rig engine (dockerd 20.10) for the failure explanations: both
 * builders' own wording around a failing step, and output that arrives in pieces.
 *
 * The rig has only busybox, so `apt-get` is a stand-in script that prints apt's own words for a
 * missing package ("E: Unable to locate package %s", apt-private/private-install.cc) in two
 * writes, the way the issue saw BuildKit split it ("E" / ": Unable to locate package …").
 * Recorded by test/integration/failed-build-fixtures.test.ts with DW_RECORD=1.
 */
import type { BuildStreamScenario } from './record-build-stream';
import { FIXTURE_BASE_IMAGE } from './record-build-stream';

/** Stands in for apt-get: `update` succeeds, `install` fails on the last package named. */
export const FAKE_APT_GET = [
  '#!/bin/sh',
  'case "$1" in',
  '  update) echo "Reading package lists..."; exit 0 ;;',
  'esac',
  'for package; do :; done',
  'echo "Reading package lists..."',
  'echo "Building dependency tree..."',
  'echo "Reading state information..."',
  "printf 'E' >&2",
  'sleep 0.3',
  'printf \': Unable to locate package %s\\n\' "$package" >&2',
  'exit 100',
  '',
].join('\n');

/** A RUN that fails with two instructions after it that never run. */
export const APT_DOCKERFILE = [
  `FROM ${FIXTURE_BASE_IMAGE}`,
  'COPY apt-get /usr/local/bin/apt-get',
  'RUN apt-get update && apt-get install -y nosuchpackage',
  'COPY app.txt /app/app.txt',
  'WORKDIR /app',
  'CMD ["cat", "app.txt"]',
  '',
].join('\n');

const aptFiles = {
  'apt-get': { data: Buffer.from(FAKE_APT_GET), mode: 0o755 },
  'app.txt': 'the app\n',
};

const missingCopyDockerfile = [
  `FROM ${FIXTURE_BASE_IMAGE}`,
  'COPY missing.txt /app/missing.txt',
  'RUN echo never',
  '',
].join('\n');

const notFoundDockerfile = [`FROM ${FIXTURE_BASE_IMAGE}`, 'RUN nosuchcommand --version', ''].join('\n');

const typoDockerfile = [`FROM ${FIXTURE_BASE_IMAGE}`, 'RUN echo fine', 'RUNN echo typo', ''].join('\n');

/** A failure scenario; its context files may carry a mode (the stand-in apt-get is executable). */
export interface FailedBuildScenario extends Omit<BuildStreamScenario, 'files'> {
  files?: Record<string, string | { data: Buffer; mode: number }>;
}

function both(
  name: string,
  dockerfile: string,
  httpStatus: { classic: 200 | 400; buildkit: 200 | 400 },
  files?: FailedBuildScenario['files'],
): FailedBuildScenario[] {
  return (['classic', 'buildkit'] as const).map((builder) => ({
    name: `${builder}-${name}`,
    builder,
    dockerfile,
    ...(files ? { files } : {}),
    nocache: true,
    httpStatus: httpStatus[builder],
  }));
}

/** Every failure scenario, for both builders. */
export const FAILED_BUILD_SCENARIOS: FailedBuildScenario[] = [
  ...both('apt-missing-package', APT_DOCKERFILE, { classic: 200, buildkit: 200 }, aptFiles),
  ...both('copy-missing-file', missingCopyDockerfile, { classic: 200, buildkit: 200 }),
  ...both('command-not-found', notFoundDockerfile, { classic: 200, buildkit: 200 }),
  ...both('unknown-instruction', typoDockerfile, { classic: 400, buildkit: 200 }),
];

/** Looks a failure scenario up by name; throws for a name that is not one. */
export function failedBuildScenario(name: string): FailedBuildScenario {
  const scenario = FAILED_BUILD_SCENARIOS.find((candidate) => candidate.name === name);
  if (!scenario) throw new Error(`No failed build scenario named ${name}`);
  return scenario;
}
