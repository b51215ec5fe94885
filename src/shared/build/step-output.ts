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
  return text.replace(ANSI, '');
}

/** A build's step output gathered into whole lines per step. */
export interface StepOutput {
  /** Whole lines per step id, oldest first; the same object as handed to `createStepOutput`. */
  readonly lines: Record<string, string[]>;
  /**
   * Adds a piece of a step's output. A line is added once its line break comes; stdout and
   * stderr (`stream` 1 and 2, when the builder tells them apart) are joined separately, as they
   * are separate pipes whose pieces arrive interleaved.
   */
  append(stepId: string, text: string, stream?: number): void;
  /** Adds the lines still waiting for their line break (the build has ended). */
  flush(): void;
}

/**
 * Gathers step output into `lines`, keeping at most `maxLines` per step (the oldest go). A
 * carriage return inside a line (a progress bar) keeps what was written after it, as a terminal
 * shows it.
 */
export function createStepOutput(
  lines: Record<string, string[]> = {},
  maxLines = Number.POSITIVE_INFINITY,
): StepOutput {
  /** The unfinished line per step and stream. */
  const open = new Map<string, { stepId: string; text: string }>();
  const add = (stepId: string, added: string[]): void => {
    const list = (lines[stepId] ??= []);
    list.push(...added.map((line) => lastWritten(withoutAnsi(line))));
    if (list.length > maxLines) list.splice(0, list.length - maxLines);
  };
  return {
    lines,
    append(stepId, text, stream) {
      const key = `${stepId}\u0000${stream ?? ''}`;
      const pieces = ((open.get(key)?.text ?? '') + text).split('\n');
      const rest = pieces.pop() ?? '';
      // The classic builder closes each piece of stderr with a colour reset after its line break.
      if (withoutAnsi(rest) === '') open.delete(key);
      else open.set(key, { stepId, text: rest });
      if (pieces.length > 0) add(stepId, pieces);
      else lines[stepId] ??= [];
    },
    flush() {
      for (const { stepId, text } of open.values()) add(stepId, [text]);
      open.clear();
    },
  };
}

function lastWritten(line: string): string {
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
