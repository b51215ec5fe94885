import { validate, ValidationCode } from 'dockerfile-utils';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readDockerfileSource } from '../../../../../src/shared/dockerfile/lint/dockerfile-source';
import { lintDockerfile } from '../../../../../src/shared/dockerfile/lint/lint-dockerfile';
import { syntaxRule } from '../../../../../src/shared/dockerfile/lint/rules/syntax-rule';
import {
  validateInUnits,
  type ValidatorProblem,
} from '../../../../../src/shared/dockerfile/lint/validate-in-units';

const SEED = 20_240_613;

const asText = (problem: ValidatorProblem): string => {
  const { start, end } = problem.range;
  const message = typeof problem.message === 'string' ? problem.message : problem.message.value;
  // dockerfile-utils ends a one-letter protocol's range at twice its offset in the document: only
  // its start means something.
  const to = problem.code === ValidationCode.INVALID_PROTO ? '' : `-${end.line}:${end.character}`;
  return `${start.line}:${start.character}${to} ${String(problem.code)} ${problem.severity} ${message}`;
};

/** What the validator says about the whole text, and what it says read in units of `documentLines`. */
function bothWays(text: string, documentLines: number): { whole: string[]; units: string[] } {
  return {
    whole: validate(text).map(asText).sort(),
    units: validateInUnits(readDockerfileSource(text), documentLines).problems.map(asText).sort(),
  };
}

function throws(run: () => unknown): boolean {
  try {
    run();
    return false;
  } catch {
    return true;
  }
}

const syntax = (text: string) => lintDockerfile(text).filter((finding) => finding.ruleId === 'DW000');

// Words without escapes or heredocs: where dockerfile-ast and BuildKit cut instructions alike.
const word = fc.stringMatching(/^[A-Za-z0-9_./:$={}"'-]{0,10}$/);
const instruction = fc
  .tuple(
    fc.constantFrom(
      'FROM',
      'from',
      'FROM a AS',
      'FROM $BASE',
      'FROM ${BASE:-x}',
      'RUN',
      'run',
      '  RUN',
      'CMD',
      'ENTRYPOINT',
      'HEALTHCHECK',
      'HEALTHCHECK --interval=3s CMD',
      'COPY',
      'COPY --from=a',
      'ADD',
      'ENV',
      'ARG',
      'ARG BASE=debian',
      'ENV P=80/xyz',
      'ARG P',
      'LABEL',
      'EXPOSE',
      'EXPOSE $P',
      'STOPSIGNAL',
      'STOPSIGNAL $S',
      'ARG S=9',
      'USER',
      'WORKDIR',
      'VOLUME',
      'SHELL',
      'ONBUILD RUN',
      'MAINTAINER',
      'UNKNOWN',
    ),
    fc.array(
      fc.oneof(word, fc.constantFrom('["a", "b"]', "['a']", '[', 'a=b', '${P:+x}', '${P?}', '8080', '--x=1')),
      { maxLength: 4 },
    ),
    // Continuation lines, each maybe after a blank or comment line (which takes no escape).
    fc.array(
      fc.record({
        gap: fc.constantFrom(null, '', '   ', '  # c'),
        text: fc.stringMatching(/^[A-Za-z0-9_./:$={}"'-]{1,10}$/),
      }),
      { maxLength: 2 },
    ),
  )
  .map(([keyword, words, continuations]) => {
    const lines = [`${keyword} ${words.join(' ')}`];
    for (const { gap, text } of continuations) {
      lines[lines.length - 1] += ' \\';
      if (gap !== null) lines.push(gap);
      lines.push(`  ${text}`);
    }
    return lines.join('\n');
  });
const heredoc = fc
  .tuple(
    fc.constantFrom('RUN', 'COPY', 'run', 'RUN --mount=type=cache,target=/x'),
    fc.constantFrom('<<EOF', '<<-EOF', '<<"EOF"', "<<'EOF' /dest", '<<EOF bash'),
    fc.array(fc.constantFrom('echo hi', '', '\techo tab', 'EOFX', '  EOF'), { maxLength: 3 }),
  )
  .map(([keyword, marker, body]) =>
    [`${keyword} ${marker}`, ...body, marker.includes('-') ? '\tEOF' : 'EOF'].join('\n'),
  );
const betweenLines = fc.constantFrom('', '#', '# dockerfile-utils: ignore', '# escape=`');
const dockerfile = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: instruction },
      { weight: 1, arbitrary: heredoc },
      { weight: 1, arbitrary: betweenLines },
    ),
    {
      maxLength: 30,
    },
  )
  .map((lines) => `${lines.join('\n')}\n`);

describe('validateInUnits', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  // A few seconds on a busy machine; nothing here measures time.
  it(
    'finds what the validator finds in the whole file, on 300 random files cut into documents of 3 lines',
    {
      timeout: 60_000,
    },
    () => {
      fc.assert(
        fc.property(dockerfile, (text) => {
          // The whole file may make dockerfile-ast recurse forever (an indented RUN with a `$` before
          // any FROM); there is nothing to compare with then.
          fc.pre(!throws(() => validate(text)));
          const { whole, units } = bothWays(text, 3);
          expect(units).toEqual(whole);
        }),
        { seed: SEED, numRuns: 300 },
      );
    },
  );

  it('looks variables up for FROM, EXPOSE and STOPSIGNAL across documents as in the whole file', () => {
    const filler = Array.from({ length: 50 }, (_, index) => `RUN echo ${index}`);
    const text = [
      'ARG BASE=debian',
      'ARG P=1',
      'FROM $BASE',
      'ENV P=80/xyz S=NOPE',
      ...filler,
      'EXPOSE $P',
      'STOPSIGNAL $S',
      'FROM $MISSING',
      'ARG P',
      ...filler,
      'EXPOSE $P',
      '',
    ].join('\n');
    const { whole, units } = bothWays(text, 5);
    expect(whole.length).toBeGreaterThan(1);
    expect(units).toEqual(whole);
  });

  it('reports the file-wide checks (a second CMD, a duplicate stage name, no FROM) across documents', () => {
    const filler = Array.from({ length: 30 }, (_, index) => `RUN echo ${index}`);
    const text = [
      'RUN early',
      'FROM a AS one',
      'CMD ["first"]',
      ...filler,
      'CMD ["second"]',
      'FROM b AS one',
      ...filler,
      '',
    ].join('\n');
    const { whole, units } = bothWays(text, 4);
    expect(whole.map((problem) => problem.split(' ')[1])).toEqual(expect.arrayContaining(['10', '20', '37']));
    expect(units).toEqual(whole);
  });

  it('reads an instruction again when the escape directive changes what it means', () => {
    // `\ ` escapes the blank unless the escape is a backtick: then `c` is a name without a value.
    const body = 'FROM a\nENV A=b\\ c\n';
    const plain = bothWays(body, 3);
    expect(plain.units).toEqual(plain.whole);
    expect(plain.units).toEqual([]);
    const escaped = bothWays(`# escape=\`\n${body}`, 3);
    expect(escaped.units).toEqual(escaped.whole);
    expect(escaped.units).toEqual([expect.stringContaining(' 33 1 ')]);
  });

  it('says a file without instructions has no image, whatever it read before', () => {
    for (const text of ['', 'FROM a\n', '', '# just a comment\n', '']) {
      const { whole, units } = bothWays(text, 3);
      expect(units).toEqual(whole);
    }
    expect(bothWays('', 3).units).toEqual([expect.stringContaining(' 20 1 ')]);
  });

  it('reports each copy of a repeated instruction at its own line', () => {
    expect(syntax('FROM a\nrun x\nrun x\nRUN y\nrun x\n').map(({ line }) => line)).toEqual([2, 3, 5]);
  });

  it('checks a 10,000-line RUN up to its 2,000th line and says so', () => {
    const text = `FROM a\nRUN echo start \\\n${'\n  && echo part \\\n'.repeat(5_000)}  end\n`;
    const findings = syntax(text);
    const blanks = findings.filter(({ message }) => message === 'Empty continuation line');
    expect(blanks.length).toBeGreaterThan(900);
    expect(Math.max(...blanks.map(({ line }) => line))).toBeLessThanOrEqual(2_001);
    expect(findings).toContainEqual(
      expect.objectContaining({
        severity: 'info',
        line: 2,
        endLine: 10_003,
        message: expect.stringMatching(/10,002 lines.*read only its first 1,999 lines/),
      }),
    );
  });

  it('skips an instruction whose first line is longer than 100,000 characters and says so', () => {
    const findings = syntax(`FROM a\nenv A="${'a '.repeat(60_000)}"\n`);
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'info', line: 2, message: expect.stringContaining('skipped it') }),
    ]);
  });

  it('reads an indented instruction with a variable before any FROM (dockerfile-ast recurses forever on it)', () => {
    expect(() => validate('  RUN $}\nFROM a\n')).toThrow();
    const findings = lintDockerfile('  RUN $}\nFROM a\n');
    expect(findings.filter(({ message }) => /could not/.test(message))).toEqual([]);
    expect(syntax('  RUN $}\nFROM a\n')).toContainEqual(
      expect.objectContaining({ severity: 'error', line: 1, message: expect.stringContaining('FROM') }),
    );
  });

  it('keeps the other rules when one throws, with a finding that names the rule that could not run', () => {
    vi.spyOn(syntaxRule, 'check').mockImplementation(() => {
      throw new Error('Maximum call stack size exceeded');
    });
    const findings = lintDockerfile('FROM debian:12\nRUN apt-get install -y curl\n');
    expect(findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'DW000',
        severity: 'warning',
        message:
          'The linter could not check this file for "Dockerfile syntax": Maximum call stack size exceeded',
      }),
    );
    expect(findings.some(({ ruleId }) => ruleId === 'DW006')).toBe(true);
  });
});
