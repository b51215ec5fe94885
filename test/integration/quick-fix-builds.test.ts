/**
 * No quick fix may turn a Dockerfile that builds into one that fails (issue #12): every fixable
 * rule has cases here whose Dockerfile gets every offered fix applied, one after another as the
 * editor would, and is then built on the real engine with both builders.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BuilderKind } from '../../src/shared/builds/build-model';
import { applyFix } from '../../src/shared/dockerfile/lint/apply-fix';
import { DOCKERFILE_RULES } from '../../src/shared/dockerfile/lint/dockerfile-rules';
import { lintDockerfile } from '../../src/shared/dockerfile/lint/lint-dockerfile';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_PREFIX } from '../support/rig-info';
import { ensurePythonStandIn } from '../support/stand-in-images';
import { rigDocker } from '../support/test-images';

const rig = inject('rig');
const DEBIAN = 'python:3.11-slim';

interface QuickFixCase {
  name: string;
  /** busybox: the rig's base image; debian: the Debian bookworm stand-in with apt and pip. */
  base: 'busybox' | 'debian';
  /** The Dockerfile after its FROM line. */
  body: string[];
  files?: Record<string, string>;
  /** Rules whose fix this case must exercise. */
  fixes: string[];
}

const CASES: QuickFixCase[] = [
  {
    name: 'a keyword in lower case is written in upper case',
    base: 'busybox',
    body: ['run echo lower > /lower', 'workdir /app', 'cmd ["cat", "/lower"]'],
    fixes: ['DW000'],
  },
  {
    name: 'shell-form CMD and ENTRYPOINT with quoted arguments become exec form',
    base: 'busybox',
    body: ['ENTRYPOINT echo "hello world"', 'CMD echo \'a b\' "c"'],
    fixes: ['DW003'],
  },
  {
    name: 'ADD of local files (quoted, with --chown, a folder) becomes COPY',
    base: 'busybox',
    body: ['ADD "notes.txt" /app/', 'ADD --chown=1000:1000 src/ /app/src/', 'RUN test -f /app/src/main.txt'],
    files: { 'notes.txt': 'n\n', 'src/main.txt': 'm\n' },
    fixes: ['DW004'],
  },
  {
    name: 'consecutive RUNs merge, a later `||` and `;` kept apart so a failure still fails',
    base: 'busybox',
    body: ['RUN echo one > /one', 'RUN test -f /one || exit 1', 'RUN echo two; echo three'],
    fixes: ['DW011'],
  },
  {
    name: 'a pipe gets pipefail in a shell the busybox base image has',
    base: 'busybox',
    body: ['RUN echo hello | tr a-z A-Z > /out && grep -q HELLO /out'],
    fixes: ['DW013'],
  },
  {
    name: 'sudo is dropped where the step runs as root',
    base: 'busybox',
    // The base image may set another USER, so the fix is only offered after an explicit USER 0:0 (busybox has no passwd file: `root` and, for BuildKit 0.8, a lone `0` fail).
    body: ['USER 0:0', 'RUN sudo mkdir -p /opt/app'],
    fixes: ['DW023'],
  },
  {
    name: 'apt becomes apt-get with -y, no recommends and the lists removed (quiet -q and a continued line)',
    base: 'debian',
    body: ['RUN apt update && \\', '    apt -q install hello'],
    fixes: ['DW005', 'DW006', 'DW007', 'DW024'],
  },
  {
    name: 'pipefail on Debian, pip without a cache, through python3 -m pip',
    base: 'debian',
    body: ['RUN python3 -m pip install flask | tee /pip.log', 'RUN pip install flask'],
    fixes: ['DW010', 'DW013'],
  },
];

/**
 * Rules with a quick fix that cannot be built here, and why: without a registry the engine has
 * only the images the tests make, and none of these package managers runs on them.
 */
const UNBUILDABLE: Record<string, string> = {
  DW009: 'apk needs an Alpine base image; none can be made without a registry',
  DW028: 'yum/dnf/zypper need an RPM-based base image; none can be made without a registry',
  DW029: 'yum/dnf/zypper need an RPM-based base image; none can be made without a registry',
};

/** Applies every offered quick fix, one at a time and re-linting after each, as a user clicking them would. */
function applyAllFixes(text: string): { text: string; applied: string[] } {
  const applied: string[] = [];
  let current = text;
  for (let round = 0; round < 30; round += 1) {
    const next = lintDockerfile(current).find((diagnostic) => diagnostic.fix);
    if (!next) return { text: current, applied };
    applied.push(next.ruleId);
    current = applyFix(current, next.fix!);
  }
  throw new Error(`Quick fixes keep coming after 30 rounds:\n${current}`);
}

describe('quick fixes', () => {
  it('every fixable rule is built here, or says why it cannot be', () => {
    const covered = new Set([...CASES.flatMap((c) => c.fixes), ...Object.keys(UNBUILDABLE)]);
    const fixable = DOCKERFILE_RULES.filter((rule) => rule.fixable).map((rule) => rule.id);
    expect(fixable.filter((id) => !covered.has(id))).toEqual([]);
  });
});

describe.each<BuilderKind>(['classic', 'buildkit'])(
  'quick-fixed Dockerfiles build with the %s builder',
  (builder) => {
    let app: TestServices;
    beforeAll(async () => {
      if (rig.mode === 'private') await ensurePythonStandIn(rigDocker(rig.dockerHost), DEBIAN);
      app = startServices({ DOCKER_HOST: rig.dockerHost });
      await app.settled();
    }, 600_000);
    afterAll(() => app.dispose());

    it.for(CASES)('$name', { timeout: 240_000 }, async (testCase, context) => {
      if (testCase.base === 'debian' && rig.mode !== 'private') {
        context.skip(`needs the Debian stand-in of the private engine: ${rig.limitation}`);
      }
      const from = testCase.base === 'busybox' ? rig.baseImage : DEBIAN;
      const original = [`FROM ${from}`, ...testCase.body, ''].join('\n');
      const { text, applied } = applyAllFixes(original);
      for (const ruleId of testCase.fixes)
        expect(applied, `${ruleId} offered no fix for:\n${original}`).toContain(ruleId);

      const dir = makeContext({ ...testCase.files, Dockerfile: text });
      const tag = `${TEST_PREFIX}/quick-fix:${builder}`;
      const record = await buildAndWait(app, buildRequest(dir, { builder, tags: [tag] }));
      expect(record.status, `fixed Dockerfile:\n${text}\n--- log:\n${record.log}`).toBe('succeeded');
    });
  },
);
