import { describe, expect, it } from 'vitest';
import { applyFix } from '../../../../../../src/shared/dockerfile/lint/apply-fix';
import { lintDockerfile } from '../../../../../../src/shared/dockerfile/lint/lint-dockerfile';

const findings = (ruleId: string, ...lines: string[]) =>
  lintDockerfile(`${lines.join('\n')}\n`).filter((finding) => finding.ruleId === ruleId);

describe('mergeRunsRule (DW011)', () => {
  it('groups a later RUN with ; or || so that an earlier failure still stops the build', () => {
    const text = 'FROM debian:12\nRUN make\nRUN make test || true; echo done\n';
    const [finding] = findings('DW011', text);
    expect(applyFix(text, finding!.fix!)).toBe(
      'FROM debian:12\nRUN make && \\\n    { make test || true; echo done; }\n',
    );
  });

  it('offers no fix when such a RUN ends in a comment the group would swallow', () => {
    const [finding] = findings('DW011', 'FROM debian:12', 'RUN make', 'RUN make test || true # flaky');
    expect(finding).toBeDefined();
    expect(finding?.fix).toBeUndefined();
  });
});

describe('pipefailRule (DW013)', () => {
  it('warns on sh -o pipefail where sh may be dash, and accepts it where sh is busybox', () => {
    const shell = 'SHELL ["/bin/sh", "-o", "pipefail", "-c"]';
    expect(findings('DW013', 'FROM debian:12', shell, 'RUN a | b')).toMatchObject([
      { message: expect.stringContaining('/bin/sh') },
    ]);
    expect(findings('DW013', 'FROM alpine:3.20', shell, 'RUN a | b')).toEqual([]);
  });

  it('reports a pipe in ONBUILD RUN without offering a SHELL that would change this image too', () => {
    const [finding] = findings('DW013', 'FROM debian:12', 'ONBUILD RUN a | b');
    expect(finding).toBeDefined();
    expect(finding?.fix).toBeUndefined();
  });
});
