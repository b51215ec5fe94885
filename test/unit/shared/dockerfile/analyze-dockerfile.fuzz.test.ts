/**
 * Property tests (issue #12): the Dockerfile analysis and the linter read anything without
 * throwing — random instruction mixes (heredocs, continuations, directives, comments), random
 * text with NUL bytes, invalid UTF-8 decoded with replacement characters, huge lines and 10,000
 * continuation lines — and the analysis keeps its shape: instructions in order, each inside the
 * file, none overlapping. Seeded, so a failure replays.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeDockerfile,
  type DockerfileAnalysis,
} from '../../../../src/shared/dockerfile/analyze-dockerfile';
import { lintDockerfile } from '../../../../src/shared/dockerfile/lint/lint-dockerfile';

const SEED = 20_240_612;
/** The big inputs take a few seconds on a busy machine; nothing here measures time. */
const SLOW = { timeout: 60_000 };

const word = fc.stringMatching(/^[A-Za-z0-9_./:$={}"'\\`<>-]{0,12}$/);

/** Lines that exercise every path of the scanner, with random words in them. */
const line = fc.oneof(
  fc.constantFrom(
    '# escape=`',
    '# escape=\\',
    '# syntax=docker/dockerfile:1',
    '#',
    '',
    '   ',
    '\\',
    '`',
    'EOF',
    "eo'f",
    '\tEOF',
    '\r',
    '\u0000',
    '\uFEFFFROM x',
  ),
  fc
    .tuple(
      fc.constantFrom(
        'FROM',
        'from',
        'RUN',
        'COPY',
        'ADD',
        'ENV',
        'ARG',
        'LABEL',
        'CMD',
        'ENTRYPOINT',
        'HEALTHCHECK',
        'ONBUILD RUN',
        'ONBUILD',
        'SHELL',
        'USER',
        'WORKDIR',
        'EXPOSE',
        'VOLUME',
        'UNKNOWN',
        '__proto__',
        'constructor',
        '  RUN',
      ),
      fc.array(
        fc.oneof(
          word,
          fc.constantFrom(
            '<<EOF',
            '3<<EOF',
            "<<eo'f'",
            '<<"EOF"',
            '<<-EOF',
            '<<',
            '--from=a',
            '--mount=from=b',
            'AS',
          ),
          fc.constantFrom('["a", "b"]', '[ "x", [1] ]', '[', 'a=b', 'a="b c"', "'q", '\\\\', '${x:-y}', '${'),
        ),
        { maxLength: 5 },
      ),
      fc.constantFrom('', ' \\', '\\', ' `', '\\\\', ' \\  ', '\r'),
    )
    .map(([keyword, words, ending]) => `${keyword} ${words.join(' ')}${ending}`),
);

const dockerfile = fc
  .tuple(fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, breakWith, finalBreak]) => lines.join(breakWith) + (finalBreak ? breakWith : ''));

/** Lints and expects every rule and the syntax checker to have read the whole file. */
function expectLinted(text: string): void {
  const failures = lintDockerfile(text).filter(({ message }) =>
    /^The (linter|syntax check) could not/.test(message),
  );
  expect(failures).toEqual([]);
}

function expectWellFormed(analysis: DockerfileAnalysis, text: string): void {
  const lineCount = text.split('\n').length;
  let previousEnd = 0;
  for (const instruction of analysis.instructions) {
    expect(instruction.line).toBeGreaterThan(previousEnd);
    expect(instruction.endLine).toBeGreaterThanOrEqual(instruction.line);
    expect(instruction.endLine).toBeLessThanOrEqual(lineCount);
    expect(instruction.stageIndex).toBeLessThan(analysis.stages.length);
    previousEnd = instruction.endLine;
  }
  for (const stage of analysis.stages) expect(stage.instructions[0]?.keyword).toBe('FROM');
}

describe('analyzeDockerfile and lintDockerfile on anything', () => {
  it('never throw and keep the instructions in order on 400 random instruction mixes', SLOW, () => {
    fc.assert(
      fc.property(dockerfile, (text) => {
        expectWellFormed(analyzeDockerfile(text), text);
        expectLinted(text);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('never throw on 200 random texts with NUL bytes and any Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        expectWellFormed(analyzeDockerfile(text), text);
        expectLinted(text);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('never throw on 200 random byte strings decoded as UTF-8 with replacement', () => {
    const decoder = new TextDecoder('utf-8', { fatal: false });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const text = decoder.decode(bytes);
        expectWellFormed(analyzeDockerfile(text), text);
        expectLinted(text);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('report and survive 6 huge lines (70,000 to 120,000 characters)', SLOW, () => {
    fc.assert(
      fc.property(
        fc.constantFrom('RUN echo ', 'ENV A=', 'LABEL a=', 'COPY <<EOF ', '# ', 'FROM ', 'RUN ["'),
        fc.constantFrom('a', ' ', '\\', '"', '<<', '\u0000', 'é', '$'),
        fc.integer({ min: 70_000, max: 120_000 }),
        (prefix, filler, length) => {
          const text = `FROM a\n${prefix}${filler.repeat(Math.ceil(length / filler.length))}\nRUN after\n`;
          const analysis = analyzeDockerfile(text);
          expectWellFormed(analysis, text);
          expect(analysis.errors.map((error) => error.code)).toContain('line-too-long');
          expectLinted(text);
        },
      ),
      { seed: SEED, numRuns: 6 },
    );
  });

  it('read and lint 10,000 continuation lines as one instruction, 6 shapes', SLOW, () => {
    const shapes = ['\\', '# comment', '', '  && echo part \\', 'x`', '  --flag=1 \\  '];
    for (const middle of shapes) {
      const text = `FROM a\nRUN echo start \\\n${`${middle}\n`.repeat(10_000)}  end\nRUN next\n`;
      const analysis = analyzeDockerfile(text);
      expectWellFormed(analysis, text);
      expect(analysis.instructions[1]).toMatchObject({ keyword: 'RUN', line: 2 });
      expectLinted(text);
    }
  });
});
