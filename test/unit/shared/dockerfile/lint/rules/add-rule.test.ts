import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../../../../../../src/shared/dockerfile/lint/lint-dockerfile';

const add = (line: string) =>
  lintDockerfile(`FROM debian:12\n${line}\n`).filter((finding) => finding.ruleId === 'DW004');

describe('addRule (DW004)', () => {
  it('leaves downloads and archives to ADD, quoted or in exec form', () => {
    for (const line of [
      'ADD "https://example.com/a.txt" /a.txt',
      "ADD 'rootfs.tar.xz' /",
      'ADD ["http://example.com/x", "/x"]',
      'ADD --checksum=sha256:abc https://example.com/x /x',
    ])
      expect(add(line), line).toEqual([]);
  });

  it('offers COPY for plain files and keeps the quotes', () => {
    expect(add('ADD "file.zip" /app/')[0]?.fix?.edits[0]?.newText).toBe('COPY "file.zip" /app/');
  });

  it('offers no fix for a wildcard, which may match an archive that ADD would unpack', () => {
    const [finding] = add('ADD vendor/* /app/vendor/');
    expect(finding).toBeDefined();
    expect(finding?.fix).toBeUndefined();
  });
});
