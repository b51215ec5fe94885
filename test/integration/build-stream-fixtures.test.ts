/**
 * The build-stream fixtures of the parser unit tests, checked against the engine: each scenario
 * is built again and must parse to the same steps, lines, statuses, logs and errors as its
 * recording, and the image the parser reports must be the one the engine tagged.
 *
 * `DW_RECORD=1 npx vitest run --project integration test/integration/build-stream-fixtures.test.ts`
 * rewrites the recordings from this engine first.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { createBuildKitParser } from '../../src/shared/builds/parse-buildkit-status';
import { createClassicBuildParser } from '../../src/shared/builds/parse-classic-build';
import type { BuildStep } from '../../src/shared/builds/build-model';
import { analyzeDockerfile } from '../../src/shared/dockerfile/analyze-dockerfile';
import {
  FIXTURE_ENGINES,
  BUILD_STREAM_SCENARIOS,
  FIXTURE_BASE_IMAGE,
  buildStreamFixturePath,
  readBuildStreamFixture,
  recordBuildStream,
  replayBuildStream,
  scenarioTag,
  type BuildReplay,
  type BuildStreamScenario,
} from '../support/record-build-stream';
import { rigDocker } from '../support/test-images';

const rig = inject('rig');
const recording = process.env['DW_RECORD'] === '1';
/** Each engine is compared with its own recordings. */
const engine = rig.target;

/** Container ids, image ids and digests change from build to build; everything else must not. */
function withoutIds(text: string): string {
  return text.replace(/sha256:[0-9a-f]{64}/g, 'sha256:<digest>').replace(/\b[0-9a-f]{12,64}\b/g, '<id>');
}

/** BuildKit shares one vertex among the stages FROM the same image and names it after whichever it dispatched first. */
function isSharedFrom(scenario: BuildStreamScenario, step: BuildStep): boolean {
  return scenario.builder === 'buildkit' && step.instruction.startsWith('FROM ');
}

/**
 * BuildKit marks the vertexes of FROM and WORKDIR cached or not from run to run, even with
 * `nocache` (measured on 20.10); RUN, COPY and ADD are reliably cached only on a rebuild.
 */
function unstableCache(scenario: BuildStreamScenario, step: BuildStep): boolean {
  return scenario.builder === 'buildkit' && /^(FROM|WORKDIR) /.test(step.instruction);
}

function stepKey(scenario: BuildStreamScenario, step: BuildStep): string {
  if (step.internal) return `internal ${withoutIds(step.instruction)}`;
  if (isSharedFrom(scenario, step)) return step.instruction;
  return `${step.stage} ${step.index}/${step.total} ${step.instruction}`;
}

/** What must stay the same between the recording and a build now; BuildKit step ids are digests of inputs that include the context tar's times. */
/**
 * A step's key without the base image's digest, which BuildKit 0.13 names in FROM (`…:latest@sha256:…`):
 * the rig builds its base image afresh when an engine starts, and on the containerd store the
 * image id is its manifest's digest, which carries the build time.
 */
function stableKey(scenario: BuildStreamScenario, step: BuildReplay['steps'][number]): string {
  const key = stepKey(scenario, step);
  return key.startsWith('FROM ') ? key.replace(/@sha256:[0-9a-f]{64}$/, '@sha256:<base image>') : key;
}

function shapeOf(scenario: BuildStreamScenario, replay: BuildReplay) {
  const keyOf = new Map(replay.steps.map((step) => [step.id, stableKey(scenario, step)]));
  const steps = replay.steps
    .map((step) => ({
      key: stableKey(scenario, step),
      line: isSharedFrom(scenario, step) ? 'a FROM line' : step.line,
      status: unstableCache(scenario, step) && step.status === 'cached' ? 'done' : step.status,
      error: step.error,
      log: withoutIds(replay.logs.get(step.id) ?? ''),
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
  return {
    steps: scenario.builder === 'classic' ? steps : steps.filter((step) => !step.key.startsWith('internal ')),
    unattachedLog: withoutIds(replay.logs.get(null) ?? ''),
    images: replay.images.length,
    errors: replay.errors.map((error) => ({
      message: withoutIds(error.message),
      line: error.line,
      step: error.stepId === null ? null : (keyOf.get(error.stepId) ?? error.stepId),
    })),
  };
}

function replay(scenario: BuildStreamScenario, messages: unknown[]): BuildReplay {
  const dockerfile = analyzeDockerfile(scenario.dockerfile);
  const parser =
    scenario.builder === 'classic'
      ? createClassicBuildParser(dockerfile, Date.now)
      : createBuildKitParser(dockerfile, Date.now);
  return replayBuildStream(parser, messages);
}

describe('build stream fixtures against the engine', () => {
  const docker = rigDocker(rig.dockerHost);

  it('builds on the rig base image the fixtures name', () => {
    expect(rig.baseImage).toBe(FIXTURE_BASE_IMAGE);
  });

  // In order: a -cached scenario rebuilds what the one before it built.
  for (const scenario of BUILD_STREAM_SCENARIOS) {
    it(`${scenario.name}: the engine still sends what the fixture holds`, async () => {
      const live = await recordBuildStream(docker, scenario);
      expect(live.httpStatus).toBe(scenario.httpStatus);
      if (recording) {
        mkdirSync(FIXTURE_ENGINES[engine].folder, { recursive: true });
        writeFileSync(
          buildStreamFixturePath(scenario.name, engine),
          live.lines.map((line) => `${line}\n`).join(''),
        );
      }
      const liveMessages = live.lines.map((line): unknown => JSON.parse(line));
      const fixture = readBuildStreamFixture(scenario.name, engine);
      if (scenario.httpStatus !== 200) {
        // A refused request has no stream, only the body's message.
        expect(liveMessages).toEqual(fixture);
        return;
      }
      const now = replay(scenario, liveMessages);
      expect(shapeOf(scenario, now)).toEqual(shapeOf(scenario, replay(scenario, fixture)));

      const image = now.images.at(-1);
      if (image) {
        const tagged = await docker.getImage(scenarioTag(scenario)).inspect();
        expect(image).toBe(tagged.Id);
      }
    });
  }
});
