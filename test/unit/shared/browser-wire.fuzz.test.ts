/**
 * Property tests (issue #12): whatever arrives on browser mode's socket, from the page or from the
 * server, the readers do not throw: they answer null (or, for an answer whose result is unreadable,
 * an INTERNAL failure), and every message the other end writes reads back as it was sent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MALFORMED_ANSWER,
  parseSocketMessage,
  parseSocketRequest,
  type SocketMessage,
  type SocketPing,
  type SocketRequest,
} from '../../../src/shared/browser-wire';

/** Envelopes with each field right, wrong or missing, so valid and invalid frames both come up. */
const envelope = fc.record(
  {
    t: fc.oneof(fc.constantFrom('req', 'ping', 'res', 'evt', 'pong'), fc.jsonValue({ maxDepth: 0 })),
    id: fc.oneof(
      fc.integer(),
      fc.constantFrom(1.5, -0, 2 ** 53, Number.MAX_SAFE_INTEGER, 1e308),
      fc.jsonValue({ maxDepth: 0 }),
    ),
    channel: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 1 })),
    event: fc.oneof(fc.constantFrom('images:event', 'build:event'), fc.jsonValue({ maxDepth: 1 })),
    input: fc.jsonValue({ maxDepth: 3 }),
    payload: fc.jsonValue({ maxDepth: 3 }),
    result: fc.oneof(
      fc.record({ ok: fc.constant(true), value: fc.jsonValue({ maxDepth: 2 }) }),
      fc.record({
        ok: fc.constant(false),
        error: fc.record(
          { code: fc.jsonValue({ maxDepth: 0 }), message: fc.jsonValue({ maxDepth: 0 }) },
          { requiredKeys: [] },
        ),
      }),
      fc.jsonValue({ maxDepth: 2 }),
    ),
  },
  { requiredKeys: [] },
);

/** Text frames: envelopes as JSON, any JSON at all, any text, and JSON cut short. */
const anyText = fc.oneof(
  envelope.map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .tuple(
      envelope.map((value) => JSON.stringify(value)),
      fc.nat(),
    )
    .map(([text, cut]) => text.slice(0, cut % (text.length + 1))),
);

/** A binary frame as main reads it (`data.toString()`), with invalid UTF-8 among the bytes. */
const anyBinary = fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString());

const safeId = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

/** What JSON carries unchanged (no -0, no undefined): the values a real page or server sends. */
const wireValue = fc
  .jsonValue({ maxDepth: 3, noUnicodeString: false })
  .map((value) => JSON.parse(JSON.stringify(value))) as fc.Arbitrary<unknown>;

function recordOf(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

describe('parseSocketRequest on anything a page could send', () => {
  it('never throws on 1500 random text frames, and reads only well-formed requests and pings', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = parseSocketRequest(text);
        const value = recordOf(text);
        const wellFormed =
          value !== null &&
          Number.isSafeInteger(value['id']) &&
          (value['t'] === 'ping' || (value['t'] === 'req' && typeof value['channel'] === 'string'));
        if (!wellFormed) {
          expect(parsed).toBeNull();
          return;
        }
        expect(parsed).toEqual(
          value['t'] === 'ping'
            ? { t: 'ping', id: value['id'] }
            : { t: 'req', id: value['id'], channel: value['channel'], input: value['input'] },
        );
      }),
      { seed: 1216, numRuns: 1500 },
    );
  });

  it('never throws on 500 random binary frames and refuses each that is not a request', () => {
    fc.assert(
      fc.property(anyBinary, (text) => {
        const parsed = parseSocketRequest(text);
        if (parsed !== null) expect(['req', 'ping']).toContain(parsed.t);
      }),
      { seed: 1217, numRuns: 500 },
    );
  });

  it('reads back each of 500 requests and pings exactly as the page wrote them', () => {
    const request = fc.oneof(
      fc.record({ t: fc.constant('req' as const), id: safeId, channel: fc.string(), input: wireValue }),
      fc.record({ t: fc.constant('ping' as const), id: safeId }),
    );
    fc.assert(
      fc.property(request, (message: SocketRequest | SocketPing) => {
        expect(parseSocketRequest(JSON.stringify(message))).toEqual(message);
      }),
      { seed: 1218, numRuns: 500 },
    );
  });
});

describe('parseSocketMessage on anything a server could send', () => {
  it('never throws on 1500 random text frames; an answer always carries a result the page can read', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = parseSocketMessage(text);
        const value = recordOf(text);
        const wellFormed =
          value !== null &&
          (((value['t'] === 'res' || value['t'] === 'pong') && Number.isSafeInteger(value['id'])) ||
            (value['t'] === 'evt' && typeof value['event'] === 'string'));
        expect(parsed !== null).toBe(wellFormed);
        if (parsed === null) return;
        if (parsed.t === 'res') {
          expect(parsed.id).toBe(value?.['id']);
          expect(Number.isSafeInteger(parsed.id)).toBe(true);
          expect(typeof parsed.result).toBe('object');
          if (!parsed.result.ok) {
            expect(typeof parsed.result.error.code).toBe('string');
            expect(typeof parsed.result.error.message).toBe('string');
          } else {
            expect(parsed.result.ok).toBe(true);
          }
        } else if (parsed.t === 'evt') {
          expect(typeof parsed.event).toBe('string');
        } else {
          expect(parsed).toEqual({ t: 'pong', id: value?.['id'] });
        }
      }),
      { seed: 1219, numRuns: 1500 },
    );
  });

  it('never throws on 500 random binary frames', () => {
    fc.assert(
      fc.property(anyBinary, (text) => {
        const parsed = parseSocketMessage(text);
        if (parsed !== null) expect(['res', 'evt', 'pong']).toContain(parsed.t);
      }),
      { seed: 1220, numRuns: 500 },
    );
  });

  it('settles each of 300 answers whose result is not a result as an INTERNAL failure', () => {
    const notAResult = fc
      .jsonValue({ maxDepth: 2 })
      .filter(
        (value) =>
          !(
            typeof value === 'object' &&
            value !== null &&
            !Array.isArray(value) &&
            (value['ok'] === true ||
              (value['ok'] === false &&
                typeof value['error'] === 'object' &&
                value['error'] !== null &&
                !Array.isArray(value['error']) &&
                typeof value['error']['code'] === 'string' &&
                typeof value['error']['message'] === 'string'))
          ),
      );
    fc.assert(
      fc.property(safeId, notAResult, (id, result) => {
        expect(parseSocketMessage(JSON.stringify({ t: 'res', id, result }))).toEqual({
          t: 'res',
          id,
          result: { ok: false, error: { code: 'INTERNAL', message: MALFORMED_ANSWER } },
        });
      }),
      { seed: 1221, numRuns: 300 },
    );
  });

  it('reads back each of 500 answers, events and pongs exactly as the server wrote them', () => {
    const message = fc.oneof(
      fc.record({
        t: fc.constant('res' as const),
        id: safeId,
        result: fc.oneof(
          fc.record({ ok: fc.constant(true as const), value: wireValue }),
          fc.record({
            ok: fc.constant(false as const),
            error: fc.record({ code: fc.constantFrom('INTERNAL', 'NOT_FOUND'), message: fc.string() }),
          }),
        ),
      }),
      fc.record({
        t: fc.constant('evt' as const),
        event: fc.constantFrom('images:event', 'engine:event', 'build:event'),
        payload: wireValue,
      }),
      fc.record({ t: fc.constant('pong' as const), id: safeId }),
    ) as fc.Arbitrary<SocketMessage>;
    fc.assert(
      fc.property(message, (sent) => {
        expect(parseSocketMessage(JSON.stringify(sent))).toEqual(sent);
      }),
      { seed: 1222, numRuns: 500 },
    );
  });
});
