/**
 * The shell scripts a Dockerfile runs: every shell-form RUN and every `ONBUILD RUN` (which runs in
 * the builds of images made FROM this one), with positions that map back to the editor, and their
 * commands with output redirections taken out of the arguments.
 */
import type { DockerfileSource, SourceInstruction } from './dockerfile-source';
import { holds, isRun, mountCovers, runScript } from './lint-rule';
import { commandInvocation, type ShellInvocation, type ShellScript, type ShellWord } from './shell-script';

/** One shell script of a RUN or ONBUILD RUN; word positions index `instruction.content.text`. */
export interface RunShell {
  instruction: SourceInstruction;
  script: ShellScript;
  /** Whether it is an `ONBUILD RUN`: it runs later, in another Dockerfile's build. */
  onbuild: boolean;
}

/** A command of a script: the program past its prefixes, arguments without redirections. */
export interface RunCommand extends ShellInvocation {
  /** Position of the command in `script.commands` (to tell which of two commands comes first). */
  index: number;
}

/**
 * The scripts of all shell-form RUN and ONBUILD RUN instructions, or with `finalImageOnly` those of
 * the stages whose layers ship in the final image.
 */
export function runShells(source: DockerfileSource, finalImageOnly = false): RunShell[] {
  // Found once per lint (shared between rules: do not change the list); most rules ask.
  let cached = shellCache.get(source);
  if (!cached) {
    const all = source.instructions.flatMap((instruction) => {
      const script = isRun(instruction) ? runScript(instruction) : null;
      return script ? [{ instruction, script, onbuild: instruction.keyword === 'ONBUILD' }] : [];
    });
    const final = all.filter(({ instruction }) => source.finalChain.has(instruction.stageIndex));
    cached = { all, final };
    shellCache.set(source, cached);
  }
  return finalImageOnly ? cached.final : cached.all;
}

const shellCache = new WeakMap<DockerfileSource, { all: RunShell[]; final: RunShell[] }>();

/**
 * The commands of a script with a program, in order; redirections (`> file`, `2>&1`) are not
 * arguments. Shared between rules: do not change the list.
 */
export function runCommands(shell: RunShell): RunCommand[] {
  // Read once per script: many rules ask for the same RUN's commands.
  const cached = commandCache.get(shell.script);
  if (cached) return cached;
  const commands = findCommands(shell);
  commandCache.set(shell.script, commands);
  return commands;
}

const commandCache = new WeakMap<ShellScript, RunCommand[]>();

function findCommands(shell: RunShell): RunCommand[] {
  const text = shell.instruction.content.text;
  const commands: RunCommand[] = [];
  shell.script.commands.forEach((command, index) => {
    const invocation = commandInvocation(command);
    if (!invocation) return;
    commands.push({ ...invocation, args: withoutRedirections(invocation.args, text), index });
  });
  return commands;
}

function withoutRedirections(args: ShellWord[], text: string): ShellWord[] {
  const kept: ShellWord[] = [];
  for (let position = 0; position < args.length; position++) {
    const raw = text.slice(args[position]!.start, args[position]!.end);
    const redirection = /^(\d*|&)(>>?|<<?|>&|<&|>\|)/.exec(raw);
    if (!redirection) {
      kept.push(args[position]!);
    } else if (redirection[0] === raw) {
      position++; // `> file`: the target is the next word
    }
  }
  return kept;
}

/** Whether a cache or tmpfs mount of the RUN holds `directory`, so what is written there stays out of the layer. */
export function mountsOver(shell: RunShell, directory: string): boolean {
  return mountCovers(shell.instruction, holds(directory));
}
