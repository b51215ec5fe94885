/**
 * Runs a hadolint spec table, ported, against Dockwright's linter (used by the dlNNNN.test.ts
 * files of the rules Dockwright had before hadolint parity work; hadolint-table.ts serves others).
 *
 * Conventions of the port (hadolint's test/Helpers.hs):
 * - `ruleCatches` means "at least one finding", `ruleCatchesNot` "none" (the port uses the same
 *   for `onBuildRuleCatches`, which asks for exactly one).
 * - `onbuild` cases are hadolint's `onBuildRule…` variants: every RUN is wrapped in ONBUILD.
 * - hadolint lints snippets without FROM; Dockwright judges instructions per build stage, so a
 *   snippet without FROM gets `FROM debian:12` first (the rules under test ignore the image).
 * - `ours` records a deliberate difference: Dockwright's answer, with `why` in one line.
 *
 * Every case also checks the quick-fix safety property: each fix the rule offers, applied alone,
 * leaves a text where that rule finds less, no new error appears, and the instructions are the
 * ones expected (the fix's own lines re-parsed, nothing swallowed from its neighbours).
 */
import { describe, expect, it } from 'vitest';
import { analyzeDockerfile } from '../../../../../../src/shared/dockerfile/analyze-dockerfile';
import { applyFix } from '../../../../../../src/shared/dockerfile/lint/apply-fix';
import { lintDockerfile } from '../../../../../../src/shared/dockerfile/lint/lint-dockerfile';
import type { LintDiagnostic } from '../../../../../../src/shared/dockerfile/lint/lint-types';

/** One assertion of a hadolint spec. */
export interface HadolintCase {
  /** The `it` text of the spec. */
  name: string;
  /** The Dockerfile lines as the spec writes them. */
  dockerfile: string[];
  /** Whether hadolint's rule fires (`ruleCatches`) or not (`ruleCatchesNot`). */
  hadolint: boolean;
  /** hadolint's `onBuildRule…` variant: RUN instructions wrapped in ONBUILD. */
  onbuild?: boolean;
  /** Dockwright's answer where it deliberately differs from hadolint. */
  ours?: boolean;
  /** One line: why Dockwright differs. Required with `ours`. */
  why?: string;
}

/** Which findings stand for the hadolint rule: a rule id and, for DW000, the validator's message. */
export interface RuleMatch {
  id: string;
  message?: RegExp;
}

/** A ported spec file. */
export interface HadolintSpec {
  dl: string;
  rule: RuleMatch;
  cases: HadolintCase[];
}

/** The Dockerfile text a case lints. */
export function caseText({ dockerfile, onbuild }: Pick<HadolintCase, 'dockerfile' | 'onbuild'>): string {
  const lines = onbuild
    ? dockerfile.map((line) => line.replace(/^(\s*)(run\b)/i, '$1ONBUILD $2'))
    : dockerfile;
  const hasFrom = lines.some((line) => /^\s*from\s/i.test(line));
  return `${(hasFrom ? lines : ['FROM debian:12', ...lines]).join('\n')}\n`;
}

function matching(diagnostics: LintDiagnostic[], rule: RuleMatch): LintDiagnostic[] {
  return diagnostics.filter(
    (diagnostic) => diagnostic.ruleId === rule.id && (!rule.message || rule.message.test(diagnostic.message)),
  );
}

function instructionCount(text: string): number {
  return analyzeDockerfile(text).instructions.length;
}

/** Checks one fix: less of the rule, no new error, and the instruction count the edits promise. */
function expectSafeFix(text: string, diagnostic: LintDiagnostic, rule: RuleMatch): void {
  const fix = diagnostic.fix!;
  const fixed = applyFix(text, fix);
  const before = lintDockerfile(text);
  const after = lintDockerfile(fixed);
  expect(matching(after, rule).length, `${fix.title} leaves the finding`).toBeLessThan(
    matching(before, rule).length,
  );
  const errors = (found: LintDiagnostic[]) => found.filter((d) => d.severity === 'error').length;
  expect(errors(after), `${fix.title} adds an error`).toBeLessThanOrEqual(errors(before));
  const lines = text.split('\n');
  let expected = instructionCount(text);
  for (const edit of fix.edits) {
    const replaced = lines.slice(edit.line - 1, edit.endLine).join('\n');
    expected += instructionCount(edit.newText) - instructionCount(replaced);
  }
  expect(instructionCount(fixed), `${fix.title} changes the instructions around it`).toBe(expected);
}

/** Defines one test per case of a ported spec: the rule's answer, then the safety of its fixes. */
export function portHadolintSpec({ dl, rule, cases }: HadolintSpec): void {
  describe(`hadolint ${dl} ported, as ${rule.id}`, () => {
    for (const [index, { name, dockerfile, onbuild, hadolint, ours, why }] of cases.entries()) {
      const expected = ours ?? hadolint;
      const title = `#${index} ${name}${onbuild ? ' (ONBUILD)' : ''}: ${expected ? 'fires' : 'stays quiet'}${
        ours === undefined ? '' : ' (unlike hadolint, on purpose)'
      }`;
      it(title, () => {
        if (ours !== undefined) expect(why, 'a deliberate difference says why').toMatch(/\S/);
        const text = caseText({ dockerfile, onbuild });
        const found = matching(lintDockerfile(text), rule);
        expect(found.length > 0, text).toBe(expected);
        for (const diagnostic of found.filter((candidate) => candidate.fix))
          expectSafeFix(text, diagnostic, rule);
      });
    }
  });
}
