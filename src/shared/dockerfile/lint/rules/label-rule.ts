/**
 * DW031: the labels a user's configuration requires (`LintOptions.requiredLabels`) — set in the
 * image the file builds, and not empty. Without a configuration the rule never fires.
 */
import { Label } from 'dockerfile-ast';
import { finding, wholeInstruction, type LintRule } from '../lint-rule';
import type { LintDiagnostic } from '../lint-types';

/** DW031: a required label is missing from the final image or empty (hadolint DL3049, DL3051). */
export const requiredLabelsRule: LintRule = {
  id: 'DW031',
  title: 'Set the labels your team requires',
  why: 'Your settings list labels every image needs (owner, source, version…); registries and scanners read them, and an image without them is hard to trace back.',
  severity: 'warning',
  fixable: false,
  check(source, options) {
    const required = options.requiredLabels ?? [];
    if (required.length === 0) return [];
    const diagnostics: LintDiagnostic[] = [];
    const present = new Set<string>();
    for (const instruction of source.instructions) {
      if (!(instruction.node instanceof Label)) continue;
      for (const property of instruction.node.getProperties()) {
        const name = property.getName();
        if (!required.includes(name)) continue;
        if (source.finalChain.has(instruction.stageIndex)) present.add(name);
        if ((property.getValue() ?? '') === '') {
          diagnostics.push(
            finding(requiredLabelsRule, wholeInstruction(instruction), {
              message: `Label "${name}" is empty: give it the value your team expects.`,
            }),
          );
        }
      }
    }
    const finalStage = source.stages.at(-1);
    const missing = required.filter((name) => !present.has(name));
    if (finalStage && missing.length > 0) {
      diagnostics.push(
        finding(requiredLabelsRule, wholeInstruction(finalStage.instructions[0]!), {
          message: `The image this file builds has no ${missing.map((name) => `"${name}"`).join(', ')} label: add LABEL ${missing[0]}="…" to its last stage.`,
        }),
      );
    }
    return diagnostics;
  },
};
