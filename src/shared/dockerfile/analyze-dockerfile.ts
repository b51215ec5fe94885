/**
 * The structure of a Dockerfile that the build parsers and the editor need: instructions with
 * their lines, stages, ARGs, and which stages a build of a target runs.
 */
import type { DockerfileHeredoc } from './heredoc-words';
import type { ParsedInstruction } from './instruction-words';
import { scanDockerfile, type DockerfileParseError } from './scan-dockerfile';

export type { DockerfileHeredoc } from './heredoc-words';
export type { ParsedInstruction } from './instruction-words';
export type { DockerfileParseError } from './scan-dockerfile';

/** One instruction of a Dockerfile. */
export interface DockerfileInstruction {
  /** Upper-case keyword (`RUN`), whatever case the file uses. */
  keyword: string;
  /**
   * The instruction as the builders print it: continuation lines joined BuildKit's way (the
   * escape and the blanks after it go, nothing is added), comment and blank lines inside removed;
   * heredoc bodies follow on their own lines.
   */
  text: string;
  /** 1-based line the instruction starts on. */
  line: number;
  /** 1-based line the instruction ends on (continuation lines and heredocs included). */
  endLine: number;
  /** Index of the stage the instruction belongs to; -1 before the first FROM. */
  stageIndex: number;
  /** Flags and arguments as BuildKit's parser splits them. */
  parsed: ParsedInstruction;
  /** The heredocs the instruction opens, with their bodies. */
  heredocs: DockerfileHeredoc[];
}

/** One build stage: a FROM and the instructions up to the next FROM. */
export interface DockerfileStage {
  index: number;
  /** The `AS` name as written, or null. */
  name: string | null;
  /** The FROM image with the global ARG defaults substituted (a stage name when built on another stage). */
  baseImage: string;
  /** 1-based line of the FROM. */
  line: number;
  /** The stage's instructions, FROM first. */
  instructions: DockerfileInstruction[];
}

/** One ARG declaration (an `ARG A=1 B` instruction declares two). */
export interface DockerfileArg {
  name: string;
  /** The default value without quotes, or null when the ARG has none. */
  defaultValue: string | null;
  line: number;
  /** -1 for a global ARG (before the first FROM). */
  stageIndex: number;
}

/** Everything `analyzeDockerfile` finds. */
export interface DockerfileAnalysis {
  stages: DockerfileStage[];
  args: DockerfileArg[];
  /** Every instruction in file order, global ARGs included. */
  instructions: DockerfileInstruction[];
  /** The escape character in force (`\\` unless the escape directive says otherwise). */
  escape: string;
  /** What BuildKit would refuse the file for; the analysis above is still as complete as it can be. */
  errors: DockerfileParseError[];
}

/** Parses a Dockerfile into stages, ARGs and instructions by BuildKit's rules; never throws. */
export function analyzeDockerfile(text: string): DockerfileAnalysis {
  const scan = scanDockerfile(text);
  const stages: DockerfileStage[] = [];
  const args: DockerfileArg[] = [];
  const instructions: DockerfileInstruction[] = [];
  const globalArgs = new Map<string, string | null>();

  for (const source of scan.instructions) {
    const keyword = source.parsed.keyword.toUpperCase();
    const words = source.parsed.words;
    if (keyword === 'FROM') {
      const named = words.length >= 3 && words[1]?.toLowerCase() === 'as';
      stages.push({
        index: stages.length,
        name: named ? words[2]! : null,
        baseImage: substituteArgs(words[0] ?? '', globalArgs),
        line: source.line,
        instructions: [],
      });
    }
    const stageIndex = stages.length - 1;
    const body = scan.lines.slice(source.headEndLine, source.endLine);
    const instruction: DockerfileInstruction = {
      keyword,
      text: [source.joined, ...body].join('\n'),
      line: source.line,
      endLine: source.endLine,
      stageIndex,
      parsed: source.parsed,
      heredocs: source.heredocs,
    };
    instructions.push(instruction);
    stages[stageIndex]?.instructions.push(instruction);

    if (keyword !== 'ARG') continue;
    for (const word of words) {
      const equals = word.indexOf('=');
      const name = equals < 0 ? word : word.slice(0, equals);
      const defaultValue = equals < 0 ? null : unquoteWord(word.slice(equals + 1), scan.escape);
      args.push({ name, defaultValue, line: instruction.line, stageIndex });
      if (stageIndex === -1) globalArgs.set(name, defaultValue);
    }
  }
  return { stages, args, instructions, escape: scan.escape, errors: scan.errors };
}

/** A shell word without its quotes and escapes (`"a b"` → `a b`, `a\\ b` → `a b`); `$` stays. */
function unquoteWord(word: string, escape: string): string {
  let result = '';
  let quote: string | null = null;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i]!;
    if (quote === null && (ch === '"' || ch === "'")) quote = ch;
    else if (ch === quote) quote = null;
    else if (ch === escape && quote !== "'" && i + 1 < word.length) result += word[++i];
    else result += ch;
  }
  return result;
}

/**
 * Which stages a build of `target` (default: last stage) runs, following FROM <stage> and
 * COPY --from=<stage> chains (and RUN --mount from=<stage>), in Dockerfile order.
 *
 * This is BuildKit's set. The classic builder runs every stage up to and including the target,
 * needed or not (measured on dockerd 20.10). An unknown target gives an empty list.
 */
export function stagesForTarget(analysis: DockerfileAnalysis, target: string | null): DockerfileStage[] {
  const { stages } = analysis;
  const targetStage = target === null ? stages.at(-1) : findStage(stages, target);
  if (!targetStage) return [];
  const globalArgs = new Map<string, string | null>();
  for (const arg of analysis.args) if (arg.stageIndex === -1) globalArgs.set(arg.name, arg.defaultValue);

  const needed = new Set<number>();
  const visit = (stage: DockerfileStage): void => {
    if (needed.has(stage.index)) return;
    needed.add(stage.index);
    // FROM can only name a stage defined above it; a later name is an image.
    const base = findStage(stages.slice(0, stage.index), stage.baseImage);
    if (base) visit(base);
    for (const instruction of stage.instructions) {
      for (const reference of stageReferencesOf(instruction)) {
        const source = findStage(stages, substituteArgs(reference, globalArgs));
        if (source && source.index !== stage.index) visit(source);
      }
    }
  };
  visit(targetStage);
  return stages.filter((stage) => needed.has(stage.index));
}

/** Stage names are case-insensitive for both builders; `--from` also takes a stage's index. */
function findStage(stages: DockerfileStage[], reference: string): DockerfileStage | undefined {
  const wanted = reference.toLowerCase();
  const byName = stages.find((stage) => stage.name?.toLowerCase() === wanted);
  if (byName) return byName;
  return /^\d+$/.test(reference) ? stages.find((stage) => stage.index === Number(reference)) : undefined;
}

function stageReferencesOf(instruction: DockerfileInstruction): string[] {
  const references: string[] = [];
  for (const flag of instruction.parsed.flags) {
    if (instruction.keyword === 'COPY' && flag.startsWith('--from=')) references.push(flag.slice(7));
    if (instruction.keyword === 'RUN' && flag.startsWith('--mount=')) {
      const from = /(?:^|,)from=([^,]+)/.exec(flag.slice(8));
      if (from?.[1]) references.push(unquote(from[1]));
    }
  }
  return references;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/** `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alternative}` with the given values; unset is empty. */
function substituteArgs(value: string, values: Map<string, string | null>): string {
  return value.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (
      _match,
      braced: string | undefined,
      operator: string | undefined,
      word: string | undefined,
      bare: string | undefined,
    ) => {
      const current = values.get((braced ?? bare) as string) ?? '';
      if (operator === '-') return current === '' ? (word ?? '') : current;
      if (operator === '+') return current === '' ? '' : (word ?? '');
      return current;
    },
  );
}
