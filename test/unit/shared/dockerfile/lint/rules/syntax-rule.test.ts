import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../../../../../../src/shared/dockerfile/lint/lint-dockerfile';

const syntax = (...lines: string[]) =>
  lintDockerfile(`FROM debian:12\n${lines.join('\n')}\n`).filter((finding) => finding.ruleId === 'DW000');

describe('syntaxRule (DW000)', () => {
  it('rejects ports above 65535 and points at the port', () => {
    const [high] = syntax('EXPOSE 8080 70000/udp');
    expect(high).toMatchObject({ severity: 'error', line: 2, column: 13, endColumn: 22 });
    expect(high?.message).toContain('70000');
    expect(syntax('EXPOSE 8000-65536')).toHaveLength(1);
    expect(syntax('EXPOSE 0 65535 1-65535/tcp')).toEqual([]);
  });

  it('accepts ports that are only known at build time', () => {
    expect(syntax('EXPOSE ${PORT}', 'EXPOSE 40000-${LAST}/tcp', 'EXPOSE $P-$Q')).toEqual([]);
  });

  it('accepts a quoted destination that ends in a slash, and still rejects one that does not', () => {
    expect(syntax('COPY a b "dir/"', "COPY a b 'dir\\'")).toEqual([]);
    expect(syntax('COPY a b "dir"')).toMatchObject([
      { message: expect.stringContaining('must be a directory') },
    ]);
  });
});
