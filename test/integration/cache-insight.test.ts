/**
 * Cache insight against the real engine (issue #17), both builders: each scenario builds a context,
 * changes one thing, asks `cache:predict`, builds again, and checks that the saved explanation
 * names the cause and that the prediction matched what the engine really took from cache, per
 * step. The prediction accuracy over all compared steps is printed at the end.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stepOutcome } from '../../src/main/cache/build-cache-insight';
import type { BuilderKind } from '../../src/shared/builds/build-model';
import type { BuildRecord } from '../../src/shared/builds/build-record';
import type { BuildRequest } from '../../src/shared/builds/build-request';
import type { BuildCacheExplanation, CacheReason } from '../../src/shared/cache/cache-model';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { dockerCli } from '../support/docker-cli';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_PREFIX } from '../support/rig-info';

const rig = inject('rig');
const RUN_NONCE = randomUUID().slice(0, 8);

/** Lines: 1 FROM, 2 ARG, 3 WORKDIR, 4 COPY manifest, 5 RUN install, 6 COPY all, 7 RUN build. */
const dockerfile = (token: string, runText = 'build'): string =>
  [
    `FROM ${rig.baseImage}`,
    'ARG VERSION=1',
    'WORKDIR /app',
    'COPY requirements.txt .',
    `RUN echo "install ${token}" && cat requirements.txt > /installed`,
    'COPY . /app',
    `RUN echo "${runText} ${token} $VERSION" > /built`,
    '',
  ].join('\n');

interface Scenario {
  name: string;
  /** Changes the context (or the request) between the two builds. */
  change(dir: string, request: BuildRequest, token: string): BuildRequest;
  /** What the explanation of the second build must say, per line of the second build. */
  expect(reasons: Map<number, CacheReason>, builder: BuilderKind): void;
}

const allCached = (reasons: Map<number, CacheReason>): void => {
  for (const [line, reason] of reasons) expect({ line, kind: reason.kind }).toEqual({ line, kind: 'cached' });
};

const filesChanged = (
  reasons: Map<number, CacheReason>,
  line: number,
  path: string,
  change: string,
): void => {
  const reason = reasons.get(line);
  expect(reason?.kind).toBe('files-changed');
  if (reason?.kind !== 'files-changed') return;
  expect(reason.changes.map((item) => [item.path, item.change])).toEqual([[path, change]]);
};

const SCENARIOS: Scenario[] = [
  {
    name: 'a source file changes',
    change: (dir, request, token) => {
      writeFileSync(join(dir, 'src', 'app.py'), `print("changed ${token}")\n`);
      return request;
    },
    expect: (reasons) => {
      expect(reasons.get(5)?.kind).toBe('cached');
      filesChanged(reasons, 6, 'src/app.py', 'modified');
      expect(reasons.get(7)).toMatchObject({ kind: 'cascade', fromLine: 6 });
    },
  },
  {
    name: 'only the dependency manifest changes',
    change: (dir, request, token) => {
      writeFileSync(join(dir, 'requirements.txt'), `flask==3.1\n# ${token}\n`);
      return request;
    },
    expect: (reasons) => {
      filesChanged(reasons, 4, 'requirements.txt', 'modified');
      expect(reasons.get(5)).toMatchObject({ kind: 'cascade', fromLine: 4 });
    },
  },
  {
    name: 'a file excluded by .dockerignore changes',
    change: (dir, request) => {
      writeFileSync(join(dir, 'debug.log'), 'more noise\n');
      return request;
    },
    expect: allCached,
  },
  {
    name: 'a file is touched without a content change',
    change: (dir, request) => {
      const later = new Date(Date.now() + 3_600_000);
      utimesSync(join(dir, 'src', 'app.py'), later, later);
      return request;
    },
    expect: allCached,
  },
  {
    name: 'a file is chmod-ed',
    change: (dir, request) => {
      chmodSync(join(dir, 'src', 'app.py'), 0o755);
      return request;
    },
    expect: (reasons) => filesChanged(reasons, 6, 'src/app.py', 'mode'),
  },
  {
    name: 'a build arg a step uses changes',
    change: (_dir, request) => ({ ...request, buildArgs: { VERSION: '2' } }),
    expect: (reasons) => {
      expect(reasons.get(4)?.kind).toBe('cached');
      expect(reasons.get(5)).toMatchObject({ kind: 'arg-changed', name: 'VERSION', before: '1', after: '2' });
    },
  },
  {
    name: 'a build arg no step uses is set',
    change: (_dir, request) => ({ ...request, buildArgs: { NOT_DECLARED: 'x' } }),
    expect: allCached,
  },
  {
    name: "a RUN's text is edited",
    change: (dir, request, token) => {
      writeFileSync(join(dir, 'Dockerfile'), dockerfile(token, 'compile'));
      return request;
    },
    expect: (reasons) => {
      expect(reasons.get(6)?.kind).toBe('cached');
      expect(reasons.get(7)?.kind).toBe('instruction-changed');
    },
  },
  {
    name: 'only comments of the Dockerfile change',
    change: (dir, request, token) => {
      writeFileSync(join(dir, 'Dockerfile'), `# a comment on top\n${dockerfile(token)}`);
      return request;
    },
    expect: allCached,
  },
  {
    name: 'the cache is turned off',
    change: (_dir, request) => ({ ...request, noCache: true }),
    expect: (reasons, builder) => {
      // BuildKit's --no-cache reaches RUN, COPY and ADD: `WORKDIR /app` (line 3) on the base stays cached.
      for (const [line, reason] of reasons)
        expect({ line, kind: reason.kind }).toEqual({
          line,
          kind: builder === 'buildkit' && line === 3 ? 'cached' : 'no-cache',
        });
    },
  },
];

const accuracy = { compared: 0, matched: 0, misses: [] as string[] };
const tags: string[] = [];

afterAll(async () => {
  console.log(
    `cache insight prediction accuracy on ${rig.target}: ${accuracy.matched}/${accuracy.compared} steps` +
      (accuracy.compared ? ` (${((100 * accuracy.matched) / accuracy.compared).toFixed(1)}%)` : '') +
      (accuracy.misses.length ? `\n  misses:\n  ${accuracy.misses.join('\n  ')}` : ''),
  );
  for (const tag of tags) await dockerCli(rig.dockerHost, ['image', 'rm', '--force', tag]).catch(() => '');
});

function reasonsOf(explanation: BuildCacheExplanation | undefined): Map<number, CacheReason> {
  return new Map((explanation?.steps ?? []).map((step) => [step.line, step.reason]));
}

describe.each<BuilderKind>(['classic', 'buildkit'])('cache insight with the %s builder', (builder) => {
  let app: TestServices;
  beforeAll(async () => {
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
  });
  afterAll(() => app.dispose());

  it.each(SCENARIOS.map((scenario, index) => [scenario.name, index] as const))(
    'explains and predicts the rebuild when %s',
    async (_name, index) => {
      const scenario = SCENARIOS[index]!;
      const token = `${RUN_NONCE}-${builder}-${index}`;
      const dir = makeContext({
        Dockerfile: dockerfile(token),
        // The Dockerfile stays out of `COPY .`, so editing it changes only its own steps.
        '.dockerignore': '*.log\nDockerfile\n',
        // The token in every file: content another run built would come from the engine's cache.
        'requirements.txt': `flask\n# ${token}\n`,
        'src/app.py': `print("hello ${token}")\n`,
        'debug.log': 'noise\n',
      });
      chmodSync(join(dir, 'src', 'app.py'), 0o644);
      const tag = `${TEST_PREFIX}/cache-insight:${builder}-${index}`;
      tags.push(tag);
      const first = await buildAndWait(app, buildRequest(dir, { builder, tags: [tag] }));
      expect(first.status, first.log).toBe('succeeded');
      expect(first.cacheInputs?.steps.length).toBeGreaterThan(0);

      const request = scenario.change(dir, buildRequest(dir, { builder, tags: [tag] }), token);
      const prediction = await app.value('cache:predict', request);
      expect(prediction.previousBuildId).toBe(first.id);
      const second: BuildRecord = await buildAndWait(app, request);
      expect(second.status, second.log).toBe('succeeded');
      expect(second.cacheExplanation?.previousBuildId).toBe(first.id);

      const outcome = stepOutcome(second.steps);
      const predicted = new Map(prediction.steps.map((step) => [step.line, step]));
      const misses: string[] = [];
      for (const [line, real] of Object.entries(outcome)) {
        const expected = predicted.get(Number(line));
        accuracy.compared++;
        if (expected?.cached === real.cached) {
          accuracy.matched++;
          continue;
        }
        const miss =
          `${builder} / ${scenario.name} / line ${line} ${real.instruction}: predicted ` +
          `${expected ? (expected.cached ? 'cached' : `ran (${expected.reason.kind})`) : 'nothing'}, engine ` +
          `${real.cached ? 'cached' : 'ran'}`;
        accuracy.misses.push(miss);
        misses.push(miss);
      }
      // The record checks the same forecast itself (from the inputs the build used), and finds the same misses.
      const recordMisses = (second.cacheExplanation?.predictionCheck?.misses ?? []).map((miss) => miss.line);
      const ourMisses = Object.entries(outcome)
        .filter(([line, real]) => predicted.get(Number(line))?.cached !== real.cached)
        .map(([line]) => Number(line));
      expect(second.cacheExplanation?.predictionCheck?.compared).toBe(Object.keys(outcome).length);
      expect(recordMisses).toEqual(ourMisses);
      const reasons = reasonsOf(second.cacheExplanation);
      expect(reasons.size).toBe(Object.keys(outcome).length);
      scenario.expect(reasons, builder);
      expect(misses).toEqual([]);
    },
  );
});
