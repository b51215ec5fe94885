import { describe, expect, it } from 'vitest';
import { syntaxProblems } from '../../../../src/shared/builds/syntax-problems';

describe('syntaxProblems', () => {
  it('names the line of an unknown instruction and the instruction it was probably meant to be', () => {
    expect(syntaxProblems('FROM scratch\nRUN echo fine\nRUNN echo typo\n')).toEqual([
      { line: 3, message: expect.stringMatching(/^Unknown instruction: RUNN .*did you mean RUN\?$/i) },
    ]);
  });

  it('is empty for a Dockerfile the builder accepts, warnings included', () => {
    expect(syntaxProblems('FROM debian\nRUN apt-get install curl\n')).toEqual([]);
  });
});
