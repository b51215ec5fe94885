/**
 * Wasted bytes → a Dockerfile edit, for the two shapes whose rewrite keeps the final files: a
 * cleanup in a later RUN moved into the RUN that wrote the files (joined with `&&`, so the merged
 * RUN fails when either part fails), and a recursive chown/chmod of what a COPY wrote turned into
 * `COPY --chown`/`--chmod`. Anything else gets no fix and a reason. A proposal is a claim only:
 * "Verify" builds both files and compares their final files before the user relies on it.
 */
import { applyFix } from '../dockerfile/lint/apply-fix';
import {
  readDockerfileSource,
  type DockerfileSource,
  type SourceInstruction,
} from '../dockerfile/lint/dockerfile-source';
import type { LintEdit } from '../dockerfile/lint/lint-types';
import { mergeCleanupFix } from './waste-fix-cleanup';
import { wasteFixDiff, type WasteFixDiffLine } from './waste-fix-diff';
import { copyOwnershipFix } from './waste-fix-ownership';
import type { FixSite } from './waste-fix-site';
import type { WasteFinding, WastePlace } from './waste-report';

export type { WasteFixDiffLine } from './waste-fix-diff';

/** A proposed rewrite of the Dockerfile that stops storing a finding's bytes. */
export interface WasteFix {
  kind: 'merge-cleanup' | 'copy-ownership';
  /** What the button and the diff's heading say. */
  title: string;
  /** One or two sentences: what changes and why the files stay the same. */
  description: string;
  /** Whole-line edits of the text the fix was proposed for. */
  edits: LintEdit[];
  /** The whole Dockerfile with the fix applied (line breaks as in the original). */
  text: string;
  diff: WasteFixDiffLine[];
  /** For a `--chown`/`--chmod` fix, the COPY destination whose owners and modes Verify compares; else null. */
  ownersUnder: string | null;
  /** 1-based lines (of the text the fix was proposed for) that hold the finding's writer and remover. */
  lines: { writer: number; remover: number };
}

/** A fix, or the reason in plain words why none is offered. */
export type WasteFixProposal = { fix: WasteFix; reason: null } | { fix: null; reason: string };

const none = (reason: string): WasteFixProposal => ({ fix: null, reason });

/**
 * Proposes an edit of `text` (the Dockerfile as it is now, maybe edited since the build) that
 * stops `finding`'s bytes reaching a layer; `findings` are the report's others, which can make a
 * move unsafe (the same cleanup also hides another line's files).
 */
export function proposeWasteFix(
  text: string,
  finding: WasteFinding,
  findings: readonly WasteFinding[] = [],
): WasteFixProposal {
  if (finding.writer.fromBaseImage)
    return none(
      'The files come from the base image: only a smaller base image (or a build stage) avoids them.',
    );
  if (finding.remover.fromBaseImage)
    return none('The base image hides these files; nothing in this Dockerfile does.');
  const source = readDockerfileSource(text);
  const writer = instructionAt(source, finding.writer);
  const remover = instructionAt(source, finding.remover);
  if (!writer || !remover)
    return none(
      `Line ${(writer ? finding.remover : finding.writer).line ?? '?'} of the build is not in the file as it is now: build it again to see fixes.`,
    );
  if (writer.stageIndex !== remover.stageIndex || writer.line >= remover.line)
    return none(`Line ${writer.line} and line ${remover.line} are not in order in one stage.`);
  const between = source.instructions.filter(
    (instruction) =>
      instruction.stageIndex === writer.stageIndex &&
      instruction.line > writer.line &&
      instruction.line < remover.line,
  );
  const site: FixSite = { text, source, finding, writer, remover, between, others: findings };
  const result = finding.how === 'deleted' ? mergeCleanupFix(site) : copyOwnershipFix(site);
  if ('reason' in result) return none(result.reason);
  const edits = result.edits;
  return {
    fix: {
      ...result,
      edits,
      text: applyFix(text, { title: result.title, edits }),
      diff: wasteFixDiff(text, edits),
      lines: { writer: writer.line, remover: remover.line },
    },
    reason: null,
  };
}

/** The instruction built on `place`'s line: there still, or the one line that reads the same. */
function instructionAt(source: DockerfileSource, place: WastePlace): SourceInstruction | null {
  if (place.line === null || place.lineText === null) return null;
  const reads = (line: number): boolean => source.lines[line - 1]?.trim() === place.lineText;
  let line: number | null = reads(place.line) ? place.line : null;
  if (line === null) {
    const same = source.lines.flatMap((_text, index) => (reads(index + 1) ? [index + 1] : []));
    line = same.length === 1 ? same[0]! : null;
  }
  return line === null
    ? null
    : (source.instructions.find((instruction) => instruction.line === line) ?? null);
}
