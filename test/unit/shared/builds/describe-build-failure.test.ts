import { describe, expect, it } from 'vitest';
import { describeBuildFailure } from '../../../../src/shared/builds/describe-build-failure';

describe('describeBuildFailure', () => {
  it.each([
    // The builders' own words for a Dockerfile they refuse before any step runs.
    ['Dockerfile parse error line 3: unknown instruction: RNU', 3],
    ['failed to solve: dockerfile parse error on line 7: unknown instruction: FORM', 7],
    ['failed to solve: failed to process "$FOO": Dockerfile:12', 12],
    ['Cannot locate specified Dockerfile: Dockerfile', null],
  ])('finds the line in "%s"', (message, line) => {
    expect(describeBuildFailure(message, false)).toEqual({ message, line });
  });

  it('says when the target stage does not exist', () => {
    expect(describeBuildFailure('failed to reach build target nope in Dockerfile', false)).toEqual({
      message: 'The target stage does not exist: failed to reach build target nope in Dockerfile',
      line: null,
    });
  });

  it('blames the engine going away, not the Dockerfile, when the connection dropped', () => {
    expect(describeBuildFailure('socket hang up', true)).toEqual({
      message: 'The Docker engine went away during the build: socket hang up',
      line: null,
    });
  });
});
