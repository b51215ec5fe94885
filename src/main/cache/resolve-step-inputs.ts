/*
 * Each Dockerfile instruction's inputs as a builder keys them, from the text alone: ARG/ENV
 * expanded where the builders expand (not in RUN/CMD/ENTRYPOINT, which the shell expands), the
 * build args a step sees, COPY/ADD sources and `--from` stages. Files and base image ids are
 * added by collect-build-cache-inputs.
 *
 * Build args and RUN: both builders hand every ARG in scope that has a value to RUN as its
 * environment, so a changed value makes every RUN after the ARG miss, used or not (Docker's
 * reference, "Impact on build caching"); other steps see a build arg only by naming it.
 */
import type { StepInputs } from '../../shared/cache/cache-model';
import {
  stagesForTarget,
  type DockerfileAnalysis,
  type DockerfileInstruction,
  type DockerfileStage,
} from '../../shared/dockerfile/analyze-dockerfile';

/** Instructions whose arguments the builders expand with ARG/ENV values. */
const EXPANDED = new Set([
  'ADD',
  'COPY',
  'ENV',
  'EXPOSE',
  'FROM',
  'LABEL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
  'ARG',
]);

/** One step's inputs from the text, and for a COPY/ADD from the context its source paths. */
export interface ResolvedStep {
  inputs: Omit<StepInputs, 'baseImageId' | 'sources'>;
  /** Context paths (as written, expanded, unquoted) a COPY/ADD takes; null for other steps. */
  contextSources: string[] | null;
  /** A FROM of an image (not a stage or scratch): the reference, expanded. */
  baseImage: string | null;
}

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * `$A`, `${A}`, `${A:-w}`, `${A-w}`, `${A:+w}`, `${A+w}` with the values given; an escaped `$`
 * stays. Returns the text and the names it used.
 */
export function expandVariables(
  text: string,
  values: ReadonlyMap<string, string | null>,
  escape = '\\',
): { text: string; used: Set<string> } {
  const used = new Set<string>();
  const parts = text.split(`${escape}$`);
  const expanded = parts.map((part) =>
    part.replace(
      VARIABLE,
      (
        _m,
        braced: string | undefined,
        op: string | undefined,
        word: string | undefined,
        bare: string | undefined,
      ) => {
        const name = (braced ?? bare)!;
        used.add(name);
        const set = values.has(name) && values.get(name) !== null;
        const current = values.get(name) ?? '';
        if (op === ':-') return current === '' ? (word ?? '') : current;
        if (op === '-') return set ? current : (word ?? '');
        if (op === ':+') return current === '' ? '' : (word ?? '');
        if (op === '+') return set ? (word ?? '') : '';
        return current;
      },
    ),
  );
  return { text: expanded.join('$'), used };
}

/** Runs of blanks as one space, per line, trimmed: the builders key on the parsed words. */
function normalize(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[\t ]+/g, ' ').trim())
    .join('\n');
}

function unquoteWord(word: string): string {
  return word.length >= 2 && /^(["']).*\1$/s.test(word) ? word.slice(1, -1) : word;
}

function findStage(stages: readonly DockerfileStage[], reference: string): DockerfileStage | undefined {
  const wanted = reference.toLowerCase();
  return (
    stages.find((stage) => stage.name?.toLowerCase() === wanted) ??
    (/^\d+$/.test(reference) ? stages.find((stage) => stage.index === Number(reference)) : undefined)
  );
}

function flagValue(instruction: DockerfileInstruction, name: string): string | null {
  const flag = instruction.parsed.flags.find((candidate) => candidate.startsWith(`--${name}=`));
  return flag ? flag.slice(name.length + 3) : null;
}

/** The stages a build of `target` runs: BuildKit only those needed, classic all up to the target. */
export function builtStages(
  analysis: DockerfileAnalysis,
  target: string | null,
  builder: 'classic' | 'buildkit',
): DockerfileStage[] {
  if (builder === 'buildkit') return stagesForTarget(analysis, target);
  const last = target === null ? analysis.stages.at(-1) : findStage(analysis.stages, target);
  return last ? analysis.stages.filter((stage) => stage.index <= last.index) : [];
}

/** Every instruction step of the stages built, with its resolved text, args and sources. */
export function resolveStepInputs(
  analysis: DockerfileAnalysis,
  request: { buildArgs: Readonly<Record<string, string>>; target: string | null },
  builder: 'classic' | 'buildkit',
): ResolvedStep[] {
  const buildArgs = new Map(Object.entries(request.buildArgs));
  const globals = new Map<string, string | null>();
  for (const instruction of analysis.instructions) {
    if (instruction.stageIndex !== -1 || instruction.keyword !== 'ARG') continue;
    for (const arg of analysis.args.filter((a) => a.line === instruction.line && a.stageIndex === -1)) {
      const fallback = arg.defaultValue === null ? null : expandVariables(arg.defaultValue, globals).text;
      globals.set(arg.name, buildArgs.get(arg.name) ?? fallback);
    }
  }
  const stageEnv = new Map<number, Map<string, string>>();
  const steps: ResolvedStep[] = [];
  const stages = builtStages(analysis, request.target, builder);
  for (const stage of [...stages].sort((a, b) => a.index - b.index)) {
    const parent = findStage(analysis.stages.slice(0, stage.index), stage.baseImage);
    const env = new Map(parent ? (stageEnv.get(parent.index) ?? []) : []);
    const args = new Map<string, string | null>();
    for (const instruction of stage.instructions) {
      const values = new Map<string, string | null>([...args, ...env]);
      const scope = instruction.keyword === 'FROM' ? globals : values;
      let text = instruction.text;
      let used = new Set<string>();
      if (EXPANDED.has(instruction.keyword)) ({ text, used } = expandVariables(text, scope, analysis.escape));
      const seen: Record<string, string | null> = {};
      const visible = instruction.keyword === 'FROM' ? globals : args;
      for (const name of used) if (visible.has(name)) seen[name] = visible.get(name) ?? null;
      if (instruction.keyword === 'RUN')
        for (const [name, value] of args) if (value !== null && !env.has(name)) seen[name] = value;

      let fromStage: number | null = null;
      let contextSources: string[] | null = null;
      let baseImage: string | null = null;
      if (instruction.keyword === 'FROM') {
        if (parent) fromStage = parent.index;
        else if (stage.baseImage !== 'scratch')
          baseImage = expandVariables(instruction.parsed.words[0] ?? '', globals).text;
      } else if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
        const from = flagValue(instruction, 'from');
        if (from !== null) {
          fromStage = findStage(analysis.stages, expandVariables(from, values).text)?.index ?? null;
        } else {
          const words = instruction.parsed.words.map((word) =>
            unquoteWord(expandVariables(word, values, analysis.escape).text),
          );
          contextSources = words
            .slice(0, -1)
            .filter(
              (word) =>
                !word.startsWith('<<') && !/^[a-z][a-z0-9+.-]*:\/\//i.test(word) && !word.startsWith('git@'),
            );
        }
      } else if (instruction.keyword === 'RUN') {
        for (const flag of instruction.parsed.flags) {
          const from = /^--mount=(?:.*,)?from=([^,]+)/.exec(flag)?.[1];
          const source = from ? findStage(analysis.stages, unquoteWord(from)) : undefined;
          if (source && source.index !== stage.index) fromStage = source.index;
        }
      }

      steps.push({
        inputs: {
          line: instruction.line,
          stage: stage.index,
          keyword: instruction.keyword,
          resolvedText: normalize(text),
          args: seen,
          fromStage,
        },
        contextSources,
        baseImage,
      });

      if (instruction.keyword === 'ARG') {
        for (const arg of analysis.args.filter(
          (a) => a.line === instruction.line && a.stageIndex === stage.index,
        )) {
          const fallback =
            arg.defaultValue === null
              ? (globals.get(arg.name) ?? null)
              : expandVariables(arg.defaultValue, values, analysis.escape).text;
          args.set(arg.name, buildArgs.get(arg.name) ?? fallback);
        }
      } else if (instruction.keyword === 'ENV') {
        const words = instruction.parsed.words;
        for (let i = 0; i + 1 < words.length; i += 3) {
          const name = words[i]!;
          env.set(name, unquoteWord(expandVariables(words[i + 1]!, values, analysis.escape).text));
        }
      }
    }
    stageEnv.set(stage.index, env);
  }
  return steps;
}
