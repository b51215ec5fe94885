/**
 * DW017–DW022 and DW030: packages installed without a version. No quick fix: the version to write
 * lives in the base image's package index or a registry, which the linter cannot read offline, so
 * the message says how to look it up.
 *
 * Severity: `info` for all of them (hadolint: warning). A missing pin never breaks today's build;
 * it is advice about tomorrow's, and the wizard's own output, which cannot look versions up
 * offline either, must stay free of warnings.
 */
import type { DockerfileSource, SourceInstruction } from '../dockerfile-source';
import { contentRange, finding, type LintRule } from '../lint-rule';
import type { LintDiagnostic, LintSeverity } from '../lint-types';
import { toolCommands, type PackageTool } from '../package-installs';
import { pinnedForm, unpinnedPackages, versionLookup, type VariableDefined } from '../package-pins';
import { runShells } from '../run-shells';
import { declaredBefore } from '../state-before';

interface PinRuleSpec {
  id: string;
  title: string;
  why: string;
  severity: LintSeverity;
  tools: readonly PackageTool[];
}

function pinRule(spec: PinRuleSpec): LintRule {
  const rule: LintRule = {
    id: spec.id,
    title: spec.title,
    why: spec.why,
    severity: spec.severity,
    fixable: false,
    check: (source) => pinCheck(source, rule, spec.tools),
  };
  return rule;
}

/** DW017: `apt-get install pkg` without `pkg=<version>` (hadolint DL3008). */
export const aptPinRule = pinRule({
  id: 'DW017',
  title: 'Pin apt package versions',
  why: 'Without a version each build installs whatever the Debian or Ubuntu archive holds that day, so the same Dockerfile can give a different image; a pin needs updating when the archive replaces that version.',
  severity: 'info',
  tools: ['apt'],
});

/** DW018: `apk add pkg` without `pkg=<version>` (hadolint DL3018). */
export const apkPinRule = pinRule({
  id: 'DW018',
  title: 'Pin apk package versions',
  why: 'Without a version each build installs whatever the Alpine repository holds that day; Alpine drops old versions, so prefer a range like pkg~1.2 that takes the bug fixes.',
  severity: 'info',
  tools: ['apk'],
});

/** DW019: `pip install pkg` without `pkg==<version>` or a requirements file (hadolint DL3013). */
export const pipPinRule = pinRule({
  id: 'DW019',
  title: 'Pin pip package versions',
  why: 'Without a version pip installs the newest release on build day: a new major version can break your app in a rebuild you did not change. A requirements file with versions does the same job.',
  severity: 'info',
  tools: ['pip'],
});

/** DW020: `npm install pkg` without `pkg@<version>` (hadolint DL3016). */
export const npmPinRule = pinRule({
  id: 'DW020',
  title: 'Pin npm package versions',
  why: 'Without a version (or with @latest) npm installs the newest release on build day, so a rebuild can bring a breaking major version; package.json with a lockfile does the same job.',
  severity: 'info',
  tools: ['npm'],
});

/** DW021: `gem install gem` without `gem:<version>` or `-v` (hadolint DL3028). */
export const gemPinRule = pinRule({
  id: 'DW021',
  title: 'Pin gem versions',
  why: 'Without a version gem installs the newest release on build day, so a rebuild can bring a breaking major version; a Gemfile.lock does the same job.',
  severity: 'info',
  tools: ['gem'],
});

/** DW022: `go install/get/run pkg` without `@<version>`, or with `@latest` (hadolint DL3062). */
export const goPinRule = pinRule({
  id: 'DW022',
  title: 'Pin go install versions',
  why: 'Without a version, or with @latest, go fetches the newest release on build day, so a rebuild can compile code nobody tested with yours.',
  severity: 'info',
  tools: ['go'],
});

/** DW030: yum, dnf or zypper installs without a version (hadolint DL3033, DL3041, DL3037). */
export const rpmPinRule = pinRule({
  id: 'DW030',
  title: 'Pin yum, dnf and zypper package versions',
  why: 'Without a version each build installs whatever the repositories hold that day, so the same Dockerfile can give a different image; a pin needs updating when the repository replaces that version.',
  severity: 'info',
  tools: ['yum', 'dnf', 'zypper'],
});

function pinCheck(source: DockerfileSource, rule: LintRule, tools: readonly PackageTool[]): LintDiagnostic[] {
  const diagnostics: LintDiagnostic[] = [];
  for (const shell of runShells(source)) {
    const commands = toolCommands(shell).filter((command) => tools.includes(command.tool));
    if (commands.length === 0) continue;
    const defined = definedVariables(source, shell.instruction);
    const found = commands
      .map((command) => ({ command, unpinned: unpinnedPackages(command, defined) }))
      .filter(({ unpinned }) => unpinned.length > 0);
    const first = found[0];
    if (!first) continue;
    const names = [...new Set(found.flatMap(({ unpinned }) => unpinned.map((word) => word.value)))];
    const name = names[0]!;
    const { tool, command } = first.command;
    const image = lookupImage(source, shell.instruction);
    const word = first.unpinned[0]!;
    diagnostics.push(
      finding(rule, contentRange(shell.instruction, word.start, word.end), {
        message:
          `${command.name} installs ${listed(names)} without a version. ` +
          `See the versions with \`${versionLookup(tool, name, image, command.name)}\` and write ${pinnedForm(tool, name)}.`,
      }),
    );
  }
  return diagnostics;
}

function listed(names: string[]): string {
  if (names.length === 1) return names[0]!;
  if (names.length <= 3) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

function lookupImage(source: DockerfileSource, instruction: SourceInstruction): string {
  const image = source.stages[instruction.stageIndex]?.rootImage ?? '';
  return image === '' || image.includes('$') ? '<base image>' : image;
}

/** The variables ENV and ARG define for an instruction: its FROM chain's and its stage's, up to it. */
export function definedVariables(source: DockerfileSource, instruction: SourceInstruction): VariableDefined {
  return declaredBefore(source, instruction);
}
