import { describe, expect, it } from 'vitest';
import { applyFix } from '../../../../../src/shared/dockerfile/lint/apply-fix';
import { DOCKERFILE_RULES } from '../../../../../src/shared/dockerfile/lint/dockerfile-rules';
import { lintDockerfile } from '../../../../../src/shared/dockerfile/lint/lint-dockerfile';

const lines = (...content: string[]): string => `${content.join('\n')}\n`;
const ids = (text: string): string[] => lintDockerfile(text).map((diagnostic) => diagnostic.ruleId);
const only = (text: string, ruleId: string) =>
  lintDockerfile(text).filter((diagnostic) => diagnostic.ruleId === ruleId);

describe('lintDockerfile', () => {
  it('never throws, whatever it is given', () => {
    for (const text of [
      '',
      '\n\n',
      '# just a comment',
      'RUN echo',
      'FROM',
      '\u0000\u0001garbage',
      'FROM a\nRUN "unclosed',
    ]) {
      expect(() => lintDockerfile(text)).not.toThrow();
    }
  });

  it('sorts findings by line and points at the offending words', () => {
    const text = lines(
      'FROM debian:12-slim',
      'USER app',
      'RUN apt-get update && apt-get install curl && rm -rf /var/lib/apt/lists/*',
    );
    const found = lintDockerfile(text);
    expect(found.map((diagnostic) => diagnostic.line)).toEqual(
      [...found.map((diagnostic) => diagnostic.line)].sort(),
    );
    const yes = found.find((diagnostic) => diagnostic.ruleId === 'DW005')!;
    expect(text.split('\n')[2]!.slice(yes.column! - 1, yes.endColumn! - 1)).toBe('install');
  });

  it('lists every rule once with a one-line title and reason', () => {
    expect(new Set(DOCKERFILE_RULES.map((rule) => rule.id)).size).toBe(DOCKERFILE_RULES.length);
    for (const rule of DOCKERFILE_RULES) {
      expect(rule.id).toMatch(/^DW\d{3}$/);
      expect(rule.why).not.toContain('\n');
      expect(rule.title.length).toBeGreaterThan(5);
    }
  });

  it('keeps Windows line breaks when a fix is applied', () => {
    const text = 'FROM alpine:3.20\r\nRUN apk add curl\r\nUSER app\r\nCMD ["sh"]\r\n';
    const fix = only(text, 'DW009')[0]!.fix!;
    expect(applyFix(text, fix)).toBe(
      'FROM alpine:3.20\r\nRUN apk add --no-cache curl\r\nUSER app\r\nCMD ["sh"]\r\n',
    );
  });

  it('continues lines with the escape character the file declares', () => {
    const text = lines(
      '# escape=`',
      'FROM debian:12-slim',
      'RUN apt-get update `',
      '  && apt-get install -y --no-install-recommends curl',
      'USER app',
    );
    const fixed = applyFix(text, only(text, 'DW007')[0]!.fix!);
    expect(fixed).toContain('--no-install-recommends curl `\n  && rm -rf /var/lib/apt/lists/*');
    expect(only(fixed, 'DW007')).toEqual([]);
  });
});

describe('rule details', () => {
  it('DW002 is only an info for a service image that drops root itself', () => {
    expect(only(lines('FROM postgres:16-alpine'), 'DW002')).toMatchObject([{ severity: 'info' }]);
    expect(
      only(lines('FROM debian:12-slim', 'USER app', 'FROM scratch', 'COPY --from=0 /a /a'), 'DW002'),
    ).toMatchObject([{ severity: 'warning', line: 3 }]);
  });

  it('DW003 offers no fix when the command needs a shell or a SHELL is set', () => {
    expect(only(lines('FROM debian:12-slim', 'USER app', 'CMD echo $HOME'), 'DW003')[0]?.fix).toBeUndefined();
    expect(only(lines('FROM debian:12-slim', 'USER app', 'CMD cd /app'), 'DW003')[0]?.fix).toBeUndefined();
    const withShell = lines(
      'FROM debian:12-slim',
      'SHELL ["/bin/bash", "-c"]',
      'USER app',
      'CMD python app.py',
    );
    expect(only(withShell, 'DW003')[0]?.fix).toBeUndefined();
  });

  it('DW005 fixes every apt-get install of the RUN at once', () => {
    const text = lines('FROM debian:12-slim', 'RUN apt-get install a && apt install b', 'USER app');
    expect(only(text, 'DW005')).toHaveLength(1);
    expect(applyFix(text, only(text, 'DW005')[0]!.fix!)).toContain(
      'apt-get install -y a && apt install -y b',
    );
  });

  it('DW007 leaves builder stages alone and offers no fix after a trailing shell comment', () => {
    expect(
      only(lines('FROM debian:12-slim AS build', 'RUN apt-get update', 'FROM build', 'USER app'), 'DW007'),
    ).toHaveLength(1);
    const commented = only(lines('FROM debian:12-slim', 'RUN apt-get update # refresh', 'USER app'), 'DW007');
    expect(commented).toHaveLength(1);
    expect(commented[0]?.fix).toBeUndefined();
  });

  it('DW011 does not merge RUNs when the first changes the shell state or the flags differ', () => {
    expect(ids(lines('FROM debian:12-slim', 'RUN export A=1', 'RUN echo $A', 'USER app'))).not.toContain(
      'DW011',
    );
    expect(
      ids(
        lines('FROM debian:12-slim', 'RUN --mount=type=cache,target=/c make', 'RUN make install', 'USER app'),
      ),
    ).not.toContain('DW011');
    expect(
      ids(lines('FROM debian:12-slim', 'RUN <<EOF', 'echo a', 'EOF', 'RUN echo b', 'USER app')),
    ).not.toContain('DW011');
  });

  it('DW013 explains instead of fixing when the shell is not bash or the image is unknown', () => {
    const sh = only(
      lines('FROM debian:12-slim', 'SHELL ["/bin/sh", "-c"]', 'RUN a | b', 'USER app'),
      'DW013',
    );
    expect(sh).toMatchObject([{ message: expect.stringContaining('not bash') }]);
    expect(sh[0]?.fix).toBeUndefined();
    const unknown = only(lines('FROM me/base:1', 'RUN a | b', 'USER app'), 'DW013');
    expect(unknown[0]?.fix).toBeUndefined();
    expect(unknown[0]?.why).toContain('dash');
    expect(
      only(
        lines('FROM debian:12-slim', 'SHELL ["/bin/bash", "-eo", "pipefail", "-c"]', 'RUN a | b'),
        'DW013',
      ),
    ).toEqual([]);
  });

  it('DW015 accepts a build after the dependencies were installed from the manifest', () => {
    const maven = lines(
      'FROM maven:3.9-eclipse-temurin-21 AS build',
      'COPY pom.xml ./',
      'RUN mvn dependency:go-offline',
      'COPY . .',
      'RUN mvn package',
      'FROM eclipse-temurin:21-jre',
      'USER 1000',
    );
    expect(ids(maven)).not.toContain('DW015');
    expect(
      ids(lines('FROM node:22-slim', 'COPY . .', 'RUN npm install -g serve', 'USER node')),
    ).not.toContain('DW015');
  });

  it('DW016 needs both facts: no .dockerignore and a big context', () => {
    const text = lines('FROM debian:12-slim', 'USER app');
    expect(
      lintDockerfile(text, { contextHasDockerignore: false, contextBytes: 1_000 }).map((d) => d.ruleId),
    ).not.toContain('DW016');
    expect(lintDockerfile(text, { contextBytes: 1e9 }).map((d) => d.ruleId)).not.toContain('DW016');
    expect(lintDockerfile(text, { contextHasDockerignore: false, contextBytes: 1e9 })).toMatchObject([
      { ruleId: 'DW016', line: 1, message: expect.stringContaining('1GB') },
    ]);
  });
});
