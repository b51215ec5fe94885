import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../../../../../../src/shared/dockerfile/lint/lint-dockerfile';

const lines = (...content: string[]): string => `${content.join('\n')}\n`;
const of = (text: string, ruleId: string) =>
  lintDockerfile(text).filter((finding) => finding.ruleId === ruleId);

describe('copyFromOwnStageRule (DW026)', () => {
  it('catches the own stage by name in any case, and by index', () => {
    expect(of(lines('FROM alpine:3.20 AS Build', 'COPY --from=build /a /b'), 'DW026')).toHaveLength(1);
    expect(of(lines('FROM alpine:3.20', 'FROM alpine:3.20', 'COPY --from=1 /a /b'), 'DW026')).toHaveLength(1);
  });
});

describe('copyFromUnknownRule (DW027)', () => {
  const message = (text: string) => of(text, 'DW027')[0]?.message ?? '';

  it('suggests the stage name a typo was meant to be', () => {
    expect(message(lines('FROM golang:1.23 AS build', 'FROM scratch', 'COPY --from=biuld /a /a'))).toContain(
      'did you mean "build"',
    );
  });

  it('says when the stage is defined further down', () => {
    expect(message(lines('FROM scratch', 'COPY --from=late /a /a', 'FROM alpine:3.20 AS late'))).toContain(
      'further down',
    );
  });

  it('accepts image references, variables and earlier stage indexes', () => {
    for (const from of ['nginx:1.27', 'ghcr.io/org/tool', 'alpine@sha256:abc', '$STAGE', '0']) {
      expect(of(lines('FROM alpine:3.20', 'FROM scratch', `COPY --from=${from} /a /a`), 'DW027')).toEqual([]);
    }
  });

  it('explains that a bare unknown name is pulled as an image', () => {
    expect(message(lines('FROM scratch', 'COPY --from=nginx /etc/nginx /etc/nginx'))).toContain(
      'nginx:latest',
    );
  });
});
