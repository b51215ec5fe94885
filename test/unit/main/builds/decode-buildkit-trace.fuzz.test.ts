/**
 * Property tests (issue #12) of how main reads BuildKit's `moby.buildkit.trace` messages: random
 * bytes, recorded traces with a byte changed or cut short, and messages of any shape never make
 * `normalizeBuildMessage` throw; what decodes has every field of its type, and StatusResponses
 * encoded with dockerode's own schema decode to what was encoded.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import * as protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import {
  decodeBuildKitTrace,
  normalizeBuildMessage,
  type DecodedStatusResponse,
} from '../../../../src/main/builds/decode-buildkit-trace';
import { check, garbageMessage } from '../../../support/mangle-build-stream';
import {
  BUILD_STREAM_SCENARIOS,
  FIXTURE_ENGINE_NAMES,
  readBuildStreamFixture,
} from '../../../support/record-build-stream';

/** Every recorded trace's base64 `aux`, from both engines' recordings. */
const TRACES = FIXTURE_ENGINE_NAMES.flatMap((engine) =>
  BUILD_STREAM_SCENARIOS.filter((scenario) => scenario.builder === 'buildkit').flatMap((scenario) =>
    (readBuildStreamFixture(scenario.name, engine) as Array<{ id?: string; aux?: unknown }>)
      .filter((message) => message.id === 'moby.buildkit.trace' && typeof message.aux === 'string')
      .map((message) => message.aux as string),
  ),
);

/** dockerode's own schema, loaded separately here to encode test messages. */
function statusResponseType(): protobuf.Type {
  const dockerode = dirname(createRequire(import.meta.url).resolve('dockerode/package.json'));
  const source = readFileSync(join(dockerode, 'lib/proto/buildkit_status.proto'), 'utf8');
  return protobuf.parse(source, { keepCase: true }).root.lookupType('moby.buildkit.v1.StatusResponse');
}

const isTime = (value: number | null): boolean => value === null || Number.isFinite(value);
const isBytes = (value: unknown): boolean => Object.getPrototypeOf(value) === Uint8Array.prototype;

/** What `decodeBuildKitTrace` promises: every field present, of its type, whatever the bytes said. */
function checkDecoded(decoded: DecodedStatusResponse): void {
  for (const vertex of decoded.vertexes) {
    check(typeof vertex.digest === 'string' && typeof vertex.name === 'string', 'vertex text', vertex);
    check(typeof vertex.error === 'string' && typeof vertex.cached === 'boolean', 'vertex fields', vertex);
    check(
      vertex.inputs.every((input) => typeof input === 'string'),
      'vertex inputs',
      vertex,
    );
    check(isTime(vertex.started) && isTime(vertex.completed), 'vertex times', vertex);
  }
  for (const status of decoded.statuses) {
    check(Number.isFinite(status.current) && Number.isFinite(status.total), 'status counts', status);
    check(
      isTime(status.timestamp) && isTime(status.started) && isTime(status.completed),
      'status times',
      status,
    );
  }
  for (const log of decoded.logs) {
    check(typeof log.vertex === 'string' && Number.isFinite(log.stream), 'log fields', log);
    check(isBytes(log.msg) && isTime(log.timestamp), 'log bytes and time', log);
  }
  for (const warning of decoded.warnings) {
    check(isBytes(warning.short) && warning.detail.every(isBytes), 'warning bytes', warning);
    check(warning.info === null || isBytes(warning.info.data), 'warning info', warning);
    for (const range of warning.ranges) {
      for (const position of [range.start, range.end]) {
        check(position === null || Number.isFinite(position.line), 'warning range', warning);
      }
    }
  }
}

/** Decodes or throws an Error (never anything else); a result is checked. */
function decodesOrRefuses(aux: string): void {
  let decoded: DecodedStatusResponse;
  try {
    decoded = decodeBuildKitTrace(aux);
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return;
  }
  checkDecoded(decoded);
}

/** `normalizeBuildMessage` on a trace: decoded, or handed back untouched when it does not decode. */
function normalizesWithoutThrowing(aux: string): void {
  const message = { id: 'moby.buildkit.trace', aux };
  const normalized = normalizeBuildMessage(message);
  if (normalized === message) {
    expect(() => decodeBuildKitTrace(aux)).toThrow();
  } else {
    checkDecoded((normalized as { aux: DecodedStatusResponse }).aux);
  }
}

const recordedWithOneByteChanged = fc
  .tuple(fc.constantFrom(...TRACES), fc.nat(), fc.nat(255))
  .map(([aux, position, value]) => {
    const bytes = Buffer.from(aux, 'base64');
    bytes[position % bytes.length] = value;
    return bytes.toString('base64');
  });

const recordedCutShort = fc.tuple(fc.constantFrom(...TRACES), fc.nat()).map(([aux, at]) =>
  Buffer.from(aux, 'base64')
    .subarray(0, at % (Buffer.from(aux, 'base64').length + 1))
    .toString('base64'),
);

describe('decodeBuildKitTrace and normalizeBuildMessage on damaged traces', () => {
  it('on 1000 random byte strings: decode gives typed fields or an Error, and normalizing never throws', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const aux = Buffer.from(bytes).toString('base64');
        decodesOrRefuses(aux);
        normalizesWithoutThrowing(aux);
      }),
      { seed: 1250, numRuns: 1000 },
    );
  });

  it('on 1000 recorded traces with one byte changed and 500 cut short: the same', () => {
    fc.assert(
      fc.property(recordedWithOneByteChanged, (aux) => {
        decodesOrRefuses(aux);
        normalizesWithoutThrowing(aux);
      }),
      { seed: 1251, numRuns: 1000 },
    );
    fc.assert(
      fc.property(recordedCutShort, (aux) => {
        decodesOrRefuses(aux);
        normalizesWithoutThrowing(aux);
      }),
      { seed: 1252, numRuns: 500 },
    );
  });

  it('on 500 random strings as aux (not base64 at all): normalizing never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (aux) => {
        normalizesWithoutThrowing(aux);
      }),
      { seed: 1253, numRuns: 500 },
    );
  });

  it('hands back 500 messages that are not base64 traces exactly as they came', () => {
    fc.assert(
      fc.property(garbageMessage, (message) => {
        const normalized = normalizeBuildMessage(message);
        const isTrace =
          typeof message === 'object' &&
          message !== null &&
          (message as { id?: unknown }).id === 'moby.buildkit.trace' &&
          typeof (message as { aux?: unknown }).aux === 'string';
        if (!isTrace) expect(normalized).toBe(message);
      }),
      { seed: 1254, numRuns: 500 },
    );
  });

  it('decodes each of 300 StatusResponses encoded with dockerode’s schema to what was encoded', () => {
    const type = statusResponseType();
    const text = fc.string({ maxLength: 20 });
    const timestamp = fc.option(
      fc.record({
        seconds: fc.integer({ min: 0, max: 4_000_000_000 }),
        nanos: fc.integer({ min: 0, max: 999_999_999 }),
      }),
      { nil: undefined },
    );
    const vertex = fc.record({
      digest: text,
      inputs: fc.array(text, { maxLength: 2 }),
      name: text,
      cached: fc.boolean(),
      started: timestamp,
      completed: timestamp,
      error: text,
    });
    const log = fc.record({
      vertex: text,
      stream: fc.integer({ min: 0, max: 2 }),
      msg: fc.uint8Array({ maxLength: 20 }),
      timestamp,
    });
    fc.assert(
      fc.property(fc.array(vertex, { maxLength: 3 }), fc.array(log, { maxLength: 3 }), (vertexes, logs) => {
        const aux = Buffer.from(type.encode(type.fromObject({ vertexes, logs })).finish()).toString('base64');
        const millis = (time: { seconds: number; nanos: number } | undefined): number | null =>
          time ? time.seconds * 1000 + Math.floor(time.nanos / 1e6) : null;
        const decoded = decodeBuildKitTrace(aux);
        expect(decoded.vertexes).toEqual(
          vertexes.map((item) => ({
            ...item,
            started: millis(item.started),
            completed: millis(item.completed),
            progressGroup: null,
          })),
        );
        expect(decoded.logs).toEqual(
          logs.map((item) => ({ ...item, msg: new Uint8Array(item.msg), timestamp: millis(item.timestamp) })),
        );
      }),
      { seed: 1255, numRuns: 300 },
    );
  });
});
