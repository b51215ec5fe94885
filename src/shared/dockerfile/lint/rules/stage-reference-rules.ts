/**
 * DW026–DW027: what `COPY --from` names — not its own stage, and a stage defined above it (or an
 * image reference, which has a `:`, `/` or `@` a stage name cannot have).
 */
import type { DockerfileSource, SourceInstruction } from '../dockerfile-source';
import { finding, wholeInstruction, type LintRule } from '../lint-rule';
import type { LintDiagnostic } from '../lint-types';

/** DW026: `COPY --from` names the stage it is in (hadolint DL3023). */
export const copyFromOwnStageRule: LintRule = {
  id: 'DW026',
  title: "COPY --from can't name its own stage",
  why: 'A stage cannot copy from itself while it is being built: the builder stops with "circular dependency".',
  severity: 'error',
  fixable: false,
  check(source) {
    const diagnostics: LintDiagnostic[] = [];
    for (const { instruction, from } of copyFroms(source)) {
      const stage = source.stages[instruction.stageIndex];
      if (!stage) continue;
      const own = from.toLowerCase() === stage.name?.toLowerCase() || from === String(stage.index);
      if (!own) continue;
      diagnostics.push(
        finding(copyFromOwnStageRule, wholeInstruction(instruction), {
          message: `COPY --from=${from} names the stage this line is in: copy from an earlier stage or from the build context.`,
        }),
      );
    }
    return diagnostics;
  },
};

/** DW027: `COPY --from` names no stage above it and is no image reference (hadolint DL3022). */
export const copyFromUnknownRule: LintRule = {
  id: 'DW027',
  title: 'COPY --from should name a stage defined above',
  why: 'A --from name that matches no earlier stage is read as an image to download: a typo in a stage name becomes "pull access denied".',
  severity: 'warning',
  fixable: false,
  check(source) {
    const diagnostics: LintDiagnostic[] = [];
    for (const { instruction, from } of copyFroms(source)) {
      if (/[:/@$]/.test(from)) continue;
      const current = instruction.stageIndex;
      const earlier = source.stages.filter((stage) => stage.index < current);
      if (/^\d+$/.test(from) && Number(from) <= current) continue;
      const wanted = from.toLowerCase();
      if (source.stages[current]?.name?.toLowerCase() === wanted) continue; // DW026's finding
      if (earlier.some((stage) => stage.name?.toLowerCase() === wanted)) continue;
      diagnostics.push(
        finding(copyFromUnknownRule, wholeInstruction(instruction), {
          message: unknownMessage(source, from, earlier.map((stage) => stage.name ?? '').filter(Boolean)),
        }),
      );
    }
    return diagnostics;
  },
};

function unknownMessage(source: DockerfileSource, from: string, earlierNames: string[]): string {
  if (/^\d+$/.test(from))
    return `COPY --from=${from}: there is no stage ${from} above this line (stages count from 0).`;
  const later = source.stages.find((stage) => stage.name?.toLowerCase() === from.toLowerCase());
  if (later)
    return `COPY --from=${from}: that stage is defined further down; move it above this line, where builders look for it.`;
  const close = earlierNames.find((name) => editDistance(name.toLowerCase(), from.toLowerCase()) <= 2);
  if (close) return `COPY --from=${from}: no stage has that name — did you mean "${close}"?`;
  return `COPY --from=${from}: no stage above has that name, so the builder pulls the image ${from}:latest; if you mean that image, write its version (${from}:<tag>).`;
}

function copyFroms(source: DockerfileSource): { instruction: SourceInstruction; from: string }[] {
  const found: { instruction: SourceInstruction; from: string }[] = [];
  for (const instruction of source.instructions) {
    if (instruction.keyword !== 'COPY') continue;
    const flag = instruction.flags.find((candidate) => candidate.name === 'from');
    const value = flag?.value?.replace(/^(["'])(.*)\1$/, '$2');
    if (value) found.push({ instruction, from: value });
  }
  return found;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(
        Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)),
      );
    }
    previous = row;
  }
  return previous[b.length]!;
}
