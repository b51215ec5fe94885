/**
 * BuildKit's parser test cases, run against analyzeDockerfile. Ported from moby/buildkit
 * frontend/dockerfile/parser/parser_test.go (TestParseCases, TestParseErrorCases,
 * TestParseIncludesLineNumbers, TestParseWarnsOnEmptyContinutationLine, TestParseReturnsScannerErrors,
 * TestParseWords) at commit 73ed6825c4b7569379ef89df0aedcdbe64473d31; the testfiles are copied in
 * test/unit/fixtures/buildkit-parser.
 */
import { describe, expect, it } from 'vitest';
import { analyzeDockerfile } from '../../../../../src/shared/dockerfile/analyze-dockerfile';
import { splitWords } from '../../../../../src/shared/dockerfile/instruction-words';
import { dumpAnalysis, fixtureCases, readFixture } from './buildkit-dump';

describe('analyzeDockerfile on BuildKit parser testfiles', () => {
  it.each(fixtureCases('testfiles'))(
    'splits %s into the instructions and arguments BuildKit dumps',
    (name) => {
      const analysis = analyzeDockerfile(readFixture('testfiles', name, 'Dockerfile'));
      expect(dumpAnalysis(analysis)).toBe(readFixture('testfiles', name, 'result'));
      expect(analysis.errors).toEqual([]);
    },
  );

  it('reads all 33 testfile cases', () => {
    expect(fixtureCases('testfiles')).toHaveLength(33);
  });
});

describe('analyzeDockerfile on the files BuildKit refuses', () => {
  const expected: Record<string, string> = {
    empty_dockerfile: 'no-instructions',
    env_no_value: 'instruction-syntax',
    only_comments: 'no-instructions',
    'shykes-nested-json': 'instruction-syntax',
  };

  it.each(fixtureCases('testfiles-negative'))('reports an error for %s', (name) => {
    const analysis = analyzeDockerfile(readFixture('testfiles-negative', name, 'Dockerfile'));
    expect(analysis.errors.map((error) => error.code)).toEqual([expected[name]]);
  });

  it('names the instruction BuildKit refuses', () => {
    expect(analyzeDockerfile('FROM busybox\n\nENV PATH\n').errors).toEqual([
      { code: 'instruction-syntax', message: 'ENV must have two arguments', line: 3 },
    ]);
    expect(analyzeDockerfile('CMD [ "echo", [ "nested json" ] ]\n').errors[0]?.message).toBe(
      'when using JSON array syntax, arrays must be comprised of strings only',
    );
  });
});

describe('analyzeDockerfile line numbers (BuildKit TestParseIncludesLineNumbers)', () => {
  it('gives each instruction its first and last line, continuations and blank lines included', () => {
    const analysis = analyzeDockerfile(readFixture('testfile-line', 'Dockerfile'));
    expect(analysis.instructions.map(({ line, endLine }) => [line, endLine])).toEqual([
      [5, 5],
      [11, 12],
      [17, 31],
    ]);
    expect(analysis.escape).toBe('\\');
  });
});

describe('analyzeDockerfile continuation lines (BuildKit TestParseWarnsOnEmptyContinutationLine)', () => {
  const dockerfile = [
    '',
    'FROM alpine:3.6',
    '',
    'RUN valid \\',
    '    continuation',
    '',
    'RUN something \\',
    '',
    '    following \\',
    '',
    '    more',
    '',
    'RUN another \\',
    '',
    '    thing',
    '',
    'RUN non-indented \\',
    '# this is a comment',
    '   after-comment',
    '',
    'RUN indented \\',
    '    # this is an indented comment',
    '    comment',
    '\t',
  ].join('\n');

  it('skips empty and comment lines inside a continuation and keeps the indentation of the others', () => {
    expect(
      analyzeDockerfile(dockerfile).instructions.map(({ text, line, endLine }) => [text, line, endLine]),
    ).toEqual([
      ['FROM alpine:3.6', 2, 2],
      ['RUN valid     continuation', 4, 5],
      ['RUN something     following     more', 7, 11],
      ['RUN another     thing', 13, 15],
      ['RUN non-indented    after-comment', 17, 19],
      ['RUN indented     comment', 21, 23],
    ]);
  });
});

describe('analyzeDockerfile line length (BuildKit TestParseReturnsScannerErrors)', () => {
  it('reports a line longer than BuildKit reads (64 KiB) and still analyses the file', () => {
    const label = 'a'.repeat(65536);
    const analysis = analyzeDockerfile(`\n\t\tFROM image\n\t\tLABEL test=${label}\n`);
    expect(analysis.errors).toEqual([
      { code: 'line-too-long', message: 'dockerfile line greater than max allowed size of 65535', line: 3 },
    ]);
    expect(analysis.instructions.map((instruction) => instruction.keyword)).toEqual(['FROM', 'LABEL']);
  });

  it('counts bytes, not characters, and accepts a line of exactly 65535 bytes', () => {
    expect(analyzeDockerfile(`FROM a\nLABEL a=${'b'.repeat(65535 - 8)}\n`).errors).toEqual([]);
    expect(analyzeDockerfile(`FROM a\nLABEL a=${'é'.repeat(40000)}\n`).errors[0]?.code).toBe('line-too-long');
  });
});

describe('splitWords (BuildKit TestParseWords)', () => {
  it.each([
    ['foo', ['foo']],
    ['foo bar', ['foo', 'bar']],
    ['foo\\ bar', ['foo\\ bar']],
    ['foo=bar', ['foo=bar']],
    ["foo bar 'abc xyz'", ['foo', 'bar', "'abc xyz'"]],
    ['foo bar "abc xyz"', ['foo', 'bar', '"abc xyz"']],
    ['àöû', ['àöû']],
    ['föo bàr "âbc xÿz"', ['föo', 'bàr', '"âbc xÿz"']],
  ])('splits %j into %j', (input, expected) => {
    expect(splitWords(input, '\\')).toEqual(expected);
  });
});
