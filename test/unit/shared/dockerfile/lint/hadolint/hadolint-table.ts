/**
 * Runs hadolint's rule spec tables against Dockwright's linter. Each case keeps hadolint's
 * assertion (`ruleCatches` = at least one finding, `onBuildRuleCatches` = exactly one finding with
 * every RUN wrapped in ONBUILD, `failsWith n` = exactly n); a deliberate difference states our
 * answer and why. Snippets without a FROM get one first where the rule reads RUN lines: Dockwright
 * lints a RUN as part of a stage, and hadolint's snippets leave the stage out.
 */
import { expect, it } from 'vitest';
import { applyFix } from '../../../../../../src/shared/dockerfile/lint/apply-fix';
import { lintDockerfile } from '../../../../../../src/shared/dockerfile/lint/lint-dockerfile';
import type { LintDiagnostic, LintOptions } from '../../../../../../src/shared/dockerfile/lint/lint-types';

/** The hadolint commit the tables were ported from. */
export const HADOLINT_COMMIT = '8f936c5e975d3663b3cce4ac5b3baa3db26b8516';

/** hadolint's assertion for a case. */
export type HadolintExpectation = 'catches' | 'catchesNot' | 'onBuildCatches' | 'onBuildCatchesNot' | number;

/** One row of a spec table. */
export interface SpecCase {
  expect: HadolintExpectation;
  /** The Dockerfile text, as hadolint's spec writes it (lines joined with \n). */
  text: string;
  /** Where Dockwright deliberately answers otherwise: its finding count and the reason. */
  ours?: { count: number; why: string };
}

/** How a spec file's snippets are run. */
export interface SpecSetup {
  ruleId: string;
  /** FROM line put before snippets that have none; null to run them as written. */
  from: string | null;
  options?: LintOptions;
}

/** Shorthands for table rows. */
export const catches = (text: string): SpecCase => ({ expect: 'catches', text });
export const catchesNot = (text: string): SpecCase => ({ expect: 'catchesNot', text });
export const onBuildCatches = (text: string): SpecCase => ({ expect: 'onBuildCatches', text });
export const onBuildCatchesNot = (text: string): SpecCase => ({ expect: 'onBuildCatchesNot', text });
export const failsWith = (count: number, text: string): SpecCase => ({ expect: count, text });
/** A row where Dockwright differs on purpose. */
export const differs = (row: SpecCase, count: number, why: string): SpecCase => ({
  ...row,
  ours: { count, why },
});

/** The Dockerfile a case lints: RUNs wrapped for the ONBUILD variants, a FROM first where configured. */
export function caseText(setup: SpecSetup, row: SpecCase): string {
  let text = row.text;
  if (row.expect === 'onBuildCatches' || row.expect === 'onBuildCatchesNot')
    text = text.replace(/^RUN\b/gm, 'ONBUILD RUN');
  if (setup.from !== null && !/^FROM\b/im.test(text)) text = `${setup.from}\n${text}`;
  return text.endsWith('\n') ? text : `${text}\n`;
}

function findingsOf(setup: SpecSetup, text: string): LintDiagnostic[] {
  return lintDockerfile(text, setup.options).filter((finding) => finding.ruleId === setup.ruleId);
}

/** How many findings of the rule the case's Dockerfile gets. */
export function countFindings(setup: SpecSetup, row: SpecCase): number {
  return findingsOf(setup, caseText(setup, row)).length;
}

/**
 * Applies each quick fix of the rule's findings alone and lints again: the rule must find less,
 * and no error may appear that the text did not have.
 */
export function checkFixes(setup: SpecSetup, text: string): number {
  const before = lintDockerfile(text, setup.options);
  const errorsBefore = before.filter((finding) => finding.severity === 'error').length;
  let applied = 0;
  for (const finding of before.filter((candidate) => candidate.ruleId === setup.ruleId)) {
    if (!finding.fix) continue;
    const after = lintDockerfile(applyFix(text, finding.fix), setup.options);
    expect(after.filter((candidate) => candidate.ruleId === setup.ruleId).length).toBeLessThan(
      findingsOf(setup, text).length,
    );
    expect(after.filter((candidate) => candidate.severity === 'error').length).toBeLessThanOrEqual(
      errorsBefore,
    );
    applied++;
  }
  return applied;
}

/** Declares one vitest case per row; returns the row count so the file can assert it was complete. */
export function runSpecTable(setup: SpecSetup, rows: SpecCase[]): number {
  rows.forEach((row, index) => {
    const label = `${index + 1}: ${describeExpectation(row)} ${JSON.stringify(row.text)}`;
    it(label, () => {
      const count = countFindings(setup, row);
      if (row.ours) expect(count, row.ours.why).toBe(row.ours.count);
      else if (row.expect === 'catches') expect(count).toBeGreaterThan(0);
      else if (row.expect === 'onBuildCatches') expect(count).toBe(1);
      else if (row.expect === 'catchesNot' || row.expect === 'onBuildCatchesNot') expect(count).toBe(0);
      else expect(count).toBe(row.expect);
      checkFixes(setup, caseText(setup, row));
    });
  });
  return rows.length;
}

function describeExpectation(row: SpecCase): string {
  const hadolint = typeof row.expect === 'number' ? `failsWith ${row.expect}` : row.expect;
  return row.ours ? `${hadolint} (ours: ${row.ours.count}, deliberate)` : hadolint;
}
