/**
 * BuildKit's (`version: '2'`) build stream turned into build updates.
 *
 * The engine sends `{id: 'moby.buildkit.trace', aux}` with a protobuf StatusResponse in `aux`;
 * main decodes it (src/main/builds/decode-buildkit-trace.ts) before it reaches this parser. Each
 * update resends whole vertexes, so steps are keyed by digest and re-emitted only when they change.
 *
 * How vertex names map to Dockerfile lines, as dockerd 20.10's BuildKit names them (recorded in
 * test/unit/fixtures/build-streams): `[name i/n] INSTR`, where the name is the stage's `AS` name in
 * lower case or `stage-<index>`, and is left out when the Dockerfile has one stage. `i` counts
 * only the instructions that make a vertex: FROM of an image (not `scratch`, not another stage),
 * RUN, COPY, ADD and WORKDIR (except a WORKDIR of `/`, which counts in `n` but makes no vertex).
 * Stages FROM the same image share one vertex, named after whichever stage BuildKit dispatched
 * first (it varies from run to run), so its line is that stage's FROM.
 */
import type {
  DockerfileAnalysis,
  DockerfileInstruction,
  DockerfileStage,
} from '../dockerfile/analyze-dockerfile';
import {
  isCancelledError,
  type BuildLogParser,
  type BuildStep,
  type BuildUpdate,
  type BuildWarning,
  type StepStatus,
} from './build-model';
import { isRecord } from '../is-record';
import {
  findStage,
  fromStageOf,
  instructionsWithVertex,
  isRootDirectory,
  stageLabelWithout,
} from './buildkit-vertex-stages';

/** A BuildKit `StatusResponse` as `decodeBuildKitTrace` produces it: times are ms since epoch, bytes are Uint8Array. */
export interface DecodedStatusResponse {
  vertexes: DecodedVertex[];
  statuses: DecodedVertexStatus[];
  logs: DecodedVertexLog[];
  warnings: DecodedVertexWarning[];
}

/** One node of the build graph: an instruction or one of BuildKit's internal steps. */
export interface DecodedVertex {
  digest: string;
  inputs: string[];
  name: string;
  cached: boolean;
  started: number | null;
  completed: number | null;
  /** Empty when the vertex did not fail. */
  error: string;
  progressGroup: { id: string; name: string; weak: boolean } | null;
}

/** Progress of a part of a vertex (`exporting layers`, a download). */
export interface DecodedVertexStatus {
  ID: string;
  vertex: string;
  name: string;
  current: number;
  total: number;
  timestamp: number | null;
  started: number | null;
  completed: number | null;
}

/** Output of a vertex: `stream` 1 is stdout, 2 stderr; a chunk may end inside a UTF-8 character. */
export interface DecodedVertexLog {
  vertex: string;
  timestamp: number | null;
  stream: number;
  msg: Uint8Array;
}

/** A build-check warning; `ranges` lines are 1-based Dockerfile lines, 0 when absent. */
export interface DecodedVertexWarning {
  vertex: string;
  level: number;
  short: Uint8Array;
  detail: Uint8Array[];
  url: string;
  info: { filename: string; data: Uint8Array } | null;
  ranges: Array<{
    start: { line: number; character: number } | null;
    end: { line: number; character: number } | null;
  }>;
}

const VERTEX_NAME = /^\[(?:(.+) )?(\d+)\/(\d+)\] ([\s\S]*)$/;
/** BuildKit 0.8 (dockerd 20.10): "dockerfile parse error line 3: …"; 0.13 (Docker 26): "… on line 3: …". */
const PARSE_ERROR_LINE = /dockerfile parse error (?:on )?line (\d+)/i;

/**
 * Creates a parser for one BuildKit build.
 *
 * @param dockerfile the Dockerfile that was sent, to map vertexes to lines; null if unknown.
 * @param _now unused clock, kept so both parsers are made the same way: BuildKit sends its own times.
 */
export function createBuildKitParser(
  dockerfile: DockerfileAnalysis | null,
  _now: () => number,
): BuildLogParser {
  const steps = new Map<string, BuildStep>();
  const decoders = new Map<string, InstanceType<typeof TextDecoder>>();
  const seenWarnings = new Set<string>();
  const vertexInstructionsByStage = new Map<number, DockerfileInstruction[]>();

  function vertexInstructions(stage: DockerfileStage): DockerfileInstruction[] {
    let list = vertexInstructionsByStage.get(stage.index);
    if (!list) {
      list = dockerfile ? instructionsWithVertex(dockerfile, stage) : [];
      vertexInstructionsByStage.set(stage.index, list);
    }
    return list;
  }

  function stepOf(vertex: Record<string, unknown>, digest: string): BuildStep {
    const name = typeof vertex['name'] === 'string' ? vertex['name'] : '';
    const error = typeof vertex['error'] === 'string' && vertex['error'] !== '' ? vertex['error'] : null;
    const started = millisOf(vertex['started']);
    const completed = millisOf(vertex['completed']);
    const status: StepStatus =
      vertex['cached'] === true
        ? 'cached'
        : error !== null
          ? isCancelledError(error)
            ? 'cancelled'
            : 'error'
          : completed !== null
            ? 'done'
            : started !== null
              ? 'running'
              : 'queued';
    const base = { id: digest, status, startedAt: started, endedAt: completed, error };
    const match = VERTEX_NAME.exec(name);
    if (!match) {
      return {
        ...base,
        index: null,
        total: null,
        stage: null,
        instruction: name,
        line: null,
        internal: true,
      };
    }
    const printedStage = match[1]?.split(' ').at(-1) ?? null;
    const instruction = match[4] ?? '';
    const from =
      dockerfile && keywordOf(instruction) === 'FROM'
        ? fromStageOf(dockerfile, printedStage, instruction)
        : null;
    const stage = from ?? (dockerfile ? findStage(dockerfile, printedStage) : null);
    // The FROM vertex is shared by every build on that image, and BuildKit 0.13 keeps the name the
    // first of them gave it (`[1/2] FROM …` in a build of four steps): its place is the stage's.
    const index = from ? 1 : Number(match[2]);
    const total = from ? numberedCount(from) : Number(match[3]);
    const source = stage ? findInstruction(stage, index, instruction) : null;
    return {
      ...base,
      index,
      total,
      stage: stage ? (stage.name ?? String(stage.index)) : stageLabelWithout(printedStage),
      instruction,
      line: source?.line ?? null,
      internal: false,
    };
  }

  /** How many instructions BuildKit numbers in a stage: those that make a vertex, and `WORKDIR /`. */
  function numberedCount(stage: DockerfileStage): number {
    const rootWorkdirs = stage.instructions.filter(
      (item) => item.keyword === 'WORKDIR' && isRootDirectory(item.text.slice('WORKDIR'.length).trim()),
    );
    return vertexInstructions(stage).length + rootWorkdirs.length;
  }

  function findInstruction(
    stage: DockerfileStage,
    index: number,
    instruction: string,
  ): DockerfileInstruction | null {
    const keyword = keywordOf(instruction);
    const candidate = vertexInstructions(stage)[index - 1];
    if (candidate && candidate.keyword === keyword) return candidate;
    // The count disagrees (a WORKDIR we could not resolve, ONBUILD triggers): fall back to the
    // only instruction of that kind, or the one printed the same.
    const sameKind = stage.instructions.filter((item) => item.keyword === keyword);
    if (sameKind.length === 1) return sameKind[0] ?? null;
    const printed = normalizeSpace(instruction);
    return sameKind.find((item) => normalizeSpace(item.text) === printed) ?? null;
  }

  function pushVertexes(vertexes: unknown[], updates: BuildUpdate[]): void {
    for (const vertex of lastOfEachDigest(vertexes)) {
      if (!isRecord(vertex) || typeof vertex['digest'] !== 'string') continue;
      const step = stepOf(vertex, vertex['digest']);
      const previous = steps.get(step.id);
      if (previous && sameStep(previous, step)) continue;
      steps.set(step.id, step);
      updates.push({ kind: 'step', step });
    }
  }

  function pushLogs(logs: unknown[], updates: BuildUpdate[]): void {
    for (const log of logs) {
      if (!isRecord(log) || typeof log['vertex'] !== 'string') continue;
      const vertex = log['vertex'];
      const key = `${vertex}\u0000${String(log['stream'])}`;
      let decoder = decoders.get(key);
      if (!decoder) {
        decoder = new TextDecoder('utf-8');
        decoders.set(key, decoder);
      }
      const text = decoder.decode(bytesOf(log['msg'] ?? log['data']), { stream: true });
      if (text === '') continue;
      // stdout and stderr stay apart: a line begun on one goes on there, not on the other.
      const stream = log['stream'] === 2 ? 2 : 1;
      const last = updates.at(-1);
      if (last?.kind === 'log' && last.stepId === vertex && last.stream === stream) last.text += text;
      else updates.push({ kind: 'log', stepId: vertex, text, stream });
    }
  }

  function pushWarnings(warnings: unknown[], updates: BuildUpdate[]): void {
    for (const item of warnings) {
      if (!isRecord(item)) continue;
      const warning = warningOf(item);
      const key = JSON.stringify(warning);
      if (seenWarnings.has(key)) continue;
      seenWarnings.add(key);
      updates.push({ kind: 'warning', warning });
    }
  }

  function pushError(message: string): BuildUpdate[] {
    const failed = [...steps.values()].filter((step) => step.status === 'error');
    // When one vertex fails the others are cancelled with errors of their own; the message names the real one.
    const step =
      failed.find((candidate) => candidate.error !== null && message.includes(candidate.error)) ??
      failed.at(-1) ??
      null;
    const parseLine = PARSE_ERROR_LINE.exec(message);
    const line = step?.line ?? (parseLine ? Number(parseLine[1]) : null);
    return [{ kind: 'error', message, line, stepId: step?.id ?? null }];
  }

  return {
    push(message: unknown): BuildUpdate[] {
      if (!isRecord(message)) return [];
      const error = errorMessageOf(message);
      if (error !== null) return pushError(error);
      const aux = message['aux'];
      if (message['id'] === 'moby.image.id' && isRecord(aux) && typeof aux['ID'] === 'string') {
        return [{ kind: 'image', imageId: aux['ID'] }];
      }
      if (message['id'] === 'moby.buildkit.trace' && isRecord(aux)) {
        const updates: BuildUpdate[] = [];
        pushVertexes(arrayOf(aux['vertexes']), updates);
        pushLogs(arrayOf(aux['logs']), updates);
        pushWarnings(arrayOf(aux['warnings']), updates);
        return updates;
      }
      if (typeof message['stream'] === 'string' && message['stream'] !== '') {
        return [{ kind: 'log', stepId: null, text: message['stream'] }];
      }
      return [];
    },
  };
}

/**
 * One record per vertex of a status message, its last: BuildKit 0.13 can send a vertex done and
 * started again in one message (`[internal] load build definition`), which would read "DONE"
 * before the step had begun. The order of first appearance is kept.
 */
function lastOfEachDigest(vertexes: unknown[]): unknown[] {
  const last = new Map<unknown, unknown>();
  for (const vertex of vertexes) last.set(isRecord(vertex) ? vertex['digest'] : vertex, vertex);
  if (last.size === vertexes.length) return vertexes;
  const kept: unknown[] = [];
  for (const vertex of vertexes) {
    const key = isRecord(vertex) ? vertex['digest'] : vertex;
    if (!last.has(key)) continue;
    kept.push(last.get(key));
    last.delete(key);
  }
  return kept;
}

function keywordOf(instruction: string): string {
  return instruction.trimStart().split(/\s/, 1)[0]?.toUpperCase() ?? '';
}

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function warningOf(item: Record<string, unknown>): BuildWarning {
  const decode = (value: unknown): string => new TextDecoder('utf-8').decode(bytesOf(value));
  const range = arrayOf(item['ranges'])[0];
  const start = isRecord(range) && isRecord(range['start']) ? range['start'] : null;
  const line = start && typeof start['line'] === 'number' && start['line'] > 0 ? start['line'] : null;
  const url = typeof item['url'] === 'string' && item['url'] !== '' ? item['url'] : null;
  return { message: decode(item['short']), detail: arrayOf(item['detail']).map(decode), line, url };
}

function sameStep(a: BuildStep, b: BuildStep): boolean {
  return (
    a.status === b.status &&
    a.startedAt === b.startedAt &&
    a.endedAt === b.endedAt &&
    a.error === b.error &&
    a.instruction === b.instruction
  );
}

/**
 * A time as ms since epoch from what a decoder may hand over: a number of ms, a Date, an ISO
 * string, or a protobuf Timestamp `{seconds, nanos}` (seconds as number, string or Long).
 */
function millisOf(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  if (isRecord(value)) {
    const seconds = numberOf(value['seconds']);
    const nanos = numberOf(value['nanos']) ?? 0;
    if (seconds === null) return null;
    // Seconds or nanos that are not numbers (`"abc"`) would make a NaN time, which no check catches.
    const millis = seconds * 1000 + Math.floor(nanos / 1e6);
    return Number.isFinite(millis) ? millis : null;
  }
  return null;
}

function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  if (isRecord(value) && typeof value['toNumber'] === 'function')
    return Number((value['toNumber'] as () => unknown)());
  return null;
}

/** Bytes from a Uint8Array (Node's Buffer is one), a number array, or base64 text. */
function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (Array.isArray(value))
    return Uint8Array.from(value.filter((item): item is number => typeof item === 'number'));
  if (typeof value === 'string') {
    let binary: string;
    try {
      binary = atob(value);
    } catch {
      return new Uint8Array(0);
    }
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  return new Uint8Array(0);
}

function errorMessageOf(message: Record<string, unknown>): string | null {
  const detail = message['errorDetail'];
  if (isRecord(detail) && typeof detail['message'] === 'string' && detail['message'] !== '')
    return detail['message'];
  return typeof message['error'] === 'string' ? message['error'] : null;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
