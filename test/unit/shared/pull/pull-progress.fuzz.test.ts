/**
 * Property tests (issue #12): whatever the engine's pull stream holds, the parser does not throw and
 * each layer's bar (current over total, as the pull dialog draws it) stays within its size.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPullParser, type LayerPull } from '../../../../src/shared/pull/pull-progress';

const LAYER_IDS = ['a1b2c3d4e5f6', '0f9e8d7c6b5a', 'deadbeef0000'];
const STATUSES = [
  'Pulling fs layer',
  'Waiting',
  'Downloading',
  'Verifying Checksum',
  'Download complete',
  'Extracting',
  'Pull complete',
  'Already exists',
  'Retrying in 5 seconds',
  'Status: Downloaded newer image for busybox:latest',
  'Digest: sha256:0123',
];
const PHASES: ReadonlySet<string> = new Set(['waiting', 'downloading', 'extracting', 'done']);

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
    error: fc.jsonValue({ maxDepth: 0 }),
    errorDetail: fc.oneof(
      fc.record({ message: fc.jsonValue({ maxDepth: 0 }) }),
      fc.jsonValue({ maxDepth: 1 }),
    ),
  },
  { requiredKeys: [] },
);

const anyMessage = fc.oneof(
  { weight: 6, arbitrary: progressMessage.map((message): unknown => message) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value): unknown => value) },
);

function expectSaneLayer(layer: LayerPull): void {
  expect(typeof layer.id).toBe('string');
  expect(PHASES.has(layer.phase)).toBe(true);
  expect(typeof layer.status).toBe('string');
  expect(Number.isFinite(layer.current)).toBe(true);
  expect(layer.current).toBeGreaterThanOrEqual(0);
  if (layer.total !== null) {
    expect(Number.isFinite(layer.total)).toBe(true);
    expect(layer.current).toBeLessThanOrEqual(layer.total);
    if (layer.total > 0) {
      const fraction = layer.current / layer.total;
      expect(fraction).toBeGreaterThanOrEqual(0);
      expect(fraction).toBeLessThanOrEqual(1);
    }
  }
}

describe('createPullParser on random messages', () => {
  it('never throws on 400 streams of up to 60 random messages; every layer stays within its size', () => {
    fc.assert(
      fc.property(fc.array(anyMessage, { maxLength: 60 }), (messages) => {
        const parser = createPullParser();
        for (const message of messages) {
          for (const event of parser.push(message)) {
            expect(event.kind).toBe('layer');
            if (event.kind === 'layer') expectSaneLayer(event.layer);
          }
        }
        const { error, status } = parser.result();
        expect(error === null || (typeof error === 'string' && error !== '')).toBe(true);
        expect(status === null || typeof status === 'string').toBe(true);
      }),
      { seed: 1214, numRuns: 400 },
    );
  });

  it('reports a failure for 300 present error fields of any type, in the engine’s words when it gives them', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ minLength: 1 }), fc.integer({ min: 1 }), fc.constant(true)),
        fc.oneof(fc.constant(undefined), fc.string()),
        (errorValue, detailMessage) => {
          const parser = createPullParser();
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
                : 'The pull failed.';
          expect(parser.result().error).toBe(expected);
        },
      ),
      { seed: 1215, numRuns: 300 },
    );
  });
});
