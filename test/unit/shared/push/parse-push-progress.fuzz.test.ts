/**
 * Property tests (issue #12): whatever the engine's push stream holds, the parser does not throw and
 * the progress it feeds to the bars stays a fraction of known, finite sizes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPushParser } from '../../../../src/shared/push/parse-push-progress';
import { overallProgress, type LayerPush, type PushEvent } from '../../../../src/shared/push/push-model';

const LAYER_IDS = ['a1b2c3d4e5f6', '0f9e8d7c6b5a', 'deadbeef0000'];
const STATUSES = [
  'Preparing',
  'Waiting',
  'Pushing',
  'Pushed',
  'Layer already exists',
  'Mounted from library/busybox',
  'Retrying in 5 seconds',
];
const LAYER_STATUSES: ReadonlySet<string> = new Set([
  'Preparing',
  'Waiting',
  'Pushing',
  'Pushed',
  'Layer already exists',
  'Mounted',
  'Retrying',
]);

/** Numbers as JSON can carry them (1e999 parses as Infinity), and things that are not numbers. */
const anyCount = fc.oneof(
  fc.nat({ max: 5_000_000 }),
  fc.integer({ min: -5_000_000, max: -1 }),
  fc.double({ noNaN: true }),
  fc.constantFrom(0, 1e308, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, -0),
  fc.string({ maxLength: 6 }),
  fc.constant(null),
  fc.boolean(),
);

const progressMessage = fc.record(
  {
    id: fc.oneof(fc.constantFrom(...LAYER_IDS), fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })),
    status: fc.oneof(
      fc.constantFrom(...STATUSES),
      fc.string({ maxLength: 12 }),
      fc.jsonValue({ maxDepth: 1 }),
    ),
    progressDetail: fc.oneof(
      fc.record({ current: anyCount, total: anyCount }, { requiredKeys: [] }),
      fc.jsonValue({ maxDepth: 1 }),
    ),
    aux: fc.oneof(
      fc.record(
        { Tag: fc.jsonValue({ maxDepth: 0 }), Digest: fc.jsonValue({ maxDepth: 0 }), Size: anyCount },
        {
          requiredKeys: [],
        },
      ),
      fc.jsonValue({ maxDepth: 1 }),
    ),
    error: fc.jsonValue({ maxDepth: 0 }),
    errorDetail: fc.oneof(
      fc.record({ message: fc.jsonValue({ maxDepth: 0 }) }),
      fc.jsonValue({ maxDepth: 1 }),
    ),
  },
  { requiredKeys: [] },
);

/** Mostly messages shaped like the engine's, some not objects at all. */
const anyMessage = fc.oneof(
  { weight: 6, arbitrary: progressMessage.map((message): unknown => message) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value): unknown => value) },
);

function expectSaneLayer(layer: LayerPush): void {
  expect(typeof layer.id).toBe('string');
  expect(LAYER_STATUSES.has(layer.status)).toBe(true);
  expect(Number.isFinite(layer.current)).toBe(true);
  expect(layer.current).toBeGreaterThanOrEqual(0);
  if (layer.total !== null) {
    expect(Number.isFinite(layer.total)).toBe(true);
    expect(layer.current).toBeLessThanOrEqual(layer.total);
  }
  expect(layer.detail === null || typeof layer.detail === 'string').toBe(true);
}

function expectSaneEvent(event: PushEvent): void {
  if (event.kind === 'layer') expectSaneLayer(event.layer);
  else if (event.kind === 'tag-done') {
    expect(typeof event.tag).toBe('string');
    expect(typeof event.digest).toBe('string');
    expect(Number.isFinite(event.size)).toBe(true);
  } else {
    throw new Error(`the parser made a ${event.kind} event`);
  }
}

describe('createPushParser and overallProgress on random messages', () => {
  it('never throw on 400 streams of up to 60 random messages; layers, totals and fractions stay sane', () => {
    fc.assert(
      fc.property(fc.array(anyMessage, { maxLength: 60 }), (messages) => {
        const parser = createPushParser();
        for (const message of messages) {
          for (const event of parser.push(message)) expectSaneEvent(event);
          const overall = overallProgress(parser.layers());
          for (const value of [overall.current, overall.total, overall.done]) {
            expect(Number.isFinite(value)).toBe(true);
            expect(value).toBeGreaterThanOrEqual(0);
          }
          expect(overall.current).toBeLessThanOrEqual(overall.total);
          expect(overall.fraction).toBeGreaterThanOrEqual(0);
          expect(overall.fraction).toBeLessThanOrEqual(1);
        }
        const failure = parser.error();
        expect(failure === null || (typeof failure === 'string' && failure !== '')).toBe(true);
      }),
      { seed: 1212, numRuns: 400 },
    );
  });

  it('reports a failure for 300 present error fields of any type, in the engine’s words when it gives them', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ minLength: 1 }), fc.integer({ min: 1 }), fc.constant(true)),
        fc.oneof(fc.constant(undefined), fc.string()),
        (errorValue, detailMessage) => {
          const parser = createPushParser();
          const message =
            detailMessage === undefined
              ? { error: errorValue }
              : { error: errorValue, errorDetail: { message: detailMessage } };
          expect(parser.push(message)).toEqual([]);
          const expected =
            detailMessage !== undefined && detailMessage !== ''
              ? detailMessage
              : typeof errorValue === 'string'
                ? errorValue
                : 'The push failed.';
          expect(parser.error()).toBe(expected);
        },
      ),
      { seed: 1213, numRuns: 300 },
    );
  });
});
