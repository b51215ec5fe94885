/**
 * Property tests of the cache explanation and forecast over random Dockerfiles and contexts:
 * unchanged inputs predict a fully cached build, a fully cached build is explained by nothing but
 * `cached`, a step that runs makes the rest of its stage run, and when the engine does what was
 * forecast the explanation gives the forecast's reasons. Seeded, so a failure replays.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainBuildCache, predictBuildCache } from '../../../../src/shared/cache/explain-cache';
import { file, outcomeOf, record, type BuildSpec } from './cache-fixtures';

const SEED = 20_261_130;

const instruction = fc.constantFrom(
  'WORKDIR /app',
  'ENV MODE=dev',
  'ARG VERSION',
  'RUN echo $VERSION',
  'RUN pip install -r requirements.txt',
  'COPY . .',
  'COPY requirements.txt ./',
  'RUN make',
  'LABEL a=b',
  'CMD ["run"]',
);
const stage = fc.record({
  base: fc.constantFrom('python:3.12-slim', 'alpine:3.20', 'debian:12'),
  body: fc.array(instruction, { minLength: 0, maxLength: 7 }),
});
const contextFile = fc
  .record({
    path: fc.constantFrom('app.py', 'requirements.txt', 'lib/x.py', 'static/site.css', 'README.md'),
    content: fc.string({ maxLength: 6 }),
    mode: fc.constantFrom('100644', '100755'),
  })
  .map(({ path, content, mode }) => file(path, content, content.length + 1, mode));
const context = fc.uniqueArray(contextFile, { selector: (entry) => entry.path, maxLength: 5 });

const spec = fc
  .record({
    stages: fc.array(stage, { minLength: 1, maxLength: 3 }),
    files: context,
    version: fc.constantFrom('1', '2'),
    copyFromFirst: fc.boolean(),
  })
  .map(({ stages, files, version, copyFromFirst }): BuildSpec => {
    const lines: string[] = [];
    stages.forEach((entry, index) => {
      lines.push(`FROM ${entry.base} AS s${index}`, ...entry.body);
      if (index > 0 && copyFromFirst) lines.push('COPY --from=s0 /app /app');
      lines.push('');
    });
    const requirements = files.filter((entry) => entry.path === 'requirements.txt');
    return {
      dockerfile: lines.join('\n'),
      files: { 'COPY . .': files, 'COPY requirements.txt ./': requirements },
      buildArgs: { VERSION: version },
    };
  });

/** A second build: the same, or one input changed. */
const change = fc.constantFrom('none', 'file', 'arg', 'base', 'text');
function changed(before: BuildSpec, kind: string): BuildSpec {
  switch (kind) {
    case 'file':
      return {
        ...before,
        files: { ...before.files, 'COPY . .': [...(before.files?.['COPY . .'] ?? []), file('new.txt', 'n')] },
      };
    case 'arg':
      return { ...before, buildArgs: { VERSION: `${before.buildArgs?.VERSION ?? ''}.1` } };
    case 'base':
      return { ...before, baseIds: { 'alpine:3.20': 'sha256:other' } };
    case 'text':
      return { ...before, dockerfile: before.dockerfile.replace('RUN make', 'RUN make all') };
    default:
      return before;
  }
}

const previousOf = (inputs: BuildSpec) => ({
  id: 'p',
  startedAt: 1,
  inputs: record(inputs),
  stepDurationsMs: {},
});

describe('explainBuildCache and predictBuildCache (properties)', () => {
  it('predicts every step cached when nothing changed', () => {
    fc.assert(
      fc.property(spec, (inputs) => {
        const prediction = predictBuildCache({
          previous: previousOf(inputs),
          current: record(inputs),
          dockerfileText: inputs.dockerfile,
        });
        expect(prediction.steps.length).toBeGreaterThan(0);
        for (const step of prediction.steps)
          expect(step).toMatchObject({ cached: true, reason: { kind: 'cached' } });
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('explains a fully cached build with nothing but cached, whatever changed', () => {
    fc.assert(
      fc.property(spec, change, (before, kind) => {
        const after = changed(before, kind);
        const current = record(after);
        const explanation = explainBuildCache({
          previous: previousOf(before),
          current,
          outcome: outcomeOf(current, () => false),
          dockerfileText: after.dockerfile,
        });
        expect(explanation.steps.every((step) => step.reason.kind === 'cached' && step.cached)).toBe(true);
        expect(explanation.summary.cached).toBe(explanation.summary.steps);
        expect(explanation.summary.savedMs).toBe(0);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('makes the rest of a stage run once one of its steps runs, and never forecasts a missing cache', () => {
    fc.assert(
      fc.property(spec, change, (before, kind) => {
        const after = changed(before, kind);
        const prediction = predictBuildCache({
          previous: previousOf(before),
          current: record(after),
          dockerfileText: after.dockerfile,
        });
        const ranInStage = new Set<number>();
        for (const step of prediction.steps) {
          expect(step.reason.kind).not.toBe('engine-had-no-cache');
          expect(step.cached).toBe(step.reason.kind === 'cached');
          if (ranInStage.has(step.stage)) expect(step.cached).toBe(false);
          if (!step.cached) ranInStage.add(step.stage);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('gives the forecast reasons when the engine does what was forecast', () => {
    fc.assert(
      fc.property(spec, change, (before, kind) => {
        const after = changed(before, kind);
        const current = record(after);
        const previous = previousOf(before);
        const prediction = predictBuildCache({ previous, current, dockerfileText: after.dockerfile });
        const ran = new Set(prediction.steps.filter((step) => !step.cached).map((step) => step.line));
        const explanation = explainBuildCache({
          previous,
          current,
          outcome: outcomeOf(current, (step) => ran.has(step.line)),
          dockerfileText: after.dockerfile,
        });
        expect(explanation.steps).toEqual(prediction.steps);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
