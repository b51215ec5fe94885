import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../../../../../../src/shared/dockerfile/lint/lint-dockerfile';

const ruleFires = (ruleId: string, ...lines: string[]) =>
  lintDockerfile(`${lines.join('\n')}\n`).some((finding) => finding.ruleId === ruleId);

describe('pipCacheRule (DW010)', () => {
  it('follows PIP_NO_CACHE_DIR from ARG defaults and the last ENV that sets it', () => {
    expect(ruleFires('DW010', 'FROM python:3.12', 'ARG PIP_NO_CACHE_DIR=1', 'RUN pip install x')).toBe(false);
    expect(ruleFires('DW010', 'FROM python:3.12', 'ARG PIP_NO_CACHE_DIR', 'RUN pip install x')).toBe(true);
    expect(
      ruleFires(
        'DW010',
        'FROM python:3.12',
        'ENV PIP_NO_CACHE_DIR=1',
        'ENV PIP_NO_CACHE_DIR=',
        'RUN pip install x',
      ),
    ).toBe(true);
  });

  it("needs the variable in pip's environment: a prefix, env or an earlier export, not a shell variable", () => {
    expect(ruleFires('DW010', 'FROM python:3.12', 'RUN env PIP_NO_CACHE_DIR=yes pip install x')).toBe(false);
    expect(ruleFires('DW010', 'FROM python:3.12', 'RUN PIP_NO_CACHE_DIR=1; pip install x')).toBe(true);
    expect(ruleFires('DW010', 'FROM python:3.12', 'RUN pip install x && export PIP_NO_CACHE_DIR=1')).toBe(
      true,
    );
    expect(ruleFires('DW010', 'FROM python:3.12', 'RUN PIP_NO_CACHE_DIR=maybe pip install x')).toBe(true);
  });

  it('accepts a cache mount on ~/.cache or ~/.cache/pip only', () => {
    expect(
      ruleFires('DW010', 'FROM python:3.12', 'RUN --mount=type=cache,target=/root/.cache pip install x'),
    ).toBe(false);
    expect(
      ruleFires('DW010', 'FROM python:3.12', 'RUN --mount=type=cache,target=/root/.npm pip install x'),
    ).toBe(true);
  });
});

describe('apkCacheRule (DW009)', () => {
  it('accepts a cache mount on /var/cache but not a bind mount there', () => {
    expect(
      ruleFires('DW009', 'FROM alpine:3.20', 'RUN --mount=type=cache,target=/var/cache apk add curl'),
    ).toBe(false);
    expect(ruleFires('DW009', 'FROM alpine:3.20', 'RUN --mount=target=/var/cache/apk apk add curl')).toBe(
      true,
    );
  });
});
