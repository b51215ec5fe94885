/**
 * The cache explanation and prediction over the scenarios of issue #17's ground-truth suite. Each
 * row is two builds; `explained` is what the engine did and why (the engine ran exactly the steps
 * whose reason is not `cached`), `predicted` what the forecast says before the second build.
 */
import { describe, expect, it } from 'vitest';
import type { CacheReason } from '../../../../src/shared/cache/cache-model';
import { explainBuildCache, predictBuildCache } from '../../../../src/shared/cache/explain-cache';
import {
  ARGS,
  file,
  go,
  GO_SOURCES,
  kinds,
  outcomeOf,
  previousOf,
  python,
  PYTHON,
  PYTHON_FILES,
  record,
  withFile,
  type BuildSpec,
} from './cache-fixtures';

interface Scenario {
  name: string;
  before: BuildSpec;
  after: BuildSpec;
  /** The reason per step of the second build, with what the engine did. */
  explained: CacheReason['kind'][];
  /** The forecast per step (defaults to `explained`). */
  predicted?: CacheReason['kind'][];
}

const SCENARIOS: Scenario[] = [
  {
    name: 'a source file changed: the COPY ran and everything after it cascades',
    before: python(),
    after: python({ files: { 'COPY . .': withFile(PYTHON_FILES, file('app.py', 'print("bye")\n', 401)) } }),
    explained: ['cached', 'cached', 'files-changed', 'cascade', 'cascade'],
  },
  {
    name: 'only the dependency manifest changed',
    before: python(),
    after: python({
      files: { 'COPY . .': withFile(PYTHON_FILES, file('requirements.txt', 'flask==3.1\n')) },
    }),
    explained: ['cached', 'cached', 'files-changed', 'cascade', 'cascade'],
  },
  {
    name: 'a file excluded by .dockerignore changed (it is not among the sent files): nothing runs',
    before: python(),
    after: python(),
    explained: ['cached', 'cached', 'cached', 'cached', 'cached'],
  },
  {
    name: 'touch without a content change keeps the hash: nothing runs',
    before: python(),
    after: python({ files: { 'COPY . .': PYTHON_FILES.map((entry) => ({ ...entry })) } }),
    explained: ['cached', 'cached', 'cached', 'cached', 'cached'],
  },
  {
    name: 'chmod changes the mode the builders key on',
    before: python(),
    after: python({
      files: { 'COPY . .': withFile(PYTHON_FILES, file('app.py', 'print("hello")\n', 400, '100755')) },
    }),
    explained: ['cached', 'cached', 'files-changed', 'cascade', 'cascade'],
  },
  {
    name: 'a build argument a step uses changed',
    before: { dockerfile: ARGS, buildArgs: { VERSION: '1.2', OTHER: 'a' } },
    after: { dockerfile: ARGS, buildArgs: { VERSION: '1.3', OTHER: 'a' } },
    explained: ['cached', 'cached', 'cached', 'arg-changed', 'cascade'],
  },
  {
    name: 'a build argument no step uses changed: nothing runs',
    before: { dockerfile: ARGS, buildArgs: { VERSION: '1.2', OTHER: 'a' } },
    after: { dockerfile: ARGS, buildArgs: { VERSION: '1.2', OTHER: 'b' } },
    explained: ['cached', 'cached', 'cached', 'cached', 'cached'],
  },
  {
    name: "a RUN's text was edited",
    before: python(),
    after: python({ dockerfile: PYTHON.replace('pip install', 'pip install --no-cache-dir') }),
    explained: ['cached', 'cached', 'cached', 'instruction-changed', 'cascade'],
  },
  {
    name: 'a comment-only edit shifts lines but changes no step',
    before: python(),
    after: python({
      dockerfile: `# syntax=docker/dockerfile:1\n\n${PYTHON.replace('RUN pip', '# install the dependencies\n\nRUN pip')}`,
    }),
    explained: ['cached', 'cached', 'cached', 'cached', 'cached'],
  },
  {
    name: 'the base tag now points at another image',
    before: python({ baseIds: { 'python:3.12-slim': 'sha256:aaa' } }),
    after: python({ baseIds: { 'python:3.12-slim': 'sha256:bbb' } }),
    explained: ['base-image-changed', 'cascade', 'cascade', 'cascade', 'cascade'],
  },
  {
    // BuildKit's --no-cache reaches RUN, COPY and ADD only: FROM and the WORKDIR on it stay cached.
    name: "Don't use the cache was on (BuildKit)",
    before: python(),
    after: python({ noCache: true }),
    explained: ['cached', 'cached', 'no-cache', 'no-cache', 'cascade'],
  },
  {
    name: "Don't use the cache was on (classic builder: every instruction anew)",
    before: python({ builder: 'classic' }),
    after: python({ noCache: true, builder: 'classic' }),
    explained: ['no-cache', 'no-cache', 'no-cache', 'no-cache', 'no-cache'],
  },
  {
    name: "multi-stage: only the build stage's input changed and the final stage copies from it",
    before: go(),
    after: go(withFile(GO_SOURCES, file('main.go', 'package main // v2'))),
    explained: [
      'cached',
      'cached',
      'cached',
      'cached',
      'files-changed',
      'cascade',
      'cached',
      'cascade',
      'cascade',
    ],
  },
  {
    name: 'the build cache was pruned: inputs unchanged but the steps ran',
    before: python(),
    after: python(),
    explained: ['cached', 'cached', 'engine-had-no-cache', 'cascade', 'cascade'],
    predicted: ['cached', 'cached', 'cached', 'cached', 'cached'],
  },
];

describe('explainBuildCache', () => {
  it.each(SCENARIOS)('$name', ({ before, after, explained }) => {
    const current = record(after);
    const outcome = outcomeOf(current, (_, index) => explained[index] !== 'cached');
    const explanation = explainBuildCache({
      previous: previousOf(before),
      current,
      outcome,
      dockerfileText: after.dockerfile,
    });
    expect(kinds(explanation.steps)).toEqual(explained);
    expect(explanation.steps.map((step) => step.cached)).toEqual(explained.map((kind) => kind === 'cached'));
  });

  it.each(SCENARIOS)(
    'checks the forecast against the engine: $name',
    ({ before, after, explained, predicted }) => {
      const current = record(after);
      const outcome = outcomeOf(current, (_, index) => explained[index] !== 'cached');
      const { predictionCheck, steps } = explainBuildCache({
        previous: previousOf(before),
        current,
        outcome,
        dockerfileText: after.dockerfile,
      });
      const forecast = predicted ?? explained;
      const missed = steps.filter(
        (_, index) => (forecast[index] === 'cached') !== (explained[index] === 'cached'),
      );
      expect(predictionCheck).toEqual({
        compared: steps.length,
        matched: steps.length - missed.length,
        misses: missed.map((step) => ({
          line: step.line,
          instruction: step.instruction,
          predictedCached: !step.cached,
          cached: step.cached,
        })),
      });
    },
  );
});

describe('predictBuildCache', () => {
  it.each(SCENARIOS)('$name', ({ before, after, explained, predicted }) => {
    const prediction = predictBuildCache({
      previous: previousOf(before),
      current: record(after),
      dockerfileText: after.dockerfile,
    });
    const expected = predicted ?? explained;
    expect(kinds(prediction.steps)).toEqual(expected);
    expect(prediction.steps.map((step) => step.cached)).toEqual(expected.map((kind) => kind === 'cached'));
    expect(prediction.previousBuildId).toBe('build-1');
  });

  it('predicts a first build for every step when there is no build to compare with', () => {
    const prediction = predictBuildCache({
      previous: null,
      current: record(python()),
      dockerfileText: PYTHON,
    });
    expect(prediction.previousBuildId).toBeNull();
    expect(kinds(prediction.steps)).toEqual(Array(5).fill('first-build'));
    expect(prediction.steps.every((step) => !step.cached)).toBe(true);
  });
});

describe('a cascade from a retagged base image', () => {
  it('names the image and both ids on every step it made run, explained and predicted', () => {
    const before = python({ baseIds: { 'python:3.12-slim': 'sha256:aaa' } });
    const after = python({ baseIds: { 'python:3.12-slim': 'sha256:bbb' } });
    const current = record(after);
    const explanation = explainBuildCache({
      previous: previousOf(before),
      current,
      outcome: outcomeOf(current, () => true),
      dockerfileText: after.dockerfile,
    });
    const prediction = predictBuildCache({
      previous: previousOf(before),
      current,
      dockerfileText: after.dockerfile,
    });
    for (const steps of [explanation.steps, prediction.steps]) {
      const cascades = steps.filter((step) => step.reason.kind === 'cascade');
      expect(cascades).toHaveLength(4);
      for (const step of cascades)
        expect(step.reason).toMatchObject({
          fromLine: 1,
          baseImage: { image: 'python:3.12-slim', before: 'sha256:aaa', after: 'sha256:bbb' },
        });
    }
  });
});
