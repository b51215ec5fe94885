import { describe, expect, it } from 'vitest';
import { expandVariables, resolveStepInputs } from '../../../../src/main/cache/resolve-step-inputs';
import { analyzeDockerfile } from '../../../../src/shared/dockerfile/analyze-dockerfile';

const resolve = (
  text: string,
  buildArgs: Record<string, string> = {},
  builder: 'classic' | 'buildkit' = 'buildkit',
  target: string | null = null,
) => resolveStepInputs(analyzeDockerfile(text), { buildArgs, target }, builder);

describe('expandVariables', () => {
  it('substitutes plain, braced, default and alternative forms and names what it used', () => {
    const values = new Map<string, string | null>([
      ['A', 'x'],
      ['E', ''],
    ]);
    const { text, used } = expandVariables('$A ${A} ${B:-d} ${A:+y} ${E-f} ${E:-g} ${B+z}', values);
    expect(text).toBe('x x d y  g ');
    expect([...used].sort()).toEqual(['A', 'B', 'E']);
  });

  it('leaves an escaped dollar alone', () => {
    expect(expandVariables('\\$A $A', new Map([['A', '1']])).text).toBe('$A 1');
  });
});

describe('resolveStepInputs', () => {
  const dockerfile = [
    'ARG BASE=alpine:3.19',
    'FROM $BASE AS build',
    'ARG VERSION=1.0',
    'ARG UNUSED',
    'ENV APP=/srv',
    'COPY requirements.txt  $APP/',
    'RUN pip install -r requirements.txt',
    'COPY . ${APP}',
    'FROM build AS final',
    'COPY --from=build /srv /out',
    'LABEL v=$VERSION',
  ].join('\n');

  it('expands FROM with the global ARG and keeps the image reference', () => {
    const [from] = resolve(dockerfile, { BASE: 'debian:12' });
    expect(from!.inputs).toMatchObject({
      keyword: 'FROM',
      resolvedText: 'FROM debian:12 AS build',
      args: { BASE: 'debian:12' },
    });
    expect(from!.baseImage).toBe('debian:12');
  });

  it('expands COPY with ENV values and lists its context sources', () => {
    const copy = resolve(dockerfile).find((step) => step.inputs.line === 6)!;
    expect(copy.inputs.resolvedText).toBe('COPY requirements.txt /srv/');
    expect(copy.contextSources).toEqual(['requirements.txt']);
    expect(copy.inputs.args).toEqual({});
  });

  it('gives a RUN every ARG in scope that has a value, used or not', () => {
    const run = resolve(dockerfile, { VERSION: '2.0' }).find((step) => step.inputs.keyword === 'RUN')!;
    expect(run.inputs.args).toEqual({ VERSION: '2.0' });
    expect(run.inputs.resolvedText).toBe('RUN pip install -r requirements.txt');
  });

  it('gives a RUN a build arg its stage declares without a default', () => {
    const run = resolve(dockerfile, { UNUSED: 'u' }).find((step) => step.inputs.keyword === 'RUN')!;
    expect(run.inputs.args).toEqual({ VERSION: '1.0', UNUSED: 'u' });
  });

  it('ignores a build arg the Dockerfile never declares', () => {
    const a = resolve(dockerfile).map((step) => step.inputs);
    const b = resolve(dockerfile, { OTHER: 'x' }).map((step) => step.inputs);
    expect(b).toEqual(a);
  });

  it('links FROM <stage> and COPY --from to the stage they build on', () => {
    const steps = resolve(dockerfile);
    expect(steps.find((step) => step.inputs.line === 9)!.inputs.fromStage).toBe(0);
    const copyFrom = steps.find((step) => step.inputs.line === 10)!;
    expect(copyFrom.inputs.fromStage).toBe(0);
    expect(copyFrom.contextSources).toBeNull();
  });

  it('does not see an ARG of another stage', () => {
    const label = resolve(dockerfile, { VERSION: '3' }).find((step) => step.inputs.line === 11)!;
    expect(label.inputs.resolvedText).toBe('LABEL v=');
    expect(label.inputs.args).toEqual({});
  });

  it('builds only the needed stages with BuildKit and every stage up to the target with classic', () => {
    const text = 'FROM alpine AS a\nRUN echo a\nFROM alpine AS b\nRUN echo b\nFROM alpine\nRUN echo c';
    expect(new Set(resolve(text).map((step) => step.inputs.stage))).toEqual(new Set([2]));
    expect(new Set(resolve(text, {}, 'classic').map((step) => step.inputs.stage))).toEqual(
      new Set([0, 1, 2]),
    );
    expect(new Set(resolve(text, {}, 'classic', 'b').map((step) => step.inputs.stage))).toEqual(
      new Set([0, 1]),
    );
  });

  it('leaves URLs and heredocs out of the context sources', () => {
    const steps = resolve('FROM alpine\nADD https://example.com/a.tgz local.txt /x/\nCOPY <<EOF /y\nhi\nEOF');
    expect(steps[1]!.contextSources).toEqual(['local.txt']);
    expect(steps[2]!.contextSources).toEqual([]);
  });

  it('reads exec-form sources', () => {
    const steps = resolve('FROM alpine\nCOPY ["a b.txt", "c.txt", "/dst/"]');
    expect(steps[1]!.contextSources).toEqual(['a b.txt', 'c.txt']);
  });

  it('makes a comment-only edit invisible to every step text', () => {
    const a = resolve('FROM alpine\nRUN echo \\\n  hi\nCOPY . /app').map((step) => step.inputs.resolvedText);
    const b = resolve('# note\nFROM alpine\n# why\nRUN echo \\\n# inside\n  hi\nCOPY . /app').map(
      (step) => step.inputs.resolvedText,
    );
    expect(b).toEqual(a);
  });
});
