import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../../../../../../src/shared/dockerfile/lint/lint-dockerfile';

const lines = (...content: string[]): string => `${content.join('\n')}\n`;
const required = { requiredLabels: ['org.opencontainers.image.source', 'owner'] };
const of = (text: string, options = required) =>
  lintDockerfile(text, options).filter((finding) => finding.ruleId === 'DW031');

describe('requiredLabelsRule (DW031)', () => {
  it('never fires without a configuration', () => {
    expect(of(lines('FROM alpine:3.20'), { requiredLabels: [] })).toEqual([]);
    expect(lintDockerfile(lines('FROM alpine:3.20')).some((finding) => finding.ruleId === 'DW031')).toBe(
      false,
    );
  });

  it('names every missing label once, on the last stage', () => {
    const found = of(lines('FROM alpine:3.20 AS build', 'LABEL owner=me', 'FROM scratch'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 3 });
    expect(found[0]!.message).toContain('"org.opencontainers.image.source", "owner"');
  });

  it('counts labels inherited through the FROM chain, and reports empty ones', () => {
    const text = lines(
      'FROM alpine:3.20 AS base',
      'LABEL org.opencontainers.image.source="https://example.com/app"',
      'FROM base',
      'LABEL owner=""',
    );
    expect(
      of(text).map((finding) => [finding.line, finding.message.startsWith('Label "owner" is empty')]),
    ).toEqual([[4, true]]);
  });
});
