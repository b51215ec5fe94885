/**
 * Failed builds recorded from both rig engines (dockerd 20.10, and Docker 26.1 with BuildKit 0.13
 * in the docker-26.1 folder) for the failure explanations: both builders' own wording around a
 * failing step, and output that arrives in pieces.
 *
 * The apt failure is real apt: Debian bookworm's apt-get in the rig's `python:3.11-slim` stand-in
 * (test/support/stand-in-images.ts), after a real `apt-get update` against Debian's mirror.
 * Recorded by test/integration/failed-build-fixtures.test.ts with DW_RECORD=1.
 */
import type { BuildStreamScenario } from './record-build-stream';
import { FIXTURE_BASE_IMAGE } from './record-build-stream';

/** The Debian bookworm stand-in with apt (made by ensurePythonStandIn on the private rig only). */
export const APT_BASE_IMAGE = 'python:3.11-slim';

/** A RUN that fails in apt (exit 100) with two instructions after it that never run. */
export const APT_DOCKERFILE = [
  `FROM ${APT_BASE_IMAGE}`,
  'RUN apt-get update && apt-get install -y nosuchpackage',
  'COPY app.txt /app/app.txt',
  'WORKDIR /app',
  'CMD ["cat", "app.txt"]',
  '',
].join('\n');

/** The other files of the apt failure's context. */
export const APT_FILES = { 'app.txt': 'the app\n' };

const missingCopyDockerfile = [
  `FROM ${FIXTURE_BASE_IMAGE}`,
  'COPY missing.txt /app/missing.txt',
  'RUN echo never',
  '',
].join('\n');

const notFoundDockerfile = [`FROM ${FIXTURE_BASE_IMAGE}`, 'RUN nosuchcommand --version', ''].join('\n');

const typoDockerfile = [`FROM ${FIXTURE_BASE_IMAGE}`, 'RUN echo fine', 'RUNN echo typo', ''].join('\n');

/** A failure scenario and the base image it needs. */
export interface FailedBuildScenario extends BuildStreamScenario {
  /** busybox: the rig's own base image; debian: the Debian stand-in with apt (private rig only). */
  base: 'busybox' | 'debian';
}

function both(
  name: string,
  dockerfile: string,
  httpStatus: { classic: 200 | 400; buildkit: 200 | 400 },
  base: FailedBuildScenario['base'],
  files?: Record<string, string>,
): FailedBuildScenario[] {
  return (['classic', 'buildkit'] as const).map((builder) => ({
    name: `${builder}-${name}`,
    builder,
    base,
    dockerfile,
    ...(files ? { files } : {}),
    nocache: true,
    httpStatus: httpStatus[builder],
  }));
}

/** Every failure scenario, for both builders. */
export const FAILED_BUILD_SCENARIOS: FailedBuildScenario[] = [
  ...both('apt-missing-package', APT_DOCKERFILE, { classic: 200, buildkit: 200 }, 'debian', APT_FILES),
  ...both('copy-missing-file', missingCopyDockerfile, { classic: 200, buildkit: 200 }, 'busybox'),
  ...both('command-not-found', notFoundDockerfile, { classic: 200, buildkit: 200 }, 'busybox'),
  ...both('unknown-instruction', typoDockerfile, { classic: 400, buildkit: 200 }, 'busybox'),
];

/** Looks a failure scenario up by name; throws for a name that is not one. */
export function failedBuildScenario(name: string): FailedBuildScenario {
  const scenario = FAILED_BUILD_SCENARIOS.find((candidate) => candidate.name === name);
  if (!scenario) throw new Error(`No failed build scenario named ${name}`);
  return scenario;
}
