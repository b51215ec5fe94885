/**
 * The classic builder's (`version: '1'`) JSON stream turned into build updates.
 *
 * What dockerd 20.10 sends, as recorded in test/unit/fixtures/build-streams:
 * - `Step N/M : INSTR` (without its line break, which follows as its own `"\n"` message).
 *   N counts every instruction of the Dockerfile in file order, global ARGs before the first FROM
 *   included, and every stage up to the target is run whether the target needs it or not; M stops
 *   at the target stage's last instruction. The build's `labels` option adds one more step at the
 *   end, `LABEL k=v`, that has no line in the Dockerfile.
 * - ` ---> Using cache`, ` ---> Running in <id>`, ` ---> <id>`, `Removing intermediate container`.
 * - `{aux: {ID}}` at the end of each stage: the last one is the image.
 * - `Successfully built <short id>`, then `Successfully tagged <ref>` for each tag.
 * - A failed RUN as `{error, errorDetail: {code, message}}` inside the HTTP 200 stream.
 * - Container stderr wrapped in ANSI colour codes (`\u001b[91m…\u001b[0m`), one message per piece
 *   the command wrote; logs keep them as sent and are marked `stream: 2`, since stdout and stderr
 *   are separate pipes whose pieces interleave (apt's `E` can come before the stdout lines it
 *   follows on a terminal).
 */
import type { DockerfileAnalysis, DockerfileInstruction } from '../dockerfile/analyze-dockerfile';
import type { BuildLogParser, BuildStep, BuildUpdate } from './build-model';
import { isRecord } from '../is-record';

const STEP_HEADER = /^Step (\d+)\/(\d+) : ?(.*)$/;
const USING_CACHE = /^ ---> Using cache\s*$/;
const SUCCESSFULLY_BUILT = /^Successfully built ([0-9a-f]+)\s*$/;
const BUILD_END_MARKERS = ['Successfully built ', 'Successfully tagged '];
const STDERR_START = '\u001b[91m';
const STDERR_END = '\u001b[0m';
const CHAR_S = 'S'.charCodeAt(0);
const CHAR_SPACE = ' '.charCodeAt(0);

/**
 * Creates a parser for one classic build.
 *
 * @param dockerfile the Dockerfile that was sent, to map `Step N` to its line; null if unknown.
 * @param now the clock for step timings (the classic stream carries no times).
 */
export function createClassicBuildParser(
  dockerfile: DockerfileAnalysis | null,
  now: () => number,
): BuildLogParser {
  let current: BuildStep | null = null;
  let lastImageId: string | null = null;
  let atLineStart = true;
  /** The line being written (lines can be split across messages) and the step it belongs to. */
  let lineText = '';
  let lineStep: string | null = null;
  let ended = false;

  function finishCurrent(updates: BuildUpdate[]): void {
    if (!current || current.status === 'error') return;
    current = {
      ...current,
      status: current.status === 'cached' ? 'cached' : 'done',
      endedAt: current.endedAt ?? now(),
    };
    updates.push({ kind: 'step', step: current });
  }

  function startStep(index: number, total: number, instruction: string, updates: BuildUpdate[]): void {
    finishCurrent(updates);
    const source = dockerfileInstruction(dockerfile, index, instruction);
    current = {
      id: `step-${index}`,
      index,
      total,
      stage: source ? stageLabel(dockerfile, source.stageIndex) : null,
      instruction,
      line: source?.line ?? null,
      status: 'running',
      startedAt: now(),
      endedAt: null,
      internal: false,
      error: null,
    };
    updates.push({ kind: 'step', step: current });
  }

  function endBuild(updates: BuildUpdate[], imageId: string): void {
    finishCurrent(updates);
    current = null;
    ended = true;
    updates.push({ kind: 'image', imageId });
  }

  /** A line starts: a step header starts its step; says which step the line belongs to. */
  function startLine(line: string, updates: BuildUpdate[]): string | null {
    // Every line that starts a step or ends the build starts with `S`; most output does not.
    if (line.charCodeAt(0) !== CHAR_S) return current?.id ?? null;
    const header = STEP_HEADER.exec(line);
    if (header) {
      startStep(Number(header[1]), Number(header[2]), (header[3] ?? '').trim(), updates);
      return current?.id ?? null;
    }
    return isBuildEnd(line) ? null : (current?.id ?? null);
  }

  /** A line is complete: markers are matched on whole lines, which a chunk may have split. */
  function completeLine(line: string, updates: BuildUpdate[]): void {
    if (USING_CACHE.test(line) && current && current.status === 'running') {
      current = { ...current, status: 'cached' };
      updates.push({ kind: 'step', step: current });
    }
    const built = SUCCESSFULLY_BUILT.exec(line);
    if (built && !ended) {
      const shortId = built[1] ?? '';
      const imageId = lastImageId?.replace(/^sha256:/, '').startsWith(shortId) ? lastImageId : shortId;
      endBuild(updates, imageId);
    }
  }

  /**
   * One message's text, line by line. A step's output comes as a few kilobytes of hundreds of
   * lines per message, so the text is scanned in place: the log updates are slices of it, and
   * only a line that starts like a marker is kept whole to be matched when it completes.
   */
  function pushStream(text: string): BuildUpdate[] {
    const updates: BuildUpdate[] = [];
    let logFrom = 0;
    let logStep: string | null = lineStep;
    let from = 0;
    while (from < text.length) {
      if (atLineStart && !mayHoldMarker(text, from)) {
        // The rest is output of the current step: one slice, no line to match.
        lineStep = current?.id ?? null;
        if (lineStep !== logStep) {
          if (from > logFrom) updates.push({ kind: 'log', stepId: logStep, text: text.slice(logFrom, from) });
          logFrom = from;
          logStep = lineStep;
        }
        const lastBreak = text.lastIndexOf('\n');
        atLineStart = lastBreak === text.length - 1;
        lineText = atLineStart ? '' : text.charAt(lastBreak + 1);
        break;
      }
      const lineBreak = text.indexOf('\n', from);
      const complete = lineBreak >= 0;
      const to = complete ? lineBreak + 1 : text.length;
      // Output without a final line break leaves the next message mid-line; a step header still
      // starts a message of its own (and comes without its line break).
      if (
        atLineStart ||
        (from === 0 && text.charCodeAt(0) === CHAR_S && STEP_HEADER.test(lineContent(text, from, to)))
      ) {
        lineText = '';
        lineStep = startLine(lineContent(text, from, to), updates);
      }
      // Markers start with `S` or a space: the rest of any other line need not be kept.
      const first = lineText === '' ? text.charCodeAt(from) : lineText.charCodeAt(0);
      if (first === CHAR_S || first === CHAR_SPACE) lineText += text.slice(from, to);
      else if (lineText === '') lineText = text.charAt(from);
      if (complete) completeLine(withoutLineBreak(lineText), updates);
      if (lineStep !== logStep) {
        if (from > logFrom) updates.push({ kind: 'log', stepId: logStep, text: text.slice(logFrom, from) });
        logFrom = from;
        logStep = lineStep;
      }
      atLineStart = complete;
      from = to;
    }
    if (text.length > logFrom) updates.push({ kind: 'log', stepId: logStep, text: text.slice(logFrom) });
    return updates;
  }

  function pushError(message: string): BuildUpdate[] {
    const updates: BuildUpdate[] = [];
    const step = current;
    if (step && step.status !== 'error') {
      current = { ...step, status: 'error', endedAt: now(), error: message };
      updates.push({ kind: 'step', step: current });
    }
    updates.push({ kind: 'error', message, line: step?.line ?? null, stepId: step?.id ?? null });
    ended = true;
    return updates;
  }

  return {
    push(message: unknown): BuildUpdate[] {
      if (!isRecord(message)) return [];
      const error = errorMessageOf(message);
      if (error !== null) return pushError(error);
      if (isRecord(message['aux']) && typeof message['aux']['ID'] === 'string') {
        lastImageId = message['aux']['ID'];
        return [];
      }
      if (typeof message['stream'] === 'string') {
        const updates = pushStream(message['stream']);
        if (isStderrPiece(message['stream'])) {
          for (const update of updates) if (update.kind === 'log') update.stream = 2;
        }
        return updates;
      }
      return [];
    },
  };
}

/**
 * The Dockerfile instruction behind `Step index`, if the numbering agrees with the file.
 *
 * The keyword check keeps the synthetic LABEL step of the `labels` option (and any Dockerfile
 * that changed since the build started) from being pinned to a wrong line.
 */
/**
 * Whether a line (maybe only its start, when a chunk split it) is one of the closing lines that
 * belong to no step. A start shorter than `Successfully b` is taken for output.
 */
function isBuildEnd(lineStart: string): boolean {
  return BUILD_END_MARKERS.some(
    (marker) =>
      lineStart.startsWith(marker) ||
      (lineStart.length > 'Successfully '.length && marker.startsWith(lineStart)),
  );
}

/** Whether a line from `from` on could be a marker: only those start with `S` or a space. */
function mayHoldMarker(text: string, from: number): boolean {
  const first = text.charCodeAt(from);
  return first === CHAR_S || first === CHAR_SPACE || text.includes('\nS', from) || text.includes('\n ', from);
}

/** Container stderr, which the classic builder wraps whole in a red colour code and its reset. */
function isStderrPiece(text: string): boolean {
  return (
    text.length >= STDERR_START.length + STDERR_END.length &&
    text.startsWith(STDERR_START) &&
    text.endsWith(STDERR_END)
  );
}

/** The piece `text[from, to)` of one line without its line break (`\r\n` or `\n`). */
function lineContent(text: string, from: number, to: number): string {
  if (to > from && text.charCodeAt(to - 1) === 10)
    to -= to - 1 > from && text.charCodeAt(to - 2) === 13 ? 2 : 1;
  return text.slice(from, to);
}

function withoutLineBreak(text: string): string {
  return text.replace(/\r?\n$/, '');
}

function dockerfileInstruction(
  dockerfile: DockerfileAnalysis | null,
  index: number,
  instruction: string,
): DockerfileInstruction | null {
  const candidate = dockerfile?.instructions[index - 1];
  if (!candidate) return null;
  const keyword = instruction.split(/\s/, 1)[0]?.toUpperCase() ?? '';
  return candidate.keyword === keyword ? candidate : null;
}

function stageLabel(dockerfile: DockerfileAnalysis | null, stageIndex: number): string | null {
  const stage = dockerfile?.stages[stageIndex];
  if (!stage) return null;
  return stage.name ?? String(stage.index);
}

function errorMessageOf(message: Record<string, unknown>): string | null {
  const detail = message['errorDetail'];
  if (isRecord(detail) && typeof detail['message'] === 'string' && detail['message'] !== '')
    return detail['message'];
  return typeof message['error'] === 'string' ? message['error'] : null;
}
