/**
 * Lints a Dockerfile the way a patient teacher would: syntax problems from dockerfile-utils, then
 * Dockwright's own rules (`DOCKERFILE_RULES`), each with a one-line reason and, where safe, a fix.
 */
import { readDockerfileSource, type DockerfileSource } from './dockerfile-source';
import { LINT_RULES } from './dockerfile-rules';
import type { LintRule } from './lint-rule';
import type { LintDiagnostic, LintOptions, LintSeverity } from './lint-types';

const SEVERITY_ORDER: Record<LintSeverity, number> = { error: 0, warning: 1, info: 2 };

/** All findings for `text`, sorted by line, then severity, then rule id; never throws. */
export function lintDockerfile(text: string, options: LintOptions = {}): LintDiagnostic[] {
  let source: DockerfileSource;
  try {
    source = readDockerfileSource(text);
  } catch (error) {
    // A last resort: the analysis is written not to throw, but if it does, say so in the editor.
    return [couldNotCheck('DW000', `The linter could not read this file: ${reasonOf(error)}`)];
  }
  return LINT_RULES.flatMap((rule) => checkSafely(rule, source, options)).sort(
    (a, b) =>
      a.line - b.line ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.ruleId.localeCompare(b.ruleId) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}

/**
 * One rule's findings. The rules are written not to throw, but a dependency may still fail on input
 * nobody foresaw: then the file gets one finding saying which rule could not run, and the other
 * rules' findings stay.
 */
function checkSafely(rule: LintRule, source: DockerfileSource, options: LintOptions): LintDiagnostic[] {
  try {
    return rule.check(source, options);
  } catch (error) {
    return [
      couldNotCheck(rule.id, `The linter could not check this file for "${rule.title}": ${reasonOf(error)}`),
    ];
  }
}

function couldNotCheck(ruleId: string, message: string): LintDiagnostic {
  return {
    ruleId,
    severity: 'warning',
    message,
    why: 'A bug in the linter stopped this check on this file, so its findings are missing.',
    line: 1,
    endLine: 1,
  };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
