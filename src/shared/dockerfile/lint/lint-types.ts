/**
 * The shapes the Dockerfile linter hands to the editor: diagnostics with a plain-words reason and,
 * where a rewrite cannot change what the image does, a quick fix made of whole-line edits.
 */

/** How much a finding matters: `error` stops the build, `warning` is a likely problem, `info` a hint. */
export type LintSeverity = 'error' | 'warning' | 'info';

/**
 * Replaces the whole lines `line`..`endLine` (1-based, inclusive) with `newText`.
 *
 * `newText` has no final line break and may hold several lines; an empty string removes the lines.
 */
export interface LintEdit {
  line: number;
  endLine: number;
  newText: string;
}

/** A quick fix: what the editor's button says, and the edits (never overlapping) it applies. */
export interface LintFix {
  title: string;
  edits: LintEdit[];
}

/** One finding of `lintDockerfile`. */
export interface LintDiagnostic {
  /** `DW000` for syntax, `DW001`… for the rules in `DOCKERFILE_RULES`. */
  ruleId: string;
  severity: LintSeverity;
  /** One line: what is wrong here. */
  message: string;
  /** One line: why it matters. */
  why: string;
  /** 1-based first line. */
  line: number;
  /** 1-based last line (inclusive). */
  endLine: number;
  /** 1-based column on `line` where the finding starts, when narrower than the instruction. */
  column?: number;
  /** 1-based column on `endLine` just after the finding (Monaco's convention). */
  endColumn?: number;
  /** Present only when applying it cannot change what the image does beyond fixing the finding. */
  fix?: LintFix;
}

/** What the linter cannot see in the Dockerfile text: facts about the build context. */
export interface LintOptions {
  /** Whether the build context has a `.dockerignore`; unknown when absent. */
  contextHasDockerignore?: boolean;
  /** Total bytes of the build context as the engine would receive it; unknown when absent. */
  contextBytes?: number;
  /** Label names the user's settings require in every built image; none when absent. */
  requiredLabels?: readonly string[];
}

/** A rule as the UI lists it (settings, help panel). */
export interface DockerfileRuleInfo {
  id: string;
  title: string;
  /** One line: why the rule exists. */
  why: string;
  /** The severity the rule reports at (a rule may lower it for a case it explains). */
  severity: LintSeverity;
  /** Whether some of its findings come with a quick fix. */
  fixable: boolean;
}
