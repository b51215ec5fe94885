/**
 * Cache insight against the real engine (issue #17), the scenarios beyond one stage: a multi-stage
 * build where only the build stage's input changes (and the final stage's `COPY --from` follows),
 * one where only the final stage's input changes, a base tag retagged to another image, and the
 * build cache pruned between builds (BuildKit: the inputs are the same, the engine ran anyway).
 * Each builds twice, asks `cache:predict` before the second build, and checks the saved explanation
 * and the prediction against what the engine did, step by step.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stepOutcome } from '../../src/main/cache/build-cache-insight';
import type { BuilderKind } from '../../src/shared/builds/build-model';
import type { BuildRequest } from '../../src/shared/builds/build-request';
import type { CacheReason } from '../../src/shared/cache/cache-model';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { dockerCli } from '../support/docker-cli';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_LABEL, TEST_PREFIX } from '../support/rig-info';
import { buildTestImage, rigDocker } from '../support/test-images';

const rig = inject('rig');
const RUN_NONCE = randomUUID().slice(0, 8);
const tags: string[] = [];

afterAll(async () => {
  for (const tag of tags) await dockerCli(rig.dockerHost, ['image', 'rm', '--force', tag]).catch(() => '');
});

/** Lines: 1 FROM AS deps, 2 WORKDIR, 3 COPY deps.txt, 4 RUN, 5 FROM AS app, 6 WORKDIR, 7 COPY app.txt, 8 RUN, 9 COPY --from. */
const multiStage = (base: string, token: string): string =>
  [
    `FROM ${base} AS deps`,
    'WORKDIR /deps',
    'COPY deps.txt .',
    `RUN echo "deps ${token}" && cat deps.txt > /deps/out`,
    `FROM ${base} AS app`,
    'WORKDIR /app',
    'COPY app.txt .',
    `RUN echo "app ${token}" > /app/built`,
    'COPY --from=deps /deps/out /app/deps',
    '',
  ].join('\n');

interface Scenario {
  name: string;
  builders: BuilderKind[];
  /** Makes the context (and any image the Dockerfile needs) and returns its folder. */
  setUp(token: string): Promise<string>;
  /** Changes something between the two builds. */
  change(dir: string, token: string): Promise<void>;
  expect(reasons: Map<number, CacheReason>): void;
}

const kinds = (reasons: Map<number, CacheReason>) =>
  Object.fromEntries([...reasons].map(([line, reason]) => [line, reason.kind]));

async function privateBase(token: string, label: string): Promise<string> {
  const tag = `${TEST_PREFIX}/cache-base-${token}:1`;
  tags.push(tag);
  await buildTestImage(rigDocker(rig.dockerHost), tag, {
    // A layer of its own: BuildKit keys the cache on layers, so a base that differs only in its
    // config (a LABEL) keeps every later step cached there (measured), while the classic builder
    // keys on the image id.
    Dockerfile: `FROM ${rig.baseImage}\nRUN echo "${label} ${token}" > /base-version\n`,
  });
  return tag;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'only the build stage input changes, and COPY --from follows it',
    builders: ['classic', 'buildkit'],
    setUp: async (token) =>
      makeContext({
        Dockerfile: multiStage(rig.baseImage, token),
        'deps.txt': `deps 1 ${token}\n`,
        'app.txt': `app 1 ${token}\n`,
      }),
    change: async (dir, token) => writeFileSync(join(dir, 'deps.txt'), `deps 2 ${token}\n`),
    expect: (reasons) => {
      expect(reasons.get(3)?.kind).toBe('files-changed');
      expect(reasons.get(4)).toMatchObject({ kind: 'cascade', fromLine: 3 });
      expect(reasons.get(7)?.kind).toBe('cached');
      expect(reasons.get(8)?.kind).toBe('cached');
      expect(reasons.get(9)).toMatchObject({ kind: 'cascade', fromLine: 3 });
    },
  },
  {
    name: 'only the final stage input changes',
    builders: ['classic', 'buildkit'],
    setUp: async (token) =>
      makeContext({
        Dockerfile: multiStage(rig.baseImage, token),
        'deps.txt': `deps 1 ${token}\n`,
        'app.txt': `app 1 ${token}\n`,
      }),
    change: async (dir, token) => writeFileSync(join(dir, 'app.txt'), `app 2 ${token}\n`),
    expect: (reasons) => {
      expect(reasons.get(3)?.kind).toBe('cached');
      expect(reasons.get(4)?.kind).toBe('cached');
      expect(reasons.get(7)?.kind).toBe('files-changed');
      expect(reasons.get(8)).toMatchObject({ kind: 'cascade', fromLine: 7 });
      expect(reasons.get(9)).toMatchObject({ kind: 'cascade', fromLine: 7 });
    },
  },
  {
    name: 'the base tag now names another image',
    builders: ['classic', 'buildkit'],
    setUp: async (token) => {
      const base = await privateBase(token, 'one');
      return makeContext({
        Dockerfile: [
          `FROM ${base}`,
          'WORKDIR /app',
          'COPY app.txt .',
          `RUN echo "${token}" > /built`,
          '',
        ].join('\n'),
        'app.txt': `app ${token}\n`,
      });
    },
    change: async (_dir, token) => {
      await privateBase(token, 'two');
    },
    expect: (reasons) => {
      // FROM itself makes no cache decision; every step after it says the base changed under it.
      for (const line of [2, 3, 4].filter((line) => reasons.has(line)))
        expect(reasons.get(line), `line ${line}`).toMatchObject({
          kind: 'cascade',
          fromLine: 1,
          baseImage: {
            image: expect.stringContaining('cache-base-'),
            before: expect.stringMatching(/^sha256:/),
            after: expect.stringMatching(/^sha256:/),
          },
        });
      expect(reasons.size).toBeGreaterThan(0);
    },
  },
  {
    name: 'the build cache is pruned between the builds',
    builders: ['buildkit'],
    setUp: async (token) =>
      makeContext({
        Dockerfile: [
          `FROM ${rig.baseImage}`,
          'COPY app.txt /app.txt',
          `RUN echo "${token}" > /built`,
          '',
        ].join('\n'),
        'app.txt': `app ${token}\n`,
      }),
    change: async () => {
      await dockerCli(rig.dockerHost, ['builder', 'prune', '--all', '--force']);
    },
    expect: (reasons) => {
      // The first step the engine ran with nothing changed says so; the next runs because it did.
      expect(kinds(reasons)).toEqual({ 2: 'engine-had-no-cache', 3: 'cascade' });
      expect(reasons.get(3)).toMatchObject({ fromLine: 2 });
    },
  },
];

const cases = SCENARIOS.flatMap((scenario) =>
  scenario.builders.map((builder) => [`${builder}: ${scenario.name}`, scenario, builder] as const),
);

describe('cache insight beyond one stage', () => {
  let app: TestServices;
  beforeAll(async () => {
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
  });
  afterAll(() => app.dispose());

  it.each(cases)('%s', async (_name, scenario, builder) => {
    const token = `${RUN_NONCE}-${builder}-${SCENARIOS.indexOf(scenario)}`;
    const dir = await scenario.setUp(token);
    const tag = `${TEST_PREFIX}/cache-stages:${builder}-${SCENARIOS.indexOf(scenario)}`;
    tags.push(tag);
    const request: BuildRequest = buildRequest(dir, {
      builder,
      tags: [tag],
      labels: { [TEST_LABEL]: '1' },
    });
    const first = await buildAndWait(app, request);
    expect(first.status, first.log).toBe('succeeded');
    await scenario.change(dir, token);
    const prediction = await app.value('cache:predict', request);
    const second = await buildAndWait(app, request);
    expect(second.status, second.log).toBe('succeeded');
    expect(second.cacheExplanation?.previousBuildId).toBe(first.id);
    const reasons = new Map((second.cacheExplanation?.steps ?? []).map((step) => [step.line, step.reason]));
    scenario.expect(reasons);

    // The prediction against what the engine did: a prune is the one thing no input shows.
    const outcome = stepOutcome(second.steps);
    const predicted = new Map(prediction.steps.map((step) => [step.line, step.cached]));
    const pruned = scenario.name.includes('pruned');
    for (const [line, real] of Object.entries(outcome))
      expect({ line, cached: predicted.get(Number(line)) }).toEqual({
        line,
        cached: pruned ? true : real.cached,
      });
  });
});
