/**
 * DW000: what dockerfile-utils' validator finds — unknown instructions, missing arguments, bad
 * flags, invalid ports — reported with the validator's own severity, less its known false alarms,
 * plus the port numbers it lets through.
 */
import { ValidationCode } from 'dockerfile-utils';
import type { DockerfileSource } from '../dockerfile-source';
import {
  astRange,
  contentRange,
  finding,
  wholeInstruction,
  type LintRule,
  type ZeroBasedRange,
} from '../lint-rule';
import type { LintDiagnostic } from '../lint-types';
import {
  validateInUnits,
  type CappedInstruction,
  type UncheckedLines,
  type ValidatorProblem as Diagnostic,
} from '../validate-in-units';

const HIGHEST_PORT = 65535;

const WHY_BY_CODE = new Map<number, string>([
  [
    ValidationCode.CASING_INSTRUCTION,
    'Upper-case keywords are the convention every Dockerfile reader expects.',
  ],
  [
    ValidationCode.DEPRECATED_MAINTAINER,
    'MAINTAINER is deprecated: LABEL org.opencontainers.image.authors="…" carries the same information.',
  ],
  [
    ValidationCode.WORKDIR_IS_NOT_ABSOLUTE,
    'A relative WORKDIR depends on every WORKDIR before it, which makes the file hard to follow.',
  ],
  [
    ValidationCode.EMPTY_CONTINUATION_LINE,
    'Blank lines inside a continued instruction are deprecated and newer builders may reject them.',
  ],
]);

/** DW000: the validator's findings. */
export const syntaxRule: LintRule = {
  id: 'DW000',
  title: 'Dockerfile syntax',
  why: 'The builder rejects or misreads this line before any step runs.',
  severity: 'error',
  fixable: true,
  check(source) {
    const { problems, capped, unchecked } = validateInUnits(source);
    return [
      ...problems
        .filter((problem) => !isFalseAlarm(source, problem))
        .map((problem) => validatorFinding(source, problem)),
      ...portFindings(source),
      ...capped.map(cappedFinding),
      ...unchecked.map(uncheckedFinding),
    ];
  },
};

/** 12345 as `12,345` (without Intl, which takes a while to start). */
function thousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
}

const PARTLY_CHECKED_WHY =
  'Checking every line of an instruction this long would stall the editor; the builder still reads all of it.';

function cappedFinding({ instruction, linesChecked }: CappedInstruction): LintDiagnostic {
  const lines = instruction.endLine - instruction.line + 1;
  const size = `${thousands(lines)} ${lines === 1 ? 'line' : 'lines'}, ${thousands(instruction.raw.length)} characters`;
  return finding(syntaxRule, wholeInstruction(instruction), {
    severity: 'info',
    message:
      linesChecked === 0
        ? `This ${instruction.keyword} is too long to check (${size}): the syntax check skipped it.`
        : `This ${instruction.keyword} is ${size} long: the syntax check read only its first ${thousands(linesChecked)} ${linesChecked === 1 ? 'line' : 'lines'}.`,
    why: PARTLY_CHECKED_WHY,
  });
}

function uncheckedFinding({ line, endLine, reason }: UncheckedLines): LintDiagnostic {
  return finding(
    syntaxRule,
    { line, endLine },
    {
      severity: 'warning',
      message: `The syntax check could not read these lines (dockerfile-utils failed: ${reason}); other rules still checked them.`,
      why: 'A bug in the syntax checker stopped it on these lines, so any syntax mistake there goes unreported until the build.',
    },
  );
}

function validatorFinding(source: DockerfileSource, problem: Diagnostic): LintDiagnostic {
  const place = astRange(problem.range);
  // A range that ends at column 0 of the next line covers only the line before it.
  if (place.endLine > place.line && problem.range.end.character === 0) {
    place.endLine -= 1;
    delete place.endColumn;
  }
  const severity = problem.severity === 1 ? 'error' : problem.severity === 2 ? 'warning' : 'info';
  const why = WHY_BY_CODE.get(Number(problem.code)) ?? syntaxRule.why;
  const message = typeof problem.message === 'string' ? problem.message : problem.message.value;
  const diagnostic = finding(syntaxRule, place, { message, why, severity });
  if (
    problem.code === ValidationCode.CASING_INSTRUCTION &&
    problem.range.start.line === problem.range.end.line
  ) {
    const lineText = source.lines[problem.range.start.line] ?? '';
    const { character: from } = problem.range.start;
    const { character: to } = problem.range.end;
    diagnostic.fix = {
      title: 'Write the keyword in upper case',
      edits: [
        {
          line: place.line,
          endLine: place.line,
          newText: lineText.slice(0, from) + lineText.slice(from, to).toUpperCase() + lineText.slice(to),
        },
      ],
    };
  }
  return diagnostic;
}

/**
 * Findings of the validator that the builder does not share: a port with a variable is only known
 * at build time, and a quoted destination ending in / is a directory once the builder unquotes it.
 */
function isFalseAlarm(source: DockerfileSource, problem: Diagnostic): boolean {
  const text = rangeText(source, problem.range).trim();
  if (problem.code === ValidationCode.INVALID_PORT) return text.includes('$');
  if (problem.code === ValidationCode.INVALID_DESTINATION) return /[/\\]$/.test(unquote(text));
  return false;
}

/** EXPOSE ports above 65535, which the validator accepts and the builder rejects. */
function portFindings(source: DockerfileSource): LintDiagnostic[] {
  const diagnostics: LintDiagnostic[] = [];
  for (const instruction of source.instructions) {
    if (instruction.keyword !== 'EXPOSE') continue;
    for (const word of instruction.content.text.matchAll(/\S+/g)) {
      const ports = /^(\d+)(?:-(\d+))?(?:\/\w+)?$/.exec(unquote(word[0]));
      if (!ports) continue;
      const tooHigh = [ports[1], ports[2]].find((port) => port !== undefined && Number(port) > HIGHEST_PORT);
      if (tooHigh === undefined) continue;
      diagnostics.push(
        finding(syntaxRule, contentRange(instruction, word.index, word.index + word[0].length), {
          message: `Port ${tooHigh} does not exist: ports go from 0 to ${HIGHEST_PORT}.`,
          why: 'The builder rejects an EXPOSE with a port number above 65535.',
        }),
      );
    }
  }
  return diagnostics;
}

function rangeText(source: DockerfileSource, range: ZeroBasedRange): string {
  const lines = source.lines.slice(range.start.line, range.end.line + 1);
  if (lines.length === 0) return '';
  lines[lines.length - 1] = lines.at(-1)!.slice(0, range.end.character);
  lines[0] = lines[0]!.slice(range.start.character);
  return lines.join('\n');
}

function unquote(word: string): string {
  return /^(["'])(.*)\1$/.exec(word)?.[2] ?? word;
}
