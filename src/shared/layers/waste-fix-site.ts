/**
 * What the waste-fix shapes (waste-fix-cleanup, waste-fix-ownership) share: the Dockerfile read
 * once, the finding's writer and remover instructions in it, and what each shape answers.
 */
import type { DockerfileSource, SourceInstruction } from '../dockerfile/lint/dockerfile-source';
import type { LintEdit } from '../dockerfile/lint/lint-types';
import type { WasteFinding } from './waste-report';

/** The file and the finding's two instructions in it. */
export interface FixSite {
  text: string;
  source: DockerfileSource;
  finding: WasteFinding;
  writer: SourceInstruction;
  remover: SourceInstruction;
  /** Instructions of the stage strictly between the writer and the remover. */
  between: SourceInstruction[];
  /** Other findings of the same image (to see what else the remover hides). */
  others: readonly WasteFinding[];
}

/** A shape's answer: the edit with its words, or why it does not apply. */
export type FixParts =
  | {
      kind: 'merge-cleanup' | 'copy-ownership';
      title: string;
      description: string;
      edits: LintEdit[];
      /** The path (in the image) whose owners and modes the fix changes, for Verify to compare; else null. */
      ownersUnder: string | null;
    }
  | { reason: string };

/** Another finding the same remover hides files of, written by a different line: one move cannot fix both. */
export function otherWriterOfRemover(site: FixSite): number | null {
  const other = site.others.find(
    (candidate) =>
      !candidate.writer.fromBaseImage &&
      candidate.remover.line === site.finding.remover.line &&
      candidate.writer.line !== site.finding.writer.line,
  );
  return other ? other.writer.line : null;
}

/** What a shell script RUN is, in a reason: `exec form`, `a heredoc`. */
export function unreadableRun(instruction: SourceInstruction): string | null {
  if (instruction.keyword !== 'RUN') return `it is ${instruction.keyword}, not RUN`;
  if (instruction.heredoc) return 'it is a heredoc';
  if (instruction.execForm) return 'it is in exec form (no shell)';
  return null;
}
