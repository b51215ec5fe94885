/**
 * The rule table: every rule `lintDockerfile` runs, in id order, and their descriptions for the UI.
 */
import type { LintRule } from './lint-rule';
import type { DockerfileRuleInfo } from './lint-types';
import { addRule } from './rules/add-rule';
import { aptListsRule, aptRecommendsRule, aptUpgradeRule, aptYesRule } from './rules/apt-rules';
import { baseImageRule } from './rules/base-image-rule';
import { commandFormRule } from './rules/command-form-rule';
import { copyBeforeInstallRule, dockerignoreRule } from './rules/context-rules';
import { apkCacheRule, pipCacheRule } from './rules/package-cache-rules';
import { cdRule, mergeRunsRule, pipefailRule } from './rules/run-rules';
import { secretRule } from './rules/secret-rule';
import { syntaxRule } from './rules/syntax-rule';
import { userRule } from './rules/user-rule';
import { requiredLabelsRule } from './rules/label-rule';
import { rpmCacheRule, rpmYesRule } from './rules/rpm-rules';
import { aptFrontEndRule, curlWgetRule, sudoRule } from './rules/run-habit-rules';
import { copyFromOwnStageRule, copyFromUnknownRule } from './rules/stage-reference-rules';
import {
  apkPinRule,
  aptPinRule,
  gemPinRule,
  goPinRule,
  npmPinRule,
  pipPinRule,
  rpmPinRule,
} from './rules/version-pin-rules';

/** Every rule with its check, in id order. */
export const LINT_RULES: readonly LintRule[] = [
  syntaxRule,
  baseImageRule,
  userRule,
  commandFormRule,
  addRule,
  aptYesRule,
  aptRecommendsRule,
  aptListsRule,
  aptUpgradeRule,
  apkCacheRule,
  pipCacheRule,
  mergeRunsRule,
  cdRule,
  pipefailRule,
  secretRule,
  copyBeforeInstallRule,
  dockerignoreRule,
  aptPinRule,
  apkPinRule,
  pipPinRule,
  npmPinRule,
  gemPinRule,
  goPinRule,
  sudoRule,
  aptFrontEndRule,
  curlWgetRule,
  copyFromOwnStageRule,
  copyFromUnknownRule,
  rpmYesRule,
  rpmCacheRule,
  rpmPinRule,
  requiredLabelsRule,
];

/** The rules as the UI lists them: id, title, why, default severity, whether a quick fix exists. */
export const DOCKERFILE_RULES: readonly DockerfileRuleInfo[] = LINT_RULES.map(
  ({ id, title, why, severity, fixable }) => ({ id, title, why, severity, fixable }),
);
