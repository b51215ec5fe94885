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
  const source = readDockerfileSource(text);
  return LINT_RULES.flatMap((rule) => checkSafely(rule, source, options)).sort(
    (a, b) =>
      a.line - b.line ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.ruleId.localeCompare(b.ruleId) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}

/**
 * One rule's findings, none if it throws: a rule tripping over odd input (dockerfile-ast recurses
 * forever on `  RUN $}` before any FROM) must not take the other rules' findings with it.
 */
function checkSafely(rule: LintRule, source: DockerfileSource, options: LintOptions): LintDiagnostic[] {
  try {
    return rule.check(source, options);
  } catch {
    return [];
  }
}
