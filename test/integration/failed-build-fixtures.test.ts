/**
 * The failed-build fixtures (test/unit/fixtures/build-streams/failed-*.jsonl) against the engine:
 * each failure is built again and must end with the same error as its recording.
 *
 * `DW_RECORD=1 npx vitest run --project integration test/integration/failed-build-fixtures.test.ts`
 * rewrites the recordings from this engine first. The apt failure runs real apt in the Debian
 * stand-in (made first if the rig lacks it), so it needs the private rig and Debian's mirror.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createBuildKitParser } from '../../src/shared/builds/parse-buildkit-status';
import { createClassicBuildParser } from '../../src/shared/builds/parse-classic-build';
import { analyzeDockerfile } from '../../src/shared/dockerfile/analyze-dockerfile';
import {
  APT_BASE_IMAGE,
  FAILED_BUILD_SCENARIOS,
  type FailedBuildScenario,
} from '../support/failed-build-scenarios';
import {
  FIXTURE_ENGINES,
  buildStreamFixturePath,
  readBuildStreamFixture,
  recordBuildStream,
  replayBuildStream,
} from '../support/record-build-stream';
import { ensurePythonStandIn } from '../support/stand-in-images';
import { rigDocker } from '../support/test-images';

const rig = inject('rig');
const recording = process.env['DW_RECORD'] === '1';
/** Each engine is compared with its own recordings. */
const engine = rig.target;

function fixtureName(scenario: FailedBuildScenario): string {
  return `failed-${scenario.name}`;
}

/**
 * The error the stream ends with; container and image ids change from build to build, and so do
 * BuildKit 0.13's cache refs (`checksum of ref <session>::<ref>: "/missing.txt": not found`).
 */
function finalError(scenario: FailedBuildScenario, messages: unknown[]): string | undefined {
  const dockerfile = analyzeDockerfile(scenario.dockerfile);
  const parser =
    scenario.builder === 'classic'
      ? createClassicBuildParser(dockerfile, Date.now)
      : createBuildKitParser(dockerfile, Date.now);
  return replayBuildStream(parser, messages)
    .errors.at(-1)
    ?.message.replace(/\b[0-9a-f]{12,64}\b/g, '<id>')
    .replace(/\bref [0-9a-z]+::[0-9a-z]+:/g, 'ref <ref>:');
}

describe('failed build fixtures against the engine', () => {
  const docker = rigDocker(rig.dockerHost);

  beforeAll(async () => {
    if (rig.mode === 'private') await ensurePythonStandIn(docker, APT_BASE_IMAGE);
  }, 600_000);

  for (const scenario of FAILED_BUILD_SCENARIOS) {
    // apt-get update fetches Debian's package lists (~10 s on the rig, more on a slow mirror).
    it(
      `${scenario.name}: the engine still fails the way the fixture holds`,
      { timeout: 180_000 },
      async (context) => {
        if (scenario.base === 'debian' && rig.mode !== 'private') {
          context.skip(`needs the Debian stand-in of the private engine: ${rig.limitation}`);
        }
        const live = await recordBuildStream(docker, scenario);
        expect(live.httpStatus).toBe(scenario.httpStatus);
        if (recording) {
          mkdirSync(FIXTURE_ENGINES[engine].folder, { recursive: true });
          writeFileSync(
            buildStreamFixturePath(fixtureName(scenario), engine),
            live.lines.map((line) => `${line}\n`).join(''),
          );
        }
        const liveMessages = live.lines.map((line): unknown => JSON.parse(line));
        const fixture = readBuildStreamFixture(fixtureName(scenario), engine);
        if (scenario.httpStatus !== 200) {
          expect(liveMessages).toEqual(fixture);
          return;
        }
        expect(finalError(scenario, liveMessages)).toBeDefined();
        expect(finalError(scenario, liveMessages)).toBe(finalError(scenario, fixture));
      },
    );
  }
});
