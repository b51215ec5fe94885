/**
 * The structure of a Dockerfile that the build parsers and the editor need: instructions with
 * their lines, stages, ARGs, and which stages a build of a target runs.
 */
import { Arg, DockerfileParser, From } from 'dockerfile-ast';

/** One instruction of a Dockerfile. */
export interface DockerfileInstruction {
  /** Upper-case keyword (`RUN`), whatever case the file uses. */
  keyword: string;
  /** The instruction as written, continuation lines joined with a space, comments inside removed. */
  text: string;
  /** 1-based line the instruction starts on. */
  line: number;
  /** 1-based line the instruction ends on (continuation lines and heredocs included). */
  endLine: number;
  /** Index of the stage the instruction belongs to; -1 before the first FROM. */
  stageIndex: number;
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

/** One ARG declaration. */
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
}

/** Parses a Dockerfile into stages, ARGs and instructions; never throws (unknown instructions are kept). */
export function analyzeDockerfile(text: string): DockerfileAnalysis {
  const dockerfile = DockerfileParser.parse(text);
  const escape = dockerfile.getEscapeCharacter();
  const stages: DockerfileStage[] = [];
  const args: DockerfileArg[] = [];
  const instructions: DockerfileInstruction[] = [];
  const globalArgs = new Map<string, string | null>();

  for (const source of dockerfile.getInstructions()) {
    const keyword = source.getKeyword();
    const range = source.getRange();
    if (source instanceof From) {
      stages.push({
        index: stages.length,
        name: source.getBuildStage(),
        baseImage: substituteArgs(source.getImage() ?? '', globalArgs),
        line: range.start.line + 1,
        instructions: [],
      });
    }
    const stageIndex = stages.length - 1;
    const instruction: DockerfileInstruction = {
      keyword,
      text: joinInstructionText(source.getTextContent(), escape),
      line: range.start.line + 1,
      endLine: range.end.line + 1,
      stageIndex,
    };
    instructions.push(instruction);
    stages[stageIndex]?.instructions.push(instruction);

    const property = source instanceof Arg ? source.getProperty() : null;
    if (property) {
      const declaration = { name: property.getName(), defaultValue: property.getValue() };
      args.push({ ...declaration, line: instruction.line, stageIndex });
      if (stageIndex === -1) globalArgs.set(declaration.name, declaration.defaultValue);
    }
  }
  return { stages, args, instructions };
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
  if (instruction.keyword === 'COPY') {
    const from = /(?:^|\s)--from=("[^"]*"|\S+)/.exec(instruction.text);
    if (from?.[1]) references.push(unquote(from[1]));
  }
  if (instruction.keyword === 'RUN') {
    for (const mount of instruction.text.matchAll(/(?:^|\s)--mount=(\S+)/g)) {
      const from = /(?:^|,)from=([^,]+)/.exec(mount[1] ?? '');
      if (from?.[1]) references.push(unquote(from[1]));
    }
  }
  return references;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/**
 * Joins an instruction's lines the way the builders print it: escaped line breaks become one
 * space, comment and blank lines inside a continuation go. Heredoc bodies keep their line breaks.
 */
function joinInstructionText(raw: string, escape: string): string {
  const lines = raw.split(/\r?\n/);
  let text = '';
  let continued = false;
  for (const [index, line] of lines.entries()) {
    if (index > 0 && continued) {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
    }
    const escaped = endsWithEscape(line, escape);
    const content = escaped ? line.slice(0, line.trimEnd().length - escape.length) : line;
    if (index === 0) text = content.trimEnd();
    else if (continued) text = joinWithSpace(text, content.trim());
    else text += `\n${content}`;
    continued = escaped;
  }
  return text.trim();
}

function joinWithSpace(left: string, right: string): string {
  if (right === '') return left;
  return left === '' ? right : `${left.trimEnd()} ${right}`;
}

function endsWithEscape(line: string, escape: string): boolean {
  const trimmed = line.trimEnd();
  if (!trimmed.endsWith(escape)) return false;
  // An escaped escape character (`\\`) is a literal one, not a continuation.
  let count = 0;
  for (let i = trimmed.length - 1; i >= 0 && trimmed[i] === escape; i--) count++;
  return count % 2 === 1;
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
