/**
 * What every rule module shares: the rule shape, a diagnostic builder, and access to the shell
 * script of a RUN line with positions that map back to the editor.
 */
import {
  rawOffsetAfter,
  rawOffsetAt,
  rawPosition,
  type DockerfileSource,
  type InstructionFlag,
  type SourceInstruction,
} from './dockerfile-source';
import type { DockerfileRuleInfo, LintDiagnostic, LintOptions } from './lint-types';
import { parseShellScript, type ShellScript } from './shell-script';

/** A rule: its description for the UI and the check that finds it. */
export interface LintRule extends DockerfileRuleInfo {
  check(source: DockerfileSource, options: LintOptions): LintDiagnostic[];
}

/** Where a finding sits: whole instruction lines, optionally narrowed to columns. */
export interface FindingPlace {
  line: number;
  endLine: number;
  column?: number;
  endColumn?: number;
}

/** A diagnostic of `rule` with the rule's severity and reason unless the finding overrides them. */
export function finding(
  rule: DockerfileRuleInfo,
  place: FindingPlace,
  details: Pick<LintDiagnostic, 'message'> & Partial<Pick<LintDiagnostic, 'why' | 'severity' | 'fix'>>,
): LintDiagnostic {
  const diagnostic: LintDiagnostic = {
    ruleId: rule.id,
    severity: details.severity ?? rule.severity,
    message: details.message,
    why: details.why ?? rule.why,
    ...place,
  };
  if (details.fix) diagnostic.fix = details.fix;
  return diagnostic;
}

/** The lines of an instruction as a finding place. */
export function wholeInstruction(instruction: SourceInstruction): FindingPlace {
  return { line: instruction.line, endLine: instruction.endLine };
}

/** The place of logical range `start`..`end` of an instruction's content (for underlining one command). */
export function contentRange(instruction: SourceInstruction, start: number, end: number): FindingPlace {
  const from = rawPosition(instruction, rawOffsetAt(instruction.content, start));
  const to = rawPosition(instruction, rawOffsetAfter(instruction.content, end));
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

/** A 0-based range as dockerfile-ast and dockerfile-utils give it. */
export interface ZeroBasedRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** A 0-based range as a finding place. */
export function astRange(range: ZeroBasedRange): FindingPlace {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/**
 * The RUN an instruction runs: a RUN, or the RUN trigger of `ONBUILD RUN …` (it runs in every
 * image built FROM this one, so it deserves the same checks). `scriptStart` is the logical
 * position in `content` where the command starts, after the flags.
 */
export interface RunParts {
  flags: InstructionFlag[];
  scriptStart: number;
}

const ONBUILD_RUN = /^\s*RUN(?=\s|$)/i;

/** The flags and command start of a RUN or `ONBUILD RUN`, or null for any other instruction. */
export function runParts(instruction: SourceInstruction): RunParts | null {
  if (instruction.keyword === 'RUN') return { flags: instruction.flags, scriptStart: 0 };
  if (instruction.keyword !== 'ONBUILD') return null;
  const { text } = instruction.content;
  const keyword = ONBUILD_RUN.exec(text);
  if (!keyword) return null;
  // ONBUILD keeps its trigger's flags in its arguments: read them as the builder would for RUN.
  const flags: InstructionFlag[] = [];
  const flag = /\s+--([^\s=]+)(?:=(\S*))?/y;
  flag.lastIndex = keyword[0].length;
  let position = keyword[0].length;
  for (let match = flag.exec(text); match; match = flag.exec(text)) {
    flags.push({ name: match[1]!, value: match[2] ?? null });
    position = flag.lastIndex;
  }
  return { flags, scriptStart: position };
}

/** Whether an instruction runs a shell command in a build: a RUN or an `ONBUILD RUN`. */
export function isRun(instruction: SourceInstruction): boolean {
  return runParts(instruction) !== null;
}

/**
 * The shell script of a shell-form RUN or `ONBUILD RUN`, or null for exec form and heredocs
 * (rules skip those). Word positions are logical positions in `instruction.content`.
 */
export function runScript(instruction: SourceInstruction): ShellScript | null {
  // Parsed once per lint: about twenty rules read every RUN's script.
  if (scripts.has(instruction)) return scripts.get(instruction)!;
  const script = parseRunScript(instruction);
  scripts.set(instruction, script);
  return script;
}

const scripts = new WeakMap<SourceInstruction, ShellScript | null>();

function parseRunScript(instruction: SourceInstruction): ShellScript | null {
  const parts = runParts(instruction);
  if (!parts || instruction.heredoc) return null;
  const { text } = instruction.content;
  if (parts.scriptStart === 0) return instruction.execForm ? null : parsedScript(text);
  const command = text.slice(parts.scriptStart);
  const trimmed = command.trimStart();
  if (trimmed.startsWith('<<') || (trimmed.startsWith('[') && isJsonList(trimmed))) return null;
  // Blank the keyword and flags instead of cutting them, so positions still map to the source.
  return parsedScript(' '.repeat(parts.scriptStart) + command);
}

// Scripts by text, kept across lints: the editor lints on every keystroke, which changes one RUN.
// Two generations of at most SCRIPTS_KEPT each bound the memory to about two files' worth.
const SCRIPTS_KEPT = 20_000;
let recentScripts = new Map<string, ShellScript>();
let olderScripts = new Map<string, ShellScript>();

/** `parseShellScript(text)`, shared with earlier lints (rules only read scripts, never change them). */
function parsedScript(text: string): ShellScript {
  let script = recentScripts.get(text);
  if (script) return script;
  script = olderScripts.get(text) ?? parseShellScript(text);
  if (recentScripts.size >= SCRIPTS_KEPT) {
    olderScripts = recentScripts;
    recentScripts = new Map();
  }
  recentScripts.set(text, script);
  return script;
}

function isJsonList(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text.trim()));
  } catch {
    return false;
  }
}

/** One `--mount` of a RUN, with the options that matter for caches. */
export interface RunMount {
  /** `bind` when the flag does not say (BuildKit's default). */
  type: string;
  /** The mount point without trailing slashes, or null when the flag has none. */
  target: string | null;
}

/** The `--mount` flags of a RUN or `ONBUILD RUN`. */
export function runMounts(instruction: SourceInstruction): RunMount[] {
  const parts = runParts(instruction);
  if (!parts) return [];
  return parts.flags
    .filter((flag) => flag.name === 'mount')
    .map((flag) => {
      const options = new Map<string, string>();
      for (const option of (flag.value ?? '').split(',')) {
        const equals = option.indexOf('=');
        if (equals > 0) options.set(option.slice(0, equals).toLowerCase(), option.slice(equals + 1));
      }
      const target = options.get('target') ?? options.get('dst') ?? options.get('destination') ?? null;
      return {
        type: options.get('type') ?? 'bind',
        target: target === null ? null : target.replace(/^["']|["']$/g, '').replace(/(.)\/+$/, '$1'),
      };
    });
}

/**
 * Whether a cache or tmpfs mount of the RUN holds `path`: what the command writes there stays out
 * of the layer. Only a mount at the path or one of its parents counts.
 */
export function mountCovers(instruction: SourceInstruction, path: (target: string) => boolean): boolean {
  return runMounts(instruction).some(
    (mount) =>
      (mount.type === 'cache' || mount.type === 'tmpfs') && mount.target !== null && path(mount.target),
  );
}

/** A `mountCovers` test: the mount is at `directory` or at one of its parent directories. */
export function holds(directory: string): (target: string) => boolean {
  return (target) => target === '/' || directory === target || directory.startsWith(`${target}/`);
}

/** RUN and `ONBUILD RUN` instructions of the stages whose layers ship in the final image (shared: do not change the list). */
export function finalImageRuns(source: DockerfileSource): SourceInstruction[] {
  // Found once per lint (shared between rules: do not change the list); several rules ask.
  let runs = finalRunCache.get(source);
  if (!runs) {
    runs = source.instructions.filter(
      (instruction) => source.finalChain.has(instruction.stageIndex) && isRun(instruction),
    );
    finalRunCache.set(source, runs);
  }
  return runs;
}

const finalRunCache = new WeakMap<DockerfileSource, SourceInstruction[]>();
