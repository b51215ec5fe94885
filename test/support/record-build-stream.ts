/**
 * Real build streams for the parser tests: the scenarios, how to record one from an engine, and
 * where the recordings live, one set per engine (FIXTURE_ENGINES): <folder>/<name>.jsonl, one
 * JSON message per line exactly as the engine sent it.
 *
 * Recorded by test/integration/build-stream-fixtures.test.ts with DW_RECORD=1 (engine 2 with
 * DW_TEST_TARGET=engine2 as well); without it that test checks that the engine still produces
 * what its own set holds.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type Docker from 'dockerode';
import { normalizeBuildMessage } from '../../src/main/builds/decode-buildkit-trace';
import { startSessionBuild } from '../../src/main/buildkit-session/session-build';
import type {
  BuildLogParser,
  BuildStep,
  BuildUpdate,
  BuildWarning,
} from '../../src/shared/builds/build-model';
import { makeContext } from './build-fixtures';
import { TEST_LABEL } from './rig-info';
import { packContext, type ContextFiles } from './test-images';

/** The only base image the rig has; BuildKit on dockerd 20.10 uses it from the local store without a pull. */
export const FIXTURE_BASE_IMAGE = 'dw-test/busybox:latest';

/** One build to record. */
export interface BuildStreamScenario {
  name: string;
  builder: 'classic' | 'buildkit';
  dockerfile: string;
  /** Other files of the context besides the Dockerfile. */
  files?: Record<string, string>;
  target?: string;
  /** Fresh builds skip the cache so their steps run; a rebuild follows the build it repeats. */
  nocache: boolean;
  /** The HTTP status the engine answers the build request with. */
  httpStatus: 200 | 400;
}

const simpleDockerfile = [
  `FROM ${FIXTURE_BASE_IMAGE}`,
  'COPY hello.txt /hello.txt',
  'RUN cat /hello.txt && \\',
  '    # a comment inside the continuation',
  '    echo "héllo ✓ from step three"',
  // The pause keeps stderr before stdout: the two are separate pipes, merged in whatever order they flush.
  'RUN echo "to stderr" >&2 && sleep 0.2 && printf "no final newline"',
  '',
].join('\n');

const failingDockerfile = [
  `FROM ${FIXTURE_BASE_IMAGE}`,
  'RUN echo "before the failure"',
  'RUN echo "about to fail" && sleep 0.2 && echo "on stderr" >&2 && exit 3',
  'RUN echo never',
  '',
].join('\n');

/** Classic runs every stage up to the target (also `unused`) and counts the global ARG as step 1. */
const classicMultiStageDockerfile = [
  `ARG BASE=${FIXTURE_BASE_IMAGE}`,
  'FROM ${BASE} AS unused',
  'RUN echo "unused stage"',
  '',
  'FROM ${BASE} AS Builder',
  'ARG MESSAGE=built-in-builder',
  'WORKDIR /out',
  'RUN echo "$MESSAGE" > /out/message',
  '',
  `FROM ${FIXTURE_BASE_IMAGE} AS final`,
  'COPY --from=builder /out/message /message',
  'RUN cat /message',
  '',
  'FROM final AS after-target',
  'RUN echo "never built"',
  '',
].join('\n');

/** Two stages BuildKit runs in parallel, one it skips, and a nameless last stage that needs both. */
const parallelDockerfile = [
  `ARG BASE=${FIXTURE_BASE_IMAGE}`,
  'FROM ${BASE} AS First',
  'RUN echo first > /first && sleep 0.3',
  '',
  'FROM ${BASE} AS second',
  'WORKDIR /',
  'WORKDIR /work',
  'ENV GREETING=second',
  'RUN echo "$GREETING" > /work/second && sleep 0.3',
  '',
  'FROM ${BASE} AS unused',
  'RUN echo "never built"',
  '',
  'FROM ${BASE}',
  'COPY --from=first /first /first',
  'COPY --from=second /work/second /second',
  'RUN cat /first /second',
  '',
].join('\n');

const syntaxErrorDockerfile = [`FROM ${FIXTURE_BASE_IMAGE}`, 'RUN echo fine', 'FOO bar', ''].join('\n');

const helloFiles = { 'hello.txt': 'hello from the context\n' };

/** Recorded in this order: a `-cached` scenario repeats the one before it. */
export const BUILD_STREAM_SCENARIOS: BuildStreamScenario[] = [
  {
    name: 'classic-simple',
    builder: 'classic',
    dockerfile: simpleDockerfile,
    files: helloFiles,
    nocache: true,
    httpStatus: 200,
  },
  {
    name: 'classic-simple-cached',
    builder: 'classic',
    dockerfile: simpleDockerfile,
    files: helloFiles,
    nocache: false,
    httpStatus: 200,
  },
  {
    name: 'classic-failing-run',
    builder: 'classic',
    dockerfile: failingDockerfile,
    nocache: true,
    httpStatus: 200,
  },
  {
    name: 'classic-multi-stage-target',
    builder: 'classic',
    dockerfile: classicMultiStageDockerfile,
    target: 'final',
    nocache: true,
    httpStatus: 200,
  },
  {
    name: 'classic-syntax-error',
    builder: 'classic',
    dockerfile: syntaxErrorDockerfile,
    nocache: true,
    httpStatus: 400,
  },
  {
    name: 'buildkit-simple',
    builder: 'buildkit',
    dockerfile: simpleDockerfile,
    files: helloFiles,
    nocache: true,
    httpStatus: 200,
  },
  {
    name: 'buildkit-simple-cached',
    builder: 'buildkit',
    dockerfile: simpleDockerfile,
    files: helloFiles,
    nocache: false,
    httpStatus: 200,
  },
  {
    name: 'buildkit-failing-run',
    builder: 'buildkit',
    dockerfile: failingDockerfile,
    nocache: true,
    httpStatus: 200,
  },
  {
    name: 'buildkit-parallel-stages',
    builder: 'buildkit',
    dockerfile: parallelDockerfile,
    nocache: true,
    httpStatus: 200,
  },
  {
    name: 'buildkit-multi-stage-target',
    builder: 'buildkit',
    dockerfile: classicMultiStageDockerfile,
    target: 'final',
    nocache: true,
    httpStatus: 200,
  },
  {
    name: 'buildkit-syntax-error',
    builder: 'buildkit',
    dockerfile: syntaxErrorDockerfile,
    nocache: true,
    httpStatus: 200,
  },
];

/** Looks a scenario up by name; throws for a name that is not one. */
export function buildStreamScenario(name: string): BuildStreamScenario {
  const scenario = BUILD_STREAM_SCENARIOS.find((candidate) => candidate.name === name);
  if (!scenario) throw new Error(`No build stream scenario named ${name}`);
  return scenario;
}

/** What the engine answered: the HTTP status and its JSON lines as sent. */
export interface RecordedBuildStream {
  httpStatus: number;
  lines: string[];
}

/** The image tag a scenario builds. */
export function scenarioTag(scenario: BuildStreamScenario): string {
  return `dw-test/build-stream-${scenario.name}:latest`;
}

/** docker-modem's wording of a refused request: `(HTTP code 400) bad parameter - <body message> `. */
function refusedMessage(message: string): string {
  return /^\(HTTP code \d+\) [^-]*- ([\s\S]*) $/.exec(message)?.[1] ?? message;
}

/**
 * Builds a scenario on an engine and returns the raw stream: the classic builder from an uploaded
 * tar, BuildKit through a BuildKit session as the app does (a BuildKit tar upload fails on
 * Docker 26 with the containerd image store).
 *
 * A refused request (HTTP 400) has no stream: docker-modem keeps only the body's `message`, so
 * the one line is `{"message": …}` rebuilt from it, which is the whole body dockerd sends.
 */
export async function recordBuildStream(
  docker: Docker,
  scenario: BuildStreamScenario,
): Promise<RecordedBuildStream> {
  const files: ContextFiles = { ...scenario.files, Dockerfile: scenario.dockerfile };
  if (scenario.builder === 'buildkit') return recordSessionBuild(docker, scenario);
  const options = {
    t: scenarioTag(scenario),
    labels: { [TEST_LABEL]: '1' },
    forcerm: true,
    nocache: scenario.nocache,
    version: '1',
    ...(scenario.target ? { target: scenario.target } : {}),
  } as Docker.ImageBuildOptions;
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.buildImage(packContext(files), options);
  } catch (error) {
    const failure = error as { statusCode?: number; message?: string };
    if (typeof failure.statusCode !== 'number') throw error;
    const message = refusedMessage(failure.message ?? '');
    return { httpStatus: failure.statusCode, lines: [JSON.stringify({ message })] };
  }
  return { httpStatus: 200, lines: await readLines(stream) };
}

async function recordSessionBuild(
  docker: Docker,
  scenario: BuildStreamScenario,
): Promise<RecordedBuildStream> {
  const contextDir = makeContext({ ...scenario.files, Dockerfile: scenario.dockerfile });
  try {
    const started = await startSessionBuild(docker, {
      contextDir,
      dockerfilePath: join(contextDir, 'Dockerfile'),
      tags: [scenarioTag(scenario)],
      labels: { [TEST_LABEL]: '1' },
      noCache: scenario.nocache,
      target: scenario.target ?? null,
      // A fresh key per recording: what the engine asks for must not depend on earlier runs.
      sharedKey: randomBytes(16).toString('hex'),
    });
    if (!started.ok) {
      const status = /^\(HTTP code (\d+)\)/.exec(started.error.message)?.[1];
      if (!status) throw new Error(started.error.message);
      return {
        httpStatus: Number(status),
        lines: [JSON.stringify({ message: refusedMessage(started.error.message) })],
      };
    }
    const lines = await readLines(started.value.stream);
    await started.value.sessionClosed;
    return { httpStatus: 200, lines };
  } finally {
    rmSync(contextDir, { recursive: true, force: true });
  }
}

function readLines(stream: NodeJS.ReadableStream): Promise<string[]> {
  const lines: string[] = [];
  return new Promise<string[]>((done, fail) => {
    // A chunk can end inside a UTF-8 character (container output is passed through as it comes).
    const decoder = new StringDecoder('utf8');
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += decoder.write(chunk);
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      lines.push(...complete.filter((line) => line.trim() !== ''));
    });
    stream.on('end', () => {
      buffered += decoder.end();
      if (buffered.trim() !== '') lines.push(buffered);
      done(lines);
    });
    stream.on('error', fail);
  });
}

/** Which engine a fixture set was recorded from (the rig's targets, RigInfo['target']). */
export type FixtureEngine = 'engine1' | 'engine2';

/** Where the engine 1 recordings live (its set came first and keeps the top folder). */
export const BUILD_STREAM_FIXTURES = resolve(import.meta.dirname, '../unit/fixtures/build-streams');

/**
 * Each engine's recordings: engine 1 is dockerd 20.10 (BuildKit 0.8, overlay2, recorded from a tar
 * upload), engine 2 is Docker 26.1.5 (BuildKit 0.13, containerd image store, through a session).
 */
export const FIXTURE_ENGINES: Record<FixtureEngine, { folder: string; engine: string }> = {
  engine1: { folder: BUILD_STREAM_FIXTURES, engine: 'dockerd 20.10' },
  engine2: { folder: join(BUILD_STREAM_FIXTURES, 'docker-26.1'), engine: 'Docker 26.1.5' },
};

/** Both engines, for tests that run over every fixture set. */
export const FIXTURE_ENGINE_NAMES = Object.keys(FIXTURE_ENGINES) as FixtureEngine[];

/** The path of one scenario's recording from an engine. */
export function buildStreamFixturePath(name: string, engine: FixtureEngine = 'engine1'): string {
  return join(FIXTURE_ENGINES[engine].folder, `${name}.jsonl`);
}

/** A recorded stream, each line parsed as JSON. */
export function readBuildStreamFixture(name: string, engine: FixtureEngine = 'engine1'): unknown[] {
  return readFileSync(buildStreamFixturePath(name, engine), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line): unknown => JSON.parse(line));
}

/** A build's updates folded the way a consumer would: each step's last state, logs per step. */
export interface BuildReplay {
  updates: BuildUpdate[];
  /** Steps in the order they first appeared, each in its last state. */
  steps: BuildStep[];
  /** Log text per step id (`null`: no step). */
  logs: Map<string | null, string>;
  images: string[];
  errors: Array<Extract<BuildUpdate, { kind: 'error' }>>;
  warnings: BuildWarning[];
}

/**
 * Feeds messages to a parser and folds the updates. BuildKit trace messages are decoded first,
 * as main does before the parser sees them.
 */
export function replayBuildStream(parser: BuildLogParser, messages: unknown[]): BuildReplay {
  const replay: BuildReplay = {
    updates: [],
    steps: [],
    logs: new Map(),
    images: [],
    errors: [],
    warnings: [],
  };
  const stepIndex = new Map<string, number>();
  for (const message of messages) {
    for (const update of parser.push(normalizeBuildMessage(message))) {
      replay.updates.push(update);
      if (update.kind === 'step') {
        const at = stepIndex.get(update.step.id);
        if (at === undefined) {
          stepIndex.set(update.step.id, replay.steps.length);
          replay.steps.push(update.step);
        } else {
          replay.steps[at] = update.step;
        }
      } else if (update.kind === 'log') {
        replay.logs.set(update.stepId, (replay.logs.get(update.stepId) ?? '') + update.text);
      } else if (update.kind === 'image') {
        replay.images.push(update.imageId);
      } else if (update.kind === 'error') {
        replay.errors.push(update);
      } else {
        replay.warnings.push(update.warning);
      }
    }
  }
  return replay;
}
