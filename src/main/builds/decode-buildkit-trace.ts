/**
 * Decodes BuildKit's `moby.buildkit.trace` messages: `aux` is a base64 protobuf
 * `moby.buildkit.v1.StatusResponse`, read with dockerode's own `lib/proto/buildkit_status.proto`
 * so the schema matches the dockerode we talk to the engine with.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as protobuf from 'protobufjs';
import type {
  DecodedStatusResponse,
  DecodedVertex,
  DecodedVertexLog,
  DecodedVertexStatus,
  DecodedVertexWarning,
} from '../../shared/builds/parse-buildkit-status';
import { isRecord } from '../../shared/is-record';

export type { DecodedStatusResponse } from '../../shared/builds/parse-buildkit-status';

const STATUS_RESPONSE = 'moby.buildkit.v1.StatusResponse';

let statusResponseType: protobuf.Type | null = null;

/**
 * Where dockerode's proto file is. `createRequire(import.meta.url)` works in vitest (ESM, a real
 * file URL) and in electron-vite's CommonJS main bundle, where the bundler turns `import.meta.url`
 * into `pathToFileURL(__filename)` and dockerode stays external (node_modules, or app.asar).
 */
function statusProtoPath(): string {
  const dockerodePackage = createRequire(import.meta.url).resolve('dockerode/package.json');
  return join(dirname(dockerodePackage), 'lib', 'proto', 'buildkit_status.proto');
}

/** Loaded on first use, once per process: most builds in a session are classic or none at all. */
function statusResponse(): protobuf.Type {
  if (!statusResponseType) {
    // Parsing the text ourselves keeps protobufjs's own file loading (and its fs shim) out of it.
    const { root } = protobuf.parse(readFileSync(statusProtoPath(), 'utf8'), { keepCase: true });
    statusResponseType = root.lookupType(STATUS_RESPONSE);
  }
  return statusResponseType;
}

/**
 * Decodes the base64 `aux` of a `moby.buildkit.trace` message.
 *
 * Every field is present (protobuf defaults), int64s are numbers, bytes are Uint8Array, and
 * timestamps are ms since epoch (null when BuildKit did not set them). Throws on bytes that are
 * not a StatusResponse.
 */
export function decodeBuildKitTrace(aux: string): DecodedStatusResponse {
  const type = statusResponse();
  const bytes = Buffer.from(aux, 'base64');
  const object: unknown = type.toObject(type.decode(bytes), { longs: Number, defaults: true, arrays: true });
  const decoded = isRecord(object) ? object : {};
  return {
    vertexes: records(decoded['vertexes']).map(vertexOf),
    statuses: records(decoded['statuses']).map(vertexStatusOf),
    logs: records(decoded['logs']).map(vertexLogOf),
    warnings: records(decoded['warnings']).map(vertexWarningOf),
  };
}

/**
 * The engine's build message with the `aux` of a `moby.buildkit.trace` message decoded (see
 * `decodeBuildKitTrace`); any other message, and a trace that does not decode, is returned as it is.
 */
export function normalizeBuildMessage(message: unknown): unknown {
  if (!isRecord(message) || message['id'] !== 'moby.buildkit.trace' || typeof message['aux'] !== 'string') {
    return message;
  }
  try {
    return { ...message, aux: decodeBuildKitTrace(message['aux']) };
  } catch {
    // One unreadable progress update must not fail the build; the parsers skip an undecoded trace.
    return message;
  }
}

function vertexOf(vertex: Record<string, unknown>): DecodedVertex {
  const group = isRecord(vertex['progressGroup']) ? vertex['progressGroup'] : null;
  return {
    digest: text(vertex['digest']),
    inputs: Array.isArray(vertex['inputs']) ? vertex['inputs'].map(text) : [],
    name: text(vertex['name']),
    cached: vertex['cached'] === true,
    started: millis(vertex['started']),
    completed: millis(vertex['completed']),
    error: text(vertex['error']),
    progressGroup: group
      ? { id: text(group['id']), name: text(group['name']), weak: group['weak'] === true }
      : null,
  };
}

function vertexStatusOf(status: Record<string, unknown>): DecodedVertexStatus {
  return {
    ID: text(status['ID']),
    vertex: text(status['vertex']),
    name: text(status['name']),
    current: count(status['current']),
    total: count(status['total']),
    timestamp: millis(status['timestamp']),
    started: millis(status['started']),
    completed: millis(status['completed']),
  };
}

function vertexLogOf(log: Record<string, unknown>): DecodedVertexLog {
  return {
    vertex: text(log['vertex']),
    timestamp: millis(log['timestamp']),
    stream: count(log['stream']),
    msg: bytes(log['msg']),
  };
}

function vertexWarningOf(warning: Record<string, unknown>): DecodedVertexWarning {
  const info = isRecord(warning['info']) ? warning['info'] : null;
  return {
    vertex: text(warning['vertex']),
    level: count(warning['level']),
    short: bytes(warning['short']),
    detail: Array.isArray(warning['detail']) ? warning['detail'].map(bytes) : [],
    url: text(warning['url']),
    info: info ? { filename: text(info['filename']), data: bytes(info['data']) } : null,
    ranges: records(warning['ranges']).map((range) => ({
      start: position(range['start']),
      end: position(range['end']),
    })),
  };
}

function position(value: unknown): { line: number; character: number } | null {
  return isRecord(value) ? { line: count(value['line']), character: count(value['character']) } : null;
}

/** A protobuf Timestamp `{seconds, nanos}` as ms since epoch. */
function millis(value: unknown): number | null {
  if (!isRecord(value)) return null;
  return count(value['seconds']) * 1000 + Math.floor(count(value['nanos']) / 1e6);
}

/** Node's Buffer is a Uint8Array; a plain copy keeps Buffer's extra API (and its pooled memory) out of the result. */
function bytes(value: unknown): Uint8Array {
  return value instanceof Uint8Array ? new Uint8Array(value) : new Uint8Array(0);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function count(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

function records(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
