/**
 * DW000: what dockerfile-utils' validator finds — unknown instructions, missing arguments, bad
 * flags, invalid ports — reported with the validator's own severity.
 */
import { validate, ValidationCode } from 'dockerfile-utils';
import { astRange, finding, type LintRule } from '../lint-rule';
import type { LintDiagnostic } from '../lint-types';

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
    const text = source.lines.join('\n');
    return validate(text).map((problem): LintDiagnostic => {
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
    });
  },
};
