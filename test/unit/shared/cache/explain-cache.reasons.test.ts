/**
 * The details each reason of the cache explanation carries: changed files, instructions before and
 * after, build argument values, base image ids, where a cascade started, the time saved.
 */
import { describe, expect, it } from 'vitest';
import { explainBuildCache, predictBuildCache } from '../../../../src/shared/cache/explain-cache';
import {
  ARGS,
  file,
  go,
  GO,
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

const explainPython = (after: BuildSpec, ran: string[]) => {
  const current = record(after);
  return explainBuildCache({
    previous: previousOf(python(), { 1: 100, 2: 5, 3: 300, 4: 41_000, 5: 7 }),
    current,
    outcome: outcomeOf(current, (step) => ran.includes(step.keyword)),
    dockerfileText: after.dockerfile,
  });
};

describe('explainBuildCache reasons in detail', () => {
  it('lists the changed files with how they changed', () => {
    const files = [...withFile(PYTHON_FILES, file('app.py', 'v2', 420)), file('notes.txt', 'x', 10)].filter(
      (entry) => entry.path !== 'static/site.css',
    );
    const explanation = explainPython(python({ files: { 'COPY . .': files } }), ['COPY', 'RUN', 'CMD']);
    expect(explanation.steps[2]!.reason).toEqual({
      kind: 'files-changed',
      changes: [
        { path: 'static/site.css', change: 'deleted', bytes: 900 },
        { path: 'app.py', change: 'modified', bytes: 420 },
        { path: 'notes.txt', change: 'added', bytes: 10 },
      ],
      total: 3,
      truncated: false,
    });
  });

  it('calls a chmod a mode change', () => {
    const files = withFile(PYTHON_FILES, file('app.py', 'print("hello")\n', 400, '100755'));
    const explanation = explainPython(python({ files: { 'COPY . .': files } }), ['COPY', 'RUN', 'CMD']);
    expect(explanation.steps[2]!.reason).toMatchObject({
      changes: [{ path: 'app.py', change: 'mode', bytes: 400 }],
      total: 1,
    });
  });

  it('lists the 50 biggest changes, counts them all and says when a list was capped', () => {
    const many = Array.from({ length: 60 }, (_, i) => file(`src/f${i}.py`, `v${i}`, 1000 + i));
    const changed = many.map((entry, i) => file(entry.path, `w${i}`, 1000 + i));
    const spec = (list: typeof many): BuildSpec => ({
      dockerfile: PYTHON,
      files: { 'COPY . .': list },
      truncated: ['COPY . .'],
    });
    const current = record(spec(changed));
    const explanation = explainBuildCache({
      previous: previousOf(spec(many)),
      current,
      outcome: outcomeOf(current, (step) => step.line >= 3),
      dockerfileText: PYTHON,
    });
    const reason = explanation.steps[2]!.reason;
    if (reason.kind !== 'files-changed') throw new Error(`unexpected ${reason.kind}`);
    expect(reason.total).toBe(60);
    expect(reason.truncated).toBe(true);
    expect(reason.changes).toHaveLength(50);
    expect(reason.changes[0]).toEqual({ path: 'src/f59.py', change: 'modified', bytes: 1059 });
    expect(reason.changes.at(-1)!.path).toBe('src/f10.py');
  });

  it('names the instruction before and after an edit', () => {
    const dockerfile = PYTHON.replace('pip install', 'pip install --no-cache-dir');
    const explanation = explainPython(python({ dockerfile }), ['RUN', 'CMD']);
    expect(explanation.steps[3]!.reason).toEqual({
      kind: 'instruction-changed',
      before: 'RUN pip install -r requirements.txt',
      after: 'RUN pip install --no-cache-dir -r requirements.txt',
    });
    expect(explanation.steps[4]!.reason).toEqual({
      kind: 'cascade',
      fromLine: 4,
      fromInstruction: 'RUN pip install --no-cache-dir -r requirements.txt',
      advice: null,
    });
  });

  it('names the build argument and its values', () => {
    const current = record({ dockerfile: ARGS, buildArgs: { VERSION: '1.3' } });
    const explanation = explainBuildCache({
      previous: previousOf({ dockerfile: ARGS, buildArgs: { VERSION: '1.2' } }),
      current,
      outcome: outcomeOf(current, (step) => step.line >= 4),
      dockerfileText: ARGS,
    });
    expect(explanation.steps[3]!.reason).toEqual({
      kind: 'arg-changed',
      name: 'VERSION',
      before: '1.2',
      after: '1.3',
    });
  });

  it('names the base image and both ids when its tag moved', () => {
    const explanation = explainPython(python({ baseIds: { 'python:3.12-slim': 'sha256:bbb' } }), [
      'FROM',
      'WORKDIR',
      'COPY',
      'RUN',
      'CMD',
    ]);
    expect(explanation.steps[0]!.reason).toEqual({
      kind: 'base-image-changed',
      image: 'python:3.12-slim',
      before: 'sha256:707974686f6e3a332e31322d736c696d',
      after: 'sha256:bbb',
    });
    expect(explanation.steps[4]!.reason).toMatchObject({ kind: 'cascade', fromLine: 1 });
  });

  it('calls an edited FROM an instruction change, not a base image change', () => {
    const dockerfile = PYTHON.replace('3.12', '3.13');
    const explanation = explainPython(python({ dockerfile }), ['FROM', 'WORKDIR', 'COPY', 'RUN', 'CMD']);
    expect(explanation.steps[0]!.reason).toMatchObject({ kind: 'instruction-changed' });
  });

  it('names the first step of the build stage in a cascade through COPY --from', () => {
    const current = record(go(withFile(GO_SOURCES, file('main.go', 'v2'))));
    const explanation = explainBuildCache({
      previous: previousOf(go()),
      current,
      outcome: outcomeOf(current, (step) => [5, 6, 9, 10].includes(step.line)),
      dockerfileText: GO,
    });
    expect(explanation.steps[7]!.reason).toEqual({
      kind: 'cascade',
      fromLine: 5,
      fromInstruction: 'COPY . .',
      advice: null,
    });
  });

  it('follows a stage built FROM another stage', () => {
    const dockerfile = ['FROM alpine:3.20 AS base', 'RUN echo one', 'FROM base', 'RUN echo two'].join('\n');
    const after = dockerfile.replace('echo one', 'echo uno');
    const current = record({ dockerfile: after });
    const prediction = predictBuildCache({
      previous: previousOf({ dockerfile }),
      current,
      dockerfileText: after,
    });
    expect(prediction.steps.map((step) => [step.line, step.reason.kind])).toEqual([
      [1, 'cached'],
      [2, 'instruction-changed'],
      [3, 'cascade'],
      [4, 'cascade'],
    ]);
    expect(prediction.steps[3]!.reason).toMatchObject({ fromLine: 2 });
  });

  it('traces a cascade through a step the engine does not report (BuildKit ENV) to that step', () => {
    const before = 'FROM alpine:3.20\nENV MODE=dev\nRUN echo build\n';
    const after = before.replace('dev', 'prod');
    const current = record({ dockerfile: after });
    const explanation = explainBuildCache({
      previous: previousOf({ dockerfile: before }),
      current,
      outcome: outcomeOf(
        current,
        (step) => step.keyword === 'RUN',
        (step) => step.keyword === 'ENV',
      ),
      dockerfileText: after,
    });
    expect(explanation.steps.map((step) => [step.line, step.reason.kind])).toEqual([
      [1, 'cached'],
      [3, 'cascade'],
    ]);
    expect(explanation.steps[1]!.reason).toMatchObject({ fromLine: 2, fromInstruction: 'ENV MODE=prod' });
    expect(explanation.summary.steps).toBe(2);
  });

  it('says a first build when there is no build to compare with', () => {
    const current = record(python());
    const explanation = explainBuildCache({
      previous: null,
      current,
      outcome: outcomeOf(current, () => true),
      dockerfileText: PYTHON,
    });
    expect(kinds(explanation.steps)).toEqual(Array(5).fill('first-build'));
    expect(explanation.previousBuildId).toBeNull();
    expect(explanation.previousStartedAt).toBeNull();
    expect(explanation.summary).toEqual({ steps: 5, cached: 0, savedMs: null });
  });

  it('adds the previous run times of the steps that came from cache, matched across shifted lines', () => {
    const dockerfile = `# a new comment\n${PYTHON}`;
    const explanation = explainPython(python({ dockerfile }), ['CMD']);
    expect(explanation.previousBuildId).toBe('build-1');
    expect(explanation.previousStartedAt).toBe(1_700_000_000_000);
    expect(explanation.summary).toEqual({ steps: 5, cached: 4, savedMs: 100 + 5 + 300 + 41_000 });
    expect(explanation.steps.map((step) => step.line)).toEqual([2, 3, 4, 5, 6]);
  });

  it('pairs the steps after an inserted instruction with their old selves', () => {
    const dockerfile = PYTHON.replace('COPY . .', 'RUN apt-get update\nCOPY . .');
    const prediction = predictBuildCache({
      previous: previousOf(python()),
      current: record(python({ dockerfile })),
      dockerfileText: dockerfile,
    });
    expect(kinds(prediction.steps)).toEqual([
      'cached',
      'cached',
      'instruction-changed',
      'cascade',
      'cascade',
      'cascade',
    ]);
    expect(prediction.steps[2]!.reason).toEqual({
      kind: 'instruction-changed',
      before: '',
      after: 'RUN apt-get update',
    });
  });
});
