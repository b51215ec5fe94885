/**
 * For the property tests of the build parsers (issue #12): recorded engine streams mangled the ways
 * a stream can arrive (cut short, out of order, repeated, with foreign or damaged messages), and the
 * checks every parser output must pass whatever came in.
 */
import fc from 'fast-check';
import { normalizeBuildMessage } from '../../src/main/builds/decode-buildkit-trace';
import type { BuildLogParser, BuildStep, BuildUpdate } from '../../src/shared/builds/build-model';
import { isRecord } from '../../src/shared/is-record';

/** One way to spoil a stream; indexes and positions are taken modulo the stream as it is then. */
export type Mangling =
  | { kind: 'truncate'; at: number }
  | { kind: 'drop'; at: number }
  | { kind: 'duplicate'; from: number; to: number }
  | { kind: 'move'; from: number; to: number }
  | { kind: 'insert'; at: number; message: unknown }
  | { kind: 'cut-text'; at: number; position: number }
  | { kind: 'random-aux'; at: number; bytes: Uint8Array }
  | { kind: 'flip-aux-byte'; at: number; position: number; value: number };

/** Wire messages with the keys the builders use but values of any JSON type. */
export const garbageMessage: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.record({ stream: fc.jsonValue({ maxDepth: 1 }) }),
  fc.record({ aux: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({
    id: fc.constantFrom('moby.buildkit.trace', 'moby.image.id'),
    aux: fc.jsonValue({ maxDepth: 2 }),
  }),
  fc.record({ id: fc.constant('moby.buildkit.trace'), aux: fc.base64String({ maxLength: 80 }) }),
  fc.record(
    { error: fc.jsonValue({ maxDepth: 1 }), errorDetail: fc.jsonValue({ maxDepth: 2 }) },
    { requiredKeys: [] },
  ),
);

/**
 * Messages both parsers must ignore: not objects, or objects with none of the fields they read
 * (JSON from the engine that a later engine may add, `{"stream": ""}`).
 */
export const ignoredMessage: fc.Arbitrary<unknown> = fc.oneof(
  fc.oneof(fc.string(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null)),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(
    fc
      .string({ maxLength: 8 })
      .filter((key) => !['stream', 'aux', 'error', 'errorDetail', 'id'].includes(key)),
    fc.jsonValue({ maxDepth: 1 }),
    { maxKeys: 3 },
  ),
  fc.constant({ stream: '' }),
  fc.record({ stream: fc.oneof(fc.integer(), fc.constant(null), fc.boolean()) }),
  fc.record({ id: fc.constant('moby.something.else'), aux: fc.jsonValue({ maxDepth: 1 }) }),
);

export function mangling(extra: fc.Arbitrary<unknown> = garbageMessage): fc.Arbitrary<Mangling> {
  const at = fc.nat();
  return fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at }),
    fc.record({ kind: fc.constant('drop' as const), at }),
    fc.record({ kind: fc.constant('duplicate' as const), from: at, to: at }),
    fc.record({ kind: fc.constant('move' as const), from: at, to: at }),
    fc.record({ kind: fc.constant('insert' as const), at, message: extra }),
    fc.record({ kind: fc.constant('cut-text' as const), at, position: fc.nat() }),
    fc.record({ kind: fc.constant('random-aux' as const), at, bytes: fc.uint8Array({ maxLength: 120 }) }),
    fc.record({
      kind: fc.constant('flip-aux-byte' as const),
      at,
      position: fc.nat(),
      value: fc.nat(255),
    }),
  );
}

/** The stream with one mangling applied (a copy; the input is left as it is). */
export function applyMangling(messages: readonly unknown[], how: Mangling): unknown[] {
  const out = [...messages];
  const index = (n: number, length = out.length): number => (length === 0 ? 0 : n % length);
  switch (how.kind) {
    case 'truncate':
      return out.slice(0, index(how.at, out.length + 1));
    case 'drop':
      out.splice(index(how.at), 1);
      return out;
    case 'duplicate':
      if (out.length > 0) out.splice(index(how.to, out.length + 1), 0, out[index(how.from)]);
      return out;
    case 'move': {
      if (out.length === 0) return out;
      const [moved] = out.splice(index(how.from), 1);
      out.splice(index(how.to, out.length + 1), 0, moved);
      return out;
    }
    case 'insert':
      out.splice(index(how.at, out.length + 1), 0, how.message);
      return out;
    case 'cut-text': {
      const at = index(how.at);
      const message = out[at];
      if (!isRecord(message)) return out;
      // A line of the stream cut short: stream text, or the base64 of a trace (often no longer protobuf).
      const key = typeof message['stream'] === 'string' ? 'stream' : 'aux';
      const text = message[key];
      if (typeof text === 'string')
        out[at] = { ...message, [key]: text.slice(0, index(how.position, text.length + 1)) };
      return out;
    }
    case 'random-aux':
    case 'flip-aux-byte': {
      const at = index(how.at);
      const message = out[at];
      if (!isRecord(message) || typeof message['aux'] !== 'string') return out;
      let bytes: Uint8Array;
      if (how.kind === 'random-aux') {
        bytes = how.bytes;
      } else {
        bytes = Buffer.from(message['aux'], 'base64');
        if (bytes.length > 0) bytes[index(how.position, bytes.length)] = how.value;
      }
      out[at] = { ...message, aux: Buffer.from(bytes).toString('base64') };
      return out;
    }
  }
}

export function applyManglings(messages: readonly unknown[], hows: readonly Mangling[]): unknown[] {
  return hows.reduce<unknown[]>((stream, how) => applyMangling(stream, how), [...messages]);
}

/** Feeds messages the way main does (BuildKit traces decoded first) and collects the updates. */
export function feed(parser: BuildLogParser, messages: readonly unknown[]): BuildUpdate[] {
  const updates: BuildUpdate[] = [];
  for (const message of messages) updates.push(...parser.push(normalizeBuildMessage(message)));
  return updates;
}

const STEP_STATUSES: ReadonlySet<string> = new Set(['queued', 'running', 'cached', 'done', 'error']);

/** A plain check: `expect` on every field of 10,000 updates costs more than the parsing it checks. */
export function check(condition: boolean, what: string, value: unknown): void {
  if (!condition) throw new Error(`${what}: ${JSON.stringify(value)}`);
}

const isCount = (value: number | null): boolean =>
  value === null || (typeof value === 'number' && !Number.isNaN(value) && value >= 0);
const isTime = (value: number | null): boolean => value === null || Number.isFinite(value);
const isText = (value: unknown): boolean => typeof value === 'string';
const isTextOrNull = (value: unknown): boolean => value === null || typeof value === 'string';

function checkStep(step: BuildStep): void {
  check(isText(step.id), 'step id is text', step);
  check(STEP_STATUSES.has(step.status), 'step status is one of the model', step);
  check(isCount(step.index) && isCount(step.total), 'step position is never negative or NaN', step);
  check(isTextOrNull(step.stage) && isText(step.instruction), 'stage and instruction are text', step);
  check(step.line === null || (Number.isInteger(step.line) && step.line >= 1), 'line is 1-based', step);
  check(isTime(step.startedAt) && isTime(step.endedAt), 'times are finite', step);
  check(typeof step.internal === 'boolean', 'internal is a boolean', step);
  check(isTextOrNull(step.error), 'error is text', step);
  check(step.status !== 'error' || step.error !== null, 'a failed step says why', step);
}

/**
 * What every parser output must be, whatever the stream: updates of the known kinds with fields of
 * their types, counts never negative or NaN, step statuses from the model. Returns the steps folded
 * (each in its last state), for checks of a builder's own.
 */
export function expectConsistentUpdates(updates: readonly BuildUpdate[]): Map<string, BuildStep> {
  const steps = new Map<string, BuildStep>();
  for (const update of updates) {
    switch (update.kind) {
      case 'step':
        checkStep(update.step);
        steps.set(update.step.id, update.step);
        break;
      case 'log':
        check(isText(update.text) && update.text !== '', 'a log has text', update);
        check(isTextOrNull(update.stepId), 'a log belongs to a step id or none', update);
        break;
      case 'warning': {
        const { warning } = update;
        check(isText(warning.message) && warning.detail.every(isText), 'a warning is text', update);
        check(isCount(warning.line) && isTextOrNull(warning.url), 'a warning line and url', update);
        break;
      }
      case 'image':
        check(isText(update.imageId), 'an image id is text', update);
        break;
      case 'error':
        check(isText(update.message) && isCount(update.line), 'an error has text and a line', update);
        check(isTextOrNull(update.stepId), 'an error belongs to a step id or none', update);
        break;
      default:
        check(false, 'an update of a known kind', update);
    }
  }
  return steps;
}

/** A long stream for the linear-time checks: the (mangled) recording over and over. */
export function longStream(messages: readonly unknown[], length: number): unknown[] {
  if (messages.length === 0) return [];
  const out: unknown[] = [];
  while (out.length < length) out.push(...messages);
  return out.slice(0, length);
}
