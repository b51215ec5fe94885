/**
 * What a build has set up before an instruction — the SHELL, the last USER, variables declared by
 * ENV and ARG — along the instruction's FROM chain and its own stage. Rules ask this for every RUN
 * and a stage can hold tens of thousands of them, so each question is answered for the whole file
 * in one pass, the first time a rule asks it, and kept for the rest of that lint.
 */
import { Arg, Env } from 'dockerfile-ast';
import type { DockerfileSource, SourceInstruction } from './dockerfile-source';

/**
 * A state carried through a stage, instruction by instruction, starting from the parent stage's
 * state at its end. `step` must return a new value rather than change `state`: sibling stages
 * built FROM the same parent start from the same value.
 */
export interface ChainFold<T> {
  initial: T;
  step(state: T, instruction: SourceInstruction): T;
}

const foldCache = new WeakMap<DockerfileSource, Map<ChainFold<unknown>, Map<SourceInstruction, unknown>>>();

/**
 * The state `fold` has reached just before `instruction`: after its FROM chain's stages and the
 * instructions above it in its own stage. Instructions before the first FROM get `fold.initial`.
 * Keep `fold` in a module constant: results are kept per fold object.
 */
export function stateBefore<T>(
  source: DockerfileSource,
  fold: ChainFold<T>,
  instruction: SourceInstruction,
): T {
  let folds = foldCache.get(source);
  if (!folds) {
    folds = new Map();
    foldCache.set(source, folds);
  }
  let states = folds.get(fold as ChainFold<unknown>);
  if (!states) {
    states = foldAll(source, fold as ChainFold<unknown>);
    folds.set(fold as ChainFold<unknown>, states);
  }
  return (states.has(instruction) ? states.get(instruction) : fold.initial) as T;
}

function foldAll<T>(source: DockerfileSource, fold: ChainFold<T>): Map<SourceInstruction, T> {
  const states = new Map<SourceInstruction, T>();
  const atEnd: T[] = [];
  // A stage's parent always comes before it, so the parent's state at its end is known.
  for (const stage of source.stages) {
    let state = stage.parentIndex === null ? fold.initial : (atEnd[stage.parentIndex] ?? fold.initial);
    for (const instruction of stage.instructions) {
      states.set(instruction, state);
      state = fold.step(state, instruction);
    }
    atEnd[stage.index] = state;
  }
  return states;
}

const SHELL_FOLD: ChainFold<string[] | null> = {
  initial: null,
  step: (shell, instruction) => (instruction.keyword === 'SHELL' ? instruction.execForm : shell),
};

/** The SHELL in force for an instruction, or null for the default `/bin/sh -c`. */
export function shellInForce(source: DockerfileSource, instruction: SourceInstruction): string[] | null {
  return stateBefore(source, SHELL_FOLD, instruction);
}

const USER_FOLD: ChainFold<SourceInstruction | null> = {
  initial: null,
  step: (user, instruction) => (instruction.keyword === 'USER' ? instruction : user),
};

/** The last USER before an instruction (its FROM chain included), or null when none. */
export function userBefore(
  source: DockerfileSource,
  instruction: SourceInstruction,
): SourceInstruction | null {
  return stateBefore(source, USER_FOLD, instruction);
}

/** A variable as an ENV or ARG sets it: ARG without a default declares it with a null value. */
export interface VariableSetting {
  name: string;
  value: string | null;
}

/** The variables an ENV or ARG sets, as dockerfile-ast reads them; none for other instructions. */
export function variableSettings(instruction: SourceInstruction): VariableSetting[] {
  if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') return [];
  const { node } = instruction;
  if (node instanceof Env)
    return node.getProperties().map((property) => ({ name: property.getName(), value: property.getValue() }));
  if (node instanceof Arg) {
    const property = node.getProperty();
    return property ? [{ name: property.getName(), value: property.getValue() }] : [];
  }
  return [];
}

/** Per file: for each stage, the first line each name is declared on in that stage. */
interface Declarations {
  firstLine: Array<Map<string, number>>;
  anywhere: Set<string>;
  /** Whether a stage's chain declares the name by the stage's end, filled in as asked. */
  byEnd: Array<Map<string, boolean>>;
}

const declarationCache = new WeakMap<DockerfileSource, Declarations>();

/**
 * Whether an ENV or ARG before `instruction` (its FROM chain included) declares each name. Each
 * name is looked up once per stage of the chain and then remembered, so asking for every RUN of a
 * long chain stays linear for the handful of names a file refers to.
 */
export function declaredBefore(
  source: DockerfileSource,
  instruction: SourceInstruction,
): (name: string) => boolean {
  const stage = source.stages[instruction.stageIndex];
  return (name) => {
    // Read on the first question: most RUNs never ask, and reading needs every ENV and ARG node.
    const declarations = declarationsOf(source);
    if (!stage || !declarations.anywhere.has(name)) return false;
    const line = declarations.firstLine[stage.index]?.get(name);
    if (line !== undefined && line < instruction.line) return true;
    return stage.parentIndex !== null && declaredByEnd(source, declarations, stage.parentIndex, name);
  };
}

function declarationsOf(source: DockerfileSource): Declarations {
  const cached = declarationCache.get(source);
  if (cached) return cached;
  const declarations: Declarations = { firstLine: [], anywhere: new Set(), byEnd: [] };
  for (const stage of source.stages) {
    const firstLine = new Map<string, number>();
    for (const instruction of stage.instructions) {
      for (const { name } of variableSettings(instruction)) {
        if (!firstLine.has(name)) firstLine.set(name, instruction.line);
        declarations.anywhere.add(name);
      }
    }
    declarations.firstLine[stage.index] = firstLine;
    declarations.byEnd[stage.index] = new Map();
  }
  declarationCache.set(source, declarations);
  return declarations;
}

function declaredByEnd(
  source: DockerfileSource,
  declarations: Declarations,
  stageIndex: number,
  name: string,
): boolean {
  // Walk up until a stage that declares the name or already knows; a loop, since chains run deep.
  const unknown: number[] = [];
  let answer = false;
  for (let index: number | null = stageIndex; index !== null;) {
    const known = declarations.byEnd[index]?.get(name);
    if (known !== undefined) {
      answer = known;
      break;
    }
    unknown.push(index);
    if (declarations.firstLine[index]?.has(name)) {
      answer = true;
      break;
    }
    index = source.stages[index]?.parentIndex ?? null;
  }
  for (const index of unknown) declarations.byEnd[index]?.set(name, answer);
  return answer;
}
