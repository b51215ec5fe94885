/**
 * A step's output as whole lines. The builders pass output on in the pieces the command wrote
 * it: apt writes `E` and `: Unable to locate package x` separately, and the classic builder wraps
 * each piece of stderr in colour codes. Splitting each piece on its own would show `E` and
 * `: Unable to locate package x` as two lines.
 */

// Colour and cursor codes (CSI … final byte) and the classic builder's stderr markers.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** Text without terminal colour codes. */
export function withoutAnsi(text: string): string {
  return text.includes('\u001b') ? text.replace(ANSI, '') : text;
}

/** Whole lines of output per step id, oldest first. */
export type StepLines = Readonly<Record<string, readonly string[]>>;

/** Step output waiting for its line break, per step and stream. */
export type OpenStepLines = Readonly<Record<string, { stepId: string; text: string }>>;

/** Step output folded so far: whole lines, and what still waits for its line break. */
export interface StepOutputState {
  lines: StepLines;
  open: OpenStepLines;
}

/**
 * Adds a piece of a step's output, keeping at most `maxLines` per step (the oldest go). A line is
 * added once its line break comes; stdout and stderr (`stream` 1 and 2, when the builder tells
 * them apart) are joined separately, as they are separate pipes whose pieces arrive interleaved.
 * A carriage return inside a line (a progress bar) keeps what was written after it, as a
 * terminal shows it. Returns new objects; the state passed in is not changed.
 */
export function appendStepOutput(
  state: StepOutputState,
  stepId: string,
  text: string,
  stream: number | undefined,
  maxLines = Number.POSITIVE_INFINITY,
): StepOutputState {
  const key = `${stepId}\u0000${stream ?? ''}`;
  const joined = (state.open[key]?.text ?? '') + text;
  const end = joined.lastIndexOf('\n');
  const rest = joined.slice(end + 1);
  const { [key]: _done, ...others } = state.open;
  // The classic builder closes each piece of stderr with a colour reset after its line break.
  const open = withoutAnsi(rest) === '' ? others : { ...others, [key]: { stepId, text: rest } };
  if (end >= 0) {
    const plain = !joined.includes('\u001b') && !joined.includes('\r');
    return { lines: addLines(state.lines, stepId, lastLines(joined, end, maxLines), maxLines, plain), open };
  }
  return { lines: state.lines[stepId] ? state.lines : { ...state.lines, [stepId]: [] }, open };
}

/**
 * The last `count` lines of `text` that end at or before `end` (a line break), oldest first: a
 * piece of a big step's output holds hundreds of lines, of which only the last few are kept.
 */
function lastLines(text: string, end: number, count: number): string[] {
  let before = end;
  for (let found = 0; found < count && before >= 0; found++)
    before = before === 0 ? -1 : text.lastIndexOf('\n', before - 1);
  return text.slice(before + 1, end).split('\n');
}

/** Adds the lines still waiting for their line break (the build has ended). */
export function flushStepOutput(
  state: StepOutputState,
  maxLines = Number.POSITIVE_INFINITY,
): StepOutputState {
  let lines = state.lines;
  for (const { stepId, text } of Object.values(state.open)) lines = addLines(lines, stepId, [text], maxLines);
  return { lines, open: {} };
}

/** `plain`: the caller knows the lines hold no colour code and no carriage return. */
function addLines(
  lines: StepLines,
  stepId: string,
  added: string[],
  maxLines: number,
  plain = false,
): StepLines {
  const shown = plain ? added : added.map((line) => lastWritten(withoutAnsi(line)));
  const kept = Math.max(0, maxLines - shown.length);
  const before = lines[stepId] ?? [];
  const list =
    kept === 0 ? shown : [...(before.length > kept ? before.slice(before.length - kept) : before), ...shown];
  return { ...lines, [stepId]: list.length > maxLines ? list.slice(list.length - maxLines) : list };
}

function lastWritten(line: string): string {
  if (!line.includes('\r')) return line;
  const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
  return trimmed.slice(trimmed.lastIndexOf('\r') + 1);
}

/**
 * Lines the classic builder writes into a step's output about the step itself, not what the
 * command printed: its header, `---> Running in`, `---> <id>`, `Removing intermediate container`.
 */
const BUILDER_LINE = /^(?:Step \d+\/\d+ : |\s*---> |Removing intermediate container |\s*$)/;

/** The last `count` lines the command itself printed, without the builder's own lines. */
export function commandOutputTail(lines: readonly string[], count: number): string[] {
  const printed: string[] = [];
  for (let index = lines.length - 1; index >= 0 && printed.length < count; index--) {
    const line = withoutAnsi(lines[index] ?? '');
    if (!BUILDER_LINE.test(line)) printed.unshift(line);
  }
  return printed;
}
