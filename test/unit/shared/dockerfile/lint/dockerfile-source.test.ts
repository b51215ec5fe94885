import { Env, From } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { readDockerfileSource } from '../../../../../src/shared/dockerfile/lint/dockerfile-source';

const tricky = [
  'FROM debian:12 AS base',
  'RUN 3<<EOF',
  'FROM not-an-instruction',
  'EOF',
  "RUN <<eo'f'",
  'echo foo',
  'eof',
  'ENV C trailing\\\\backslash\\\\',
  'ENV D This should not be appended to C',
  'RUN echo light\\',
  'ning',
  'FROM base',
  '',
].join('\n');

describe('readDockerfileSource', () => {
  const source = readDockerfileSource(tricky);

  it('cuts the instructions where BuildKit does, heredoc bodies and escaped escapes included', () => {
    expect(
      source.instructions.map(({ keyword, line, endLine, heredoc }) => [keyword, line, endLine, heredoc]),
    ).toEqual([
      ['FROM', 1, 1, false],
      ['RUN', 2, 4, true],
      ['RUN', 5, 7, true],
      ['ENV', 8, 8, false],
      ['ENV', 9, 9, false],
      ['RUN', 10, 11, false],
      ['FROM', 12, 12, false],
    ]);
    expect(source.stages.map((stage) => stage.baseImage)).toEqual(['debian:12', 'base']);
  });

  it("gives every instruction dockerfile-ast's node for the same line", () => {
    for (const instruction of source.instructions) {
      expect(instruction.node.getKeyword()).toBe(instruction.keyword);
      expect(instruction.node.getRange().start.line + 1).toBe(instruction.line);
    }
    const last = source.instructions.at(-1)?.node;
    expect(last instanceof From ? last.getImage() : null).toBe('base');
    const env = source.instructions[4]?.node;
    expect(env instanceof Env ? env.getProperties().map((property) => property.getName()) : null).toEqual([
      'D',
    ]);
  });

  it('joins continuation lines the way BuildKit does, nothing added at the line break', () => {
    expect(source.instructions[5]?.content.text).toBe('echo lightning');
    const offsets = source.instructions[5]!.content.offsets;
    // `n` of `ning` maps to the start of line 11 in the raw instruction text.
    expect(source.instructions[5]!.raw[offsets['echo light'.length]!]).toBe('n');
  });

  it('honours the escape directive for the nodes too', () => {
    const backtick = readDockerfileSource('# escape=`\nFROM alpine\nRUN echo a `\n  b\nENV X=1\n');
    expect(backtick.escape).toBe('`');
    expect(backtick.instructions.map((instruction) => instruction.node.getKeyword())).toEqual([
      'FROM',
      'RUN',
      'ENV',
    ]);
    expect(backtick.instructions[1]?.content.text).toBe('echo a   b');
  });
});
