import { describe, expect, it } from 'vitest';
import { summarizeBuildError } from '../../../../src/shared/build/summarize-build-error';

describe('summarizeBuildError', () => {
  it.each([
    // As engine 20.10 printed them (test/unit/fixtures/build-streams), and newer BuildKit's wording.
    [
      'executor failed running [/bin/sh -c echo "about to fail" && exit 3]: exit code: 3',
      'The command exited with code 3',
    ],
    [
      `The command '/bin/sh -c echo "about to fail" && exit 3' returned a non-zero code: 3`,
      'The command exited with code 3',
    ],
    [
      'process "/bin/sh -c exit 7" did not complete successfully: exit code: 7',
      'The command exited with code 7',
    ],
    [
      'failed to solve with frontend dockerfile.v0: failed to create LLB definition: dockerfile parse error line 3: unknown instruction: FOO',
      'dockerfile parse error line 3: unknown instruction: FOO',
    ],
    [
      'The Docker engine went away during the build: aborted',
      'The Docker engine went away during the build: aborted',
    ],
  ])('%s → %s', (message, summary) => {
    expect(summarizeBuildError(message)).toBe(summary);
  });

  it('keeps the first line, shortened', () => {
    const summary = summarizeBuildError(`${'x'.repeat(200)}\nsecond line`);
    expect(summary).toHaveLength(90);
    expect(summary.endsWith('…')).toBe(true);
  });
});
