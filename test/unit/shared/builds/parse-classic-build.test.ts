/**
 * The classic parser on streams recorded from both engines, dockerd 20.10 and Docker 26.1
 * (test/unit/fixtures/build-streams and its docker-26.1 folder, re-checked against each engine by
 * test/integration/build-stream-fixtures.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { BuildUpdate, StepStatus } from '../../../../src/shared/builds/build-model';
import { createClassicBuildParser } from '../../../../src/shared/builds/parse-classic-build';
import { analyzeDockerfile } from '../../../../src/shared/dockerfile/analyze-dockerfile';
import {
  FIXTURE_ENGINE_NAMES,
  buildStreamScenario,
  readBuildStreamFixture,
  replayBuildStream,
  type BuildReplay,
} from '../../../support/record-build-stream';

interface Message {
  stream?: string;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { code?: number; message?: string };
}

/** A clock that ticks once per reading, so every timing is distinct and ordered. */
function tickingClock(): () => number {
  let time = 1_000;
  return () => ++time;
}

function replay(name: string, messages: unknown[]): BuildReplay {
  const analysis = analyzeDockerfile(buildStreamScenario(name).dockerfile);
  return replayBuildStream(createClassicBuildParser(analysis, tickingClock()), messages);
}

function lastAuxId(messages: unknown[]): string | undefined {
  return (messages as Message[]).filter((message) => message.aux?.ID).at(-1)?.aux?.ID;
}

function streamText(messages: unknown[]): string {
  return (messages as Message[]).map((message) => message.stream ?? '').join('');
}

type StepRow = [
  id: string,
  line: number | null,
  stage: string | null,
  status: StepStatus,
  instruction: string,
];

describe.each(FIXTURE_ENGINE_NAMES)('createClassicBuildParser on streams recorded from %s', (engine) => {
  const fixture = (name: string): unknown[] => readBuildStreamFixture(name, engine);

  it.each<[string, StepRow[]]>([
    [
      'classic-simple',
      [
        ['step-1', 1, '0', 'done', 'FROM dw-test/busybox:latest'],
        ['step-2', 2, '0', 'done', 'COPY hello.txt /hello.txt'],
        ['step-3', 3, '0', 'done', 'RUN cat /hello.txt &&     echo "héllo ✓ from step three"'],
        ['step-4', 6, '0', 'done', 'RUN echo "to stderr" >&2 && sleep 0.2 && printf "no final newline"'],
        // The build's `labels` option adds a step of its own; it has no Dockerfile line.
        ['step-5', null, null, 'done', 'LABEL dev.dockwright.test=1'],
      ],
    ],
    [
      'classic-simple-cached',
      [
        ['step-1', 1, '0', 'done', 'FROM dw-test/busybox:latest'],
        ['step-2', 2, '0', 'cached', 'COPY hello.txt /hello.txt'],
        ['step-3', 3, '0', 'cached', 'RUN cat /hello.txt &&     echo "héllo ✓ from step three"'],
        ['step-4', 6, '0', 'cached', 'RUN echo "to stderr" >&2 && sleep 0.2 && printf "no final newline"'],
        ['step-5', null, null, 'cached', 'LABEL dev.dockwright.test=1'],
      ],
    ],
    [
      'classic-failing-run',
      [
        ['step-1', 1, '0', 'done', 'FROM dw-test/busybox:latest'],
        ['step-2', 2, '0', 'done', 'RUN echo "before the failure"'],
        [
          'step-3',
          3,
          '0',
          'error',
          'RUN echo "about to fail" && sleep 0.2 && echo "on stderr" >&2 && exit 3',
        ],
      ],
    ],
    [
      // Classic counts the global ARG as step 1 and builds the `unused` stage although `final` does not need it.
      'classic-multi-stage-target',
      [
        ['step-1', 1, null, 'done', 'ARG BASE=dw-test/busybox:latest'],
        ['step-2', 2, 'unused', 'done', 'FROM ${BASE} AS unused'],
        ['step-3', 3, 'unused', 'done', 'RUN echo "unused stage"'],
        ['step-4', 5, 'Builder', 'done', 'FROM ${BASE} AS Builder'],
        ['step-5', 6, 'Builder', 'done', 'ARG MESSAGE=built-in-builder'],
        ['step-6', 7, 'Builder', 'done', 'WORKDIR /out'],
        ['step-7', 8, 'Builder', 'done', 'RUN echo "$MESSAGE" > /out/message'],
        ['step-8', 10, 'final', 'done', `FROM dw-test/busybox:latest AS final`],
        ['step-9', 11, 'final', 'done', 'COPY --from=builder /out/message /message'],
        ['step-10', 12, 'final', 'done', 'RUN cat /message'],
        ['step-11', null, null, 'done', 'LABEL dev.dockwright.test=1'],
      ],
    ],
  ])('%s: steps, lines, stages and statuses', (name, expected) => {
    const result = replay(name, fixture(name));
    expect(
      result.steps.map((step) => [step.id, step.line, step.stage, step.status, step.instruction]),
    ).toEqual(expected);
    const headers = streamText(fixture(name)).match(/^Step \d+\/\d+/gm) ?? [];
    expect(result.steps.map((step) => `Step ${step.index}/${step.total}`)).toEqual(headers);
    expect(result.steps.every((step) => !step.internal)).toBe(true);
  });

  it.each(['classic-simple', 'classic-simple-cached', 'classic-multi-stage-target'])(
    '%s: reports the last aux.ID (the target stage) as the image, once',
    (name) => {
      const messages = fixture(name);
      const auxIds = (messages as Message[]).filter((message) => message.aux?.ID);
      // One per stage built: `unused`, `Builder` and `final`.
      if (name === 'classic-multi-stage-target') expect(auxIds.length).toBe(3);
      const result = replay(name, messages);
      expect(result.images).toEqual([lastAuxId(messages)]);
      expect(result.errors).toEqual([]);
    },
  );

  it('classic-failing-run: reports the engine error on the failing RUN and its line, and no image', () => {
    const messages = fixture('classic-failing-run');
    const failure = (messages as Message[]).find((message) => message.error);
    expect(failure?.errorDetail?.message).toMatch(/returned a non-zero code: 3$/);
    const result = replay('classic-failing-run', messages);
    expect(result.errors).toEqual([
      { kind: 'error', message: failure?.errorDetail?.message, line: 3, stepId: 'step-3' },
    ]);
    expect(result.steps[2]?.error).toBe(failure?.errorDetail?.message);
    expect(result.images).toEqual([]);
    expect(result.logs.get('step-3')).toContain('about to fail\n');
    expect(result.logs.get('step-3')).toContain('on stderr\n');
    expect(result.logs.get('step-4')).toBeUndefined();
  });

  it.each(['classic-simple', 'classic-simple-cached', 'classic-failing-run', 'classic-multi-stage-target'])(
    '%s: every byte of output lands in exactly one log update, each with its step',
    (name) => {
      const messages = fixture(name);
      const result = replay(name, messages);
      const logs = result.updates.filter((update) => update.kind === 'log');
      expect(logs.map((update) => update.text).join('')).toBe(streamText(messages));
      for (const step of result.steps)
        expect(result.logs.get(step.id)).toMatch(new RegExp(`^Step ${step.index}/`));
    },
  );

  it('classic-simple: step output goes to its step, the closing lines to none', () => {
    const result = replay('classic-simple', fixture('classic-simple'));
    expect(result.logs.get('step-3')).toContain('hello from the context\nhéllo ✓ from step three\n');
    expect(result.logs.get('step-4')).toContain('no final newline');
    expect(result.logs.get(null)).toBe(
      streamText(fixture('classic-simple')).slice(
        streamText(fixture('classic-simple')).indexOf('Successfully built'),
      ),
    );
  });

  it('classic-simple-cached: a step goes running → cached, then gets its end time when the next starts', () => {
    const result = replay('classic-simple-cached', fixture('classic-simple-cached'));
    const updates = result.updates.filter(
      (update): update is Extract<BuildUpdate, { kind: 'step' }> =>
        update.kind === 'step' && update.step.id === 'step-3',
    );
    expect(updates.map(({ step }) => [step.status, step.endedAt === null])).toEqual([
      ['running', true],
      ['cached', true],
      ['cached', false],
    ]);
    const [step3, step4] = [result.steps[2], result.steps[3]];
    expect(step3?.startedAt).toBeLessThan(step3?.endedAt ?? 0);
    expect(step3?.endedAt).toBeLessThanOrEqual(step4?.startedAt ?? 0);
  });

  it('gives every step a start and an end, the last one when the build ends', () => {
    for (const name of ['classic-simple', 'classic-failing-run', 'classic-multi-stage-target']) {
      for (const step of replay(name, fixture(name)).steps) {
        expect(step.startedAt, `${name} ${step.id}`).not.toBeNull();
        expect(step.endedAt, `${name} ${step.id}`).toBeGreaterThan(step.startedAt ?? Infinity);
      }
    }
  });

  it('parses the same when every stream message is split in two (lines spread over chunks)', () => {
    for (const name of ['classic-simple', 'classic-simple-cached', 'classic-multi-stage-target']) {
      const messages = fixture(name);
      const split = (messages as Message[]).flatMap((message): Message[] => {
        const text = message.stream;
        // Step headers arrive whole in practice; everything else may be cut anywhere.
        if (text === undefined || text.length < 2 || text.startsWith('Step ')) return [message];
        const cut = Math.ceil(text.length / 2);
        return [{ stream: text.slice(0, cut) }, { stream: text.slice(cut) }];
      });
      const whole = replay(name, messages);
      const pieces = replay(name, split);
      expect(pieces.steps).toEqual(whole.steps);
      expect(pieces.images).toEqual(whole.images);
      expect([...pieces.logs.entries()]).toEqual([...whole.logs.entries()]);
    }
  });

  it('works without a Dockerfile: no lines, no stages', () => {
    const messages = fixture('classic-simple');
    const result = replayBuildStream(createClassicBuildParser(null, tickingClock()), messages);
    expect(result.steps.map((step) => [step.id, step.line, step.stage, step.status])).toEqual([
      ['step-1', null, null, 'done'],
      ['step-2', null, null, 'done'],
      ['step-3', null, null, 'done'],
      ['step-4', null, null, 'done'],
      ['step-5', null, null, 'done'],
    ]);
    expect(result.images).toEqual([lastAuxId(messages)]);
  });

  it('does not pin a step to a line when the Dockerfile no longer matches the build', () => {
    const changed = analyzeDockerfile('FROM dw-test/busybox:latest\nENV A=1\nRUN true\n');
    const result = replayBuildStream(
      createClassicBuildParser(changed, tickingClock()),
      fixture('classic-simple'),
    );
    expect(result.steps.map((step) => step.line)).toEqual([1, null, 3, null, null]);
  });

  it('reports an error that comes before any step without a line', () => {
    const parser = createClassicBuildParser(null, tickingClock());
    expect(parser.push({ error: 'no space left', errorDetail: { message: 'no space left' } })).toEqual([
      { kind: 'error', message: 'no space left', line: null, stepId: null },
    ]);
    expect(parser.push('not an object')).toEqual([]);
    expect(parser.push({ status: 'something else' })).toEqual([]);
  });
});
