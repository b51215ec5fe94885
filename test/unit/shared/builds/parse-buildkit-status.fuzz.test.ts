/**
 * Property tests (issue #12) of the BuildKit parser on the streams recorded from dockerd 20.10
 * (test/unit/fixtures/build-streams) and Docker 26.1 (its docker-26.1 folder), decoded the way
 * main decodes them: cut short, reordered, repeated, with random or damaged protobuf in `aux`,
 * with traces of any JSON shape and with foreign messages, it never throws and its step model
 * stays consistent; untouched, it gives what it gives today (pinned in
 * test/unit/fixtures/build-updates, engine 2's in its docker-26.1 folder).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBuildKitTrace } from '../../../../src/main/builds/decode-buildkit-trace';
import type { BuildStep, BuildUpdate } from '../../../../src/shared/builds/build-model';
import { createBuildKitParser } from '../../../../src/shared/builds/parse-buildkit-status';
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
  FIXTURE_ENGINE_NAMES,
  buildStreamScenario,
  readBuildStreamFixture,
} from '../../../support/record-build-stream';

const SCENARIOS = BUILD_STREAM_SCENARIOS.filter((scenario) => scenario.builder === 'buildkit');
/** Each recording, named by its path under the fixture folders: `buildkit-simple`, `docker-26.1/buildkit-simple`. */
const RECORDINGS = FIXTURE_ENGINE_NAMES.flatMap((engine) =>
  SCENARIOS.map((scenario) => ({
    key: engine === 'engine1' ? scenario.name : `docker-26.1/${scenario.name}`,
    stream: readBuildStreamFixture(scenario.name, engine),
    analysis: analyzeDockerfile(buildStreamScenario(scenario.name).dockerfile),
  })),
);
const NAMES = RECORDINGS.map((recording) => recording.key);
const STREAMS = new Map(RECORDINGS.map((recording) => [recording.key, recording.stream]));
const ANALYSES = new Map(RECORDINGS.map((recording) => [recording.key, recording.analysis]));

/** Digests of the recorded vertexes, so made-up traces also touch the real steps. */
const DIGESTS = [
  ...new Set(
    [...STREAMS.values()].flat().flatMap((message) => {
      const { id, aux } = message as { id?: string; aux?: unknown };
      if (id !== 'moby.buildkit.trace' || typeof aux !== 'string') return [];
      return decodeBuildKitTrace(aux).vertexes.map((vertex) => vertex.digest);
    }),
  ),
];

function run(name: string, messages: readonly unknown[], withDockerfile = true): BuildUpdate[] {
  const parser = createBuildKitParser(withDockerfile ? (ANALYSES.get(name) ?? null) : null, () => 0);
  return feed(parser, messages);
}

function streamOf(name: string): unknown[] {
  return STREAMS.get(name) ?? [];
}

/** Each untouched stream's updates, worked out once for the properties that compare with them. */
const UNTOUCHED = new Map(NAMES.map((name) => [name, run(name, streamOf(name))]));

function sameStep(a: BuildStep, b: BuildStep): boolean {
  return (
    a.status === b.status &&
    a.startedAt === b.startedAt &&
    a.endedAt === b.endedAt &&
    a.error === b.error &&
    a.instruction === b.instruction
  );
}

/** The checks of BuildKit's own model, on top of the common ones. */
function expectBuildKitModel(updates: readonly BuildUpdate[]): void {
  expectConsistentUpdates(updates);
  const last = new Map<string, BuildStep>();
  for (const update of updates) {
    if (update.kind !== 'step') continue;
    const { step } = update;
    // `[stage i/n] INSTR` is an instruction with its place; anything else is BuildKit's own.
    check(step.internal === (step.index === null), 'a step without a place is internal', step);
    const previous = last.get(step.id);
    check(!previous || !sameStep(previous, step), 'a step is sent again only when it changed', step);
    last.set(step.id, step);
  }
}

/** A time in each form a trace may carry one: ms, ISO text, a Timestamp (seconds as text too), junk. */
const anyTime = fc.oneof(
  fc.nat(),
  fc.double(),
  fc.constantFrom('2026-11-30T10:00:00Z', 'yesterday', '', '1e999'),
  fc.record(
    {
      seconds: fc.oneof(
        fc.nat(),
        fc.constantFrom('1700000000', 'abc', ' ', '1e999'),
        fc.jsonValue({ maxDepth: 1 }),
      ),
      nanos: fc.oneof(fc.integer(), fc.string({ maxLength: 4 })),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue({ maxDepth: 1 }),
);

const anyBytes = fc.oneof(
  fc.base64String({ maxLength: 40 }),
  fc.array(fc.oneof(fc.nat(255), fc.integer(), fc.double()), { maxLength: 20 }),
  fc.string({ maxLength: 20 }),
  fc.jsonValue({ maxDepth: 1 }),
);

const digest = fc.oneof(
  fc.constantFrom(...DIGESTS),
  fc.string({ maxLength: 10 }),
  fc.jsonValue({ maxDepth: 0 }),
);

/** A trace as a decoder other than ours might hand it over: JSON of any shape in `aux`. */
const jsonTrace = fc
  .record(
    {
      vertexes: fc.array(
        fc.record(
          {
            digest,
            name: fc.oneof(
              fc.constantFrom(
                '[internal] load build definition from Dockerfile',
                '[1/4] RUN echo hi',
                '[stage-1 2/3] COPY a b',
                '[builder 10/2] WORKDIR /',
                `[${'9'.repeat(400)}/1] RUN x`,
                '[0/0] ',
              ),
              fc.string({ maxLength: 30 }),
              fc.jsonValue({ maxDepth: 0 }),
            ),
            cached: fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 0 })),
            started: anyTime,
            completed: anyTime,
            error: fc.oneof(fc.constant(''), fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 0 })),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 4 },
      ),
      logs: fc.array(
        fc.record(
          {
            vertex: digest,
            stream: fc.oneof(fc.constantFrom(1, 2), fc.jsonValue({ maxDepth: 1 })),
            msg: anyBytes,
            data: anyBytes,
          },
          { requiredKeys: [] },
        ),
        { maxLength: 4 },
      ),
      warnings: fc.array(
        fc.record(
          {
            short: anyBytes,
            detail: fc.oneof(fc.array(anyBytes, { maxLength: 3 }), fc.jsonValue({ maxDepth: 1 })),
            url: fc.jsonValue({ maxDepth: 0 }),
            ranges: fc.oneof(
              fc.array(
                fc.record({
                  start: fc.oneof(
                    fc.record({ line: fc.jsonValue({ maxDepth: 0 }) }),
                    fc.jsonValue({ maxDepth: 1 }),
                  ),
                }),
                {
                  maxLength: 2,
                },
              ),
              fc.jsonValue({ maxDepth: 1 }),
            ),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 2 },
      ),
      statuses: fc.jsonValue({ maxDepth: 1 }),
    },
    { requiredKeys: [] },
  )
  .map((aux) => ({ id: 'moby.buildkit.trace', aux }));

const buildKitGarbage = fc.oneof(garbageMessage, jsonTrace);

describe('createBuildKitParser on mangled recorded streams', () => {
  it.each(NAMES)(
    '%s: an untouched stream gives the updates it gave when this test was written',
    async (name) => {
      const updates = run(name, streamOf(name));
      expectBuildKitModel(updates);
      await expect(`${JSON.stringify(updates, null, 2)}\n`).toMatchFileSnapshot(
        `../../fixtures/build-updates/${name}.json`,
      );
    },
  );

  it('never throws and keeps a consistent step model on 200 streams mangled up to 8 times each', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.array(mangling(buildKitGarbage), { maxLength: 8 }),
        fc.boolean(),
        (name, hows, withDockerfile) => {
          expectBuildKitModel(run(name, applyManglings(streamOf(name), hows), withDockerfile));
        },
      ),
      { seed: 1240, numRuns: 200 },
    );
  });

  it('never throws on 200 streams of up to 20 traces of any JSON shape', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.array(jsonTrace, { maxLength: 20 }), (name, traces) => {
        expectBuildKitModel(run(name, traces));
      }),
      { seed: 1241, numRuns: 200 },
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
      { seed: 1242, numRuns: 300 },
    );
  });

  it('on 300 streams cut short, gives exactly the first updates of the whole stream', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.nat(), (name, at) => {
        const stream = streamOf(name);
        const updates = run(name, stream.slice(0, at % (stream.length + 1)));
        expectBuildKitModel(updates);
        expect(updates).toEqual(UNTOUCHED.get(name)?.slice(0, updates.length));
      }),
      { seed: 1243, numRuns: 300 },
    );
  });

  it('stays consistent on 2 streams of 10,000 mangled messages, and on 2 × 10,000 log chunks of one step', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.array(mangling(buildKitGarbage), { maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(), buildKitGarbage), { maxLength: 100 }),
        fc.string({ maxLength: 20, unit: 'grapheme' }),
        (name, hows, garbage, text) => {
          // Mangled once, then repeated: a stream cut to nothing would leave nothing to repeat.
          const mangled = applyManglings(streamOf(name), hows);
          const long = longStream(mangled.length > 0 ? mangled : streamOf(name), 10_000);
          expect(long).toHaveLength(10_000);
          const inserts = garbage.map(([at, message]): Mangling => ({ kind: 'insert', at, message }));
          expectBuildKitModel(run(name, applyManglings(long, inserts)));
          // Multi-byte characters split across chunks, as a busy RUN step prints them.
          const bytes = Buffer.from(`${text}✓\n`.repeat(200));
          const chunks = Array.from({ length: 10_000 }, (_, index) => ({
            vertex: DIGESTS[0],
            stream: 1,
            msg: bytes.subarray(index % bytes.length, (index % bytes.length) + 7),
          }));
          const updates = run(name, [{ id: 'moby.buildkit.trace', aux: { logs: chunks } }]);
          expectBuildKitModel(updates);
        },
      ),
      { seed: 1244, numRuns: 2 },
    );
  });
});
