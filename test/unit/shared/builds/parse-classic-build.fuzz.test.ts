/**
 * Property tests (issue #12) of the classic parser on the streams recorded from dockerd 20.10
 * (test/unit/fixtures/build-streams): cut short, reordered, repeated, damaged and padded with foreign
 * messages, it never throws and its step model stays consistent; untouched, it gives what it gives
 * today (pinned in test/unit/fixtures/build-updates).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BuildUpdate } from '../../../../src/shared/builds/build-model';
import { createClassicBuildParser } from '../../../../src/shared/builds/parse-classic-build';
import { analyzeDockerfile } from '../../../../src/shared/dockerfile/analyze-dockerfile';
import {
  applyManglings,
  check,
  expectConsistentUpdates,
  feed,
  garbageMessage,
  ignoredMessage,
  longStream,
  mangling,
  type Mangling,
} from '../../../support/mangle-build-stream';
import {
  BUILD_STREAM_SCENARIOS,
  buildStreamScenario,
  readBuildStreamFixture,
} from '../../../support/record-build-stream';

const NAMES = BUILD_STREAM_SCENARIOS.filter((scenario) => scenario.builder === 'classic').map(
  (scenario) => scenario.name,
);
const STREAMS = new Map(NAMES.map((name) => [name, readBuildStreamFixture(name)]));
const ANALYSES = new Map(
  NAMES.map((name) => [name, analyzeDockerfile(buildStreamScenario(name).dockerfile)]),
);

/** A clock that ticks once per reading, so timings are distinct, ordered and the same every run. */
function tickingClock(): () => number {
  let time = 1_000;
  return () => ++time;
}

function run(name: string, messages: readonly unknown[], withDockerfile = true): BuildUpdate[] {
  const parser = createClassicBuildParser(
    withDockerfile ? (ANALYSES.get(name) ?? null) : null,
    tickingClock(),
  );
  return feed(parser, messages);
}

function streamOf(name: string): unknown[] {
  return STREAMS.get(name) ?? [];
}

/** Each untouched stream's updates, worked out once for the properties that compare with them. */
const UNTOUCHED = new Map(NAMES.map((name) => [name, run(name, streamOf(name))]));

/** The checks of the classic builder's own model, on top of the common ones. */
function expectClassicModel(updates: readonly BuildUpdate[]): void {
  const steps = expectConsistentUpdates(updates);
  const seen = new Set<string>();
  for (const update of updates) {
    if (update.kind === 'step') {
      const { step } = update;
      seen.add(step.id);
      check(/^step-\d+$/.test(step.id) && !step.internal, 'a classic step is `Step N`', step);
      // The classic stream has no times: the parser's clock only moves forward.
      check(
        step.endedAt === null || step.endedAt >= (step.startedAt ?? 0),
        'a step ends after it starts',
        step,
      );
    } else if (update.kind === 'log' || update.kind === 'error') {
      check(
        update.stepId === null || seen.has(update.stepId),
        'output belongs to a step already announced',
        update,
      );
    }
  }
  const running = [...steps.values()].filter((step) => step.status === 'running');
  check(running.length <= 1, 'one step runs at a time', running);
}

describe('createClassicBuildParser on mangled recorded streams', () => {
  it.each(NAMES)(
    '%s: an untouched stream gives the updates it gave when this test was written',
    async (name) => {
      const updates = run(name, streamOf(name));
      expectClassicModel(updates);
      await expect(`${JSON.stringify(updates, null, 2)}\n`).toMatchFileSnapshot(
        `../../fixtures/build-updates/${name}.json`,
      );
    },
  );

  it('never throws and keeps a consistent step model on 500 streams mangled up to 8 times each', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.array(mangling(), { maxLength: 8 }),
        fc.boolean(),
        (name, hows, withDockerfile) => {
          expectClassicModel(run(name, applyManglings(streamOf(name), hows), withDockerfile));
        },
      ),
      { seed: 1230, numRuns: 500 },
    );
  });

  it('gives the untouched result on 300 streams with up to 10 ignorable messages slipped in', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.array(fc.tuple(fc.nat(), ignoredMessage), { maxLength: 10 }),
        (name, inserts) => {
          const stream = streamOf(name);
          const padded = applyManglings(
            stream,
            inserts.map(([at, message]) => ({ kind: 'insert', at, message })),
          );
          expect(run(name, padded)).toEqual(UNTOUCHED.get(name));
        },
      ),
      { seed: 1231, numRuns: 300 },
    );
  });

  it('on 300 streams cut short, gives exactly the first updates of the whole stream', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.nat(), (name, at) => {
        const stream = streamOf(name);
        const cut = stream.slice(0, at % (stream.length + 1));
        const updates = run(name, cut);
        expectClassicModel(updates);
        expect(updates).toEqual(UNTOUCHED.get(name)?.slice(0, updates.length));
      }),
      { seed: 1232, numRuns: 300 },
    );
  });

  it('stays consistent on 4 streams of 10,000 mangled messages, and on 4 × 10 messages of 10,000 lines', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.array(mangling(garbageMessage), { maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(), garbageMessage), { maxLength: 100 }),
        fc.string({ maxLength: 40 }),
        (name, hows, garbage, line) => {
          // Mangled once, then repeated: a stream cut to nothing would leave nothing to repeat.
          const mangled = applyManglings(streamOf(name), hows);
          const long = longStream(mangled.length > 0 ? mangled : streamOf(name), 10_000);
          expect(long).toHaveLength(10_000);
          const inserts = garbage.map(([at, message]): Mangling => ({ kind: 'insert', at, message }));
          expectClassicModel(run(name, applyManglings(long, inserts)));
          // A container printing a lot at once, and a line that never ends.
          const big = [
            { stream: 'Step 1/1 : RUN spam\n' },
            ...Array(9).fill({ stream: `${line}\n`.repeat(10_000) }),
          ];
          expectClassicModel(run(name, [...big, { stream: line.replace(/\n/g, '').repeat(10_000) }]));
        },
      ),
      { seed: 1233, numRuns: 4 },
    );
  });
});
