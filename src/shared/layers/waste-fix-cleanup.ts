/**
 * The first safe shape of a waste fix: a later RUN that deletes what an earlier RUN wrote (apt
 * lists, pip/npm caches, an archive) leaves the bytes in the earlier layer; the cleanup moves
 * into that RUN, joined with `&&`, and leaves the later RUN (which goes when nothing is left).
 */
import {
  rawOffsetAfter,
  type DockerfileSource,
  type SourceInstruction,
} from '../dockerfile/lint/dockerfile-source';
import { runScript } from '../dockerfile/lint/lint-rule';
import type { LintEdit } from '../dockerfile/lint/lint-types';
import type { ShellCommand } from '../dockerfile/lint/shell-script';
import {
  cleanupCommand,
  commandNeedingCleanedFiles,
  textMentionsCleanedFiles,
  type CleanupCommand,
} from './waste-fix-commands';
import { otherWriterOfRemover, unreadableRun, type FixParts, type FixSite } from './waste-fix-site';

/** The cleanup moved into the writer's RUN, or why not. */
export function mergeCleanupFix(site: FixSite): FixParts {
  const { writer, remover, finding } = site;
  const writerProblem = unreadableRun(writer);
  if (writerProblem)
    return {
      reason:
        writer.keyword === 'COPY' || writer.keyword === 'ADD'
          ? `Line ${writer.line} copies the files in (${writer.keyword}) and cannot delete them: leave them out of the context (.dockerignore) or copy only what you need from a build stage.`
          : `The files are written on line ${writer.line}, but ${writerProblem}: add the cleanup to it by hand.`,
    };
  const removerProblem = unreadableRun(remover);
  if (removerProblem) return { reason: `Line ${remover.line} deletes the files, but ${removerProblem}.` };
  const writerScript = runScript(writer);
  const removerScript = runScript(remover);
  if (!writerScript || !removerScript)
    return { reason: `Line ${writer.line} or ${remover.line} is not a shell RUN.` };
  if (writerScript.commentStart !== null)
    return {
      reason: `The RUN on line ${writer.line} ends in a shell comment: a command added after it would be part of the comment.`,
    };
  if (writerScript.commands.some((command) => command.operatorBefore === '&'))
    return { reason: `The RUN on line ${writer.line} runs something in the background (&).` };

  const paths = finding.paths;
  const cleanups = removerScript.commands.flatMap((command) => {
    const cleanup = cleanupCommand(command, paths);
    return cleanup ? [cleanup] : [];
  });
  if (cleanups.length === 0)
    return {
      reason: `Line ${remover.line} does more than clean up: none of its commands is a known cleanup (rm -rf of caches, lists or archives, apt-get clean).`,
    };
  const otherWriter = otherWriterOfRemover(site);
  if (otherWriter !== null)
    return {
      reason: `Line ${remover.line} also deletes files written by line ${otherWriter}: moving its cleanup into one RUN would keep the others.`,
    };
  const moved = new Set<ShellCommand>(cleanups.map((cleanup) => cleanup.command));
  const whole = moved.size === removerScript.commands.length;
  if (!whole) {
    if (
      removerScript.commands.some(
        (command) => command.operatorBefore !== null && command.operatorBefore !== '&&',
      )
    )
      return {
        reason: `Line ${remover.line} does more than clean up, with ;, || or | between its commands: taking the cleanup out could change what the rest does.`,
      };
    if (removerScript.commentStart !== null)
      return { reason: `Line ${remover.line} does more than clean up and holds a shell comment.` };
    const needing = commandNeedingCleanedFiles(removerScript, cleanups, moved);
    if (needing)
      return {
        reason: `Line ${remover.line} does more than clean up: \`${commandText(remover, needing)}\` there may still need the files its cleanup deletes.`,
      };
  }
  for (const instruction of site.between) {
    const problem = betweenProblem(instruction, cleanups);
    if (problem) return { reason: problem };
  }

  const logical = remover.content.text;
  const cleanupText = cleanups
    .map((cleanup) => logical.slice(cleanup.command.words[0]!.start, cleanup.command.words.at(-1)!.end))
    .join(' && ');
  const edits = [appendToRun(site.source, writer, cleanupText)];
  edits.push(
    whole
      ? { line: remover.line, endLine: remover.endLine, newText: '' }
      : withoutCommands(site.source, remover, removerScript.commands, moved),
  );
  const shown = cleanupText.length > 60 ? `${cleanupText.slice(0, 57)}…` : cleanupText;
  return {
    kind: 'merge-cleanup',
    ownersUnder: null,
    title: `Move \`${shown}\` into the RUN on line ${writer.line}`,
    description:
      `The files are deleted by the same RUN that writes them, so they never reach a layer (joined with &&: the RUN still fails when either part fails). ` +
      (whole
        ? `The RUN on line ${remover.line} goes: nothing else was left in it.`
        : `The rest of line ${remover.line} stays.`),
    edits,
  };
}

/** Why an instruction between the writer and the remover makes moving the cleanup unsafe, or null. */
function betweenProblem(instruction: SourceInstruction, list: readonly CleanupCommand[]): string | null {
  const environment = list.some((cleanup) => cleanup.dependsOnEnvironment);
  switch (instruction.keyword) {
    case 'USER':
    case 'SHELL':
      return `Line ${instruction.line} (${instruction.keyword}) between them changes how the cleanup would run.`;
    case 'WORKDIR':
    case 'ENV':
    case 'ARG':
      return environment
        ? `Line ${instruction.line} (${instruction.keyword}) between them changes what the cleanup's paths mean.`
        : null;
    case 'RUN': {
      const script = runScript(instruction);
      const needing = script ? commandNeedingCleanedFiles(script, list) : null;
      if (needing)
        return `Line ${instruction.line} runs \`${commandText(instruction, needing)}\` between them, which may need the files before they are deleted.`;
      if (!script && textMentionsCleanedFiles(instruction.raw, list))
        return `Line ${instruction.line} between them may use the files before they are deleted.`;
      return null;
    }
    default:
      return textMentionsCleanedFiles(instruction.raw, list)
        ? `Line ${instruction.line} between them may use the files before they are deleted.`
        : null;
  }
}

function commandText(instruction: SourceInstruction, command: ShellCommand): string {
  const text = instruction.content.text.slice(command.words[0]!.start, command.words.at(-1)!.end);
  return text.length > 50 ? `${text.slice(0, 47)}…` : text;
}

/** `&& <text>` after the RUN's last command: on the same line for a one-line RUN, else on a continuation line of its own. */
function appendToRun(source: DockerfileSource, run: SourceInstruction, text: string): LintEdit {
  const script = runScript(run)!;
  const last = script.commands.at(-1)!.words.at(-1)!;
  const at = rawOffsetAfter(run.content, last.end);
  const rawLines = run.raw.split('\n');
  const startOf = (index: number): number =>
    rawLines.slice(0, index).reduce((total, line) => total + line.length + 1, 0);
  let lineIndex = 0;
  while (lineIndex + 1 < rawLines.length && startOf(lineIndex + 1) <= at) lineIndex++;
  const line = rawLines[lineIndex]!;
  const column = at - startOf(lineIndex);
  const multiLine = run.line !== run.endLine;
  const indent = multiLine && lineIndex > 0 ? (/^\s*/.exec(line)?.[0] ?? '    ') : '    ';
  const inserted = multiLine ? ` ${source.escape}\n${indent}&& ${text}` : ` && ${text}`;
  return {
    line: run.line + lineIndex,
    endLine: run.line + lineIndex,
    newText: line.slice(0, column) + inserted + line.slice(column),
  };
}

/** The RUN without `moved` commands, all joined by `&&`: each goes with the `&&` before it (or after it, for the first). */
function withoutCommands(
  source: DockerfileSource,
  run: SourceInstruction,
  commands: readonly ShellCommand[],
  moved: ReadonlySet<ShellCommand>,
): LintEdit {
  const ranges: [number, number][] = [];
  commands.forEach((command, index) => {
    if (!moved.has(command)) return;
    const kept = commands
      .slice(0, index)
      .filter((candidate) => !moved.has(candidate))
      .at(-1);
    const start = kept ? kept.words.at(-1)!.end : command.words[0]!.start;
    const end = kept
      ? command.words.at(-1)!.end
      : (commands.slice(index + 1).find((candidate) => !moved.has(candidate))?.words[0]!.start ??
        command.words.at(-1)!.end);
    ranges.push([start, end]);
  });
  ranges.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const previous = merged.at(-1);
    if (previous && range[0] <= previous[1]) previous[1] = Math.max(previous[1], range[1]);
    else merged.push([...range]);
  }
  const content = run.content;
  let raw = run.raw;
  for (const [start, end] of merged.reverse()) {
    const from = start === 0 ? content.offsets[0]! : content.offsets[start - 1]! + 1;
    const to = rawOffsetAfter(content, end);
    raw = raw.slice(0, from) + raw.slice(to);
  }
  const escape = source.escape;
  const lines = raw.split('\n').filter((line, index) => index === 0 || line.trim() !== escape);
  const lastIndex = lines.length - 1;
  const trimmed = lines[lastIndex]!.trimEnd();
  if (trimmed.endsWith(escape) && !trimmed.endsWith(escape + escape))
    lines[lastIndex] = trimmed.slice(0, -1).trimEnd();
  return { line: run.line, endLine: run.endLine, newText: lines.join('\n') };
}
