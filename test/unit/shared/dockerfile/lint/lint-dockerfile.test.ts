import { describe, expect, it } from 'vitest';
import { applyFix } from '../../../../../src/shared/dockerfile/lint/apply-fix';
import { DOCKERFILE_RULES } from '../../../../../src/shared/dockerfile/lint/dockerfile-rules';
import { lintDockerfile } from '../../../../../src/shared/dockerfile/lint/lint-dockerfile';
import type { LintDiagnostic, LintOptions } from '../../../../../src/shared/dockerfile/lint/lint-types';

/** One rule example: text that must raise the rule, text that must not, and what its fix produces. */
interface RuleCase {
  name: string;
  ruleId: string;
  failing: string;
  passing: string;
  /** The failing text after applying the rule's fixes one by one; null when no fix is offered. */
  fixed: string | null;
  options?: LintOptions;
}

const lines = (...content: string[]): string => `${content.join('\n')}\n`;
const tail = ['USER app', 'CMD ["app"]'];

const RULE_CASES: RuleCase[] = [
  {
    name: 'an unknown instruction',
    ruleId: 'DW000',
    failing: lines('FROM debian:12-slim', 'COPPY app /app', ...tail),
    passing: lines('FROM debian:12-slim', 'COPY app /app', ...tail),
    fixed: null,
  },
  {
    name: 'a lower-case keyword',
    ruleId: 'DW000',
    failing: lines('from debian:12-slim', ...tail),
    passing: lines('FROM debian:12-slim', ...tail),
    fixed: lines('FROM debian:12-slim', ...tail),
  },
  {
    name: 'a base image without a tag',
    ruleId: 'DW001',
    failing: lines('FROM python', ...tail),
    passing: lines('FROM python:3.12-slim', ...tail),
    fixed: null,
  },
  {
    name: 'a base image on latest',
    ruleId: 'DW001',
    failing: lines('FROM python:latest AS build', 'FROM build', ...tail),
    passing: lines('FROM python@sha256:' + 'a'.repeat(64) + ' AS build', 'FROM build', ...tail),
    fixed: null,
  },
  {
    name: 'no USER in the final stage',
    ruleId: 'DW002',
    failing: lines('FROM debian:12-slim AS build', 'USER app', 'FROM debian:12-slim', 'CMD ["app"]'),
    passing: lines('FROM debian:12-slim AS base', 'USER app', 'FROM base', 'CMD ["app"]'),
    fixed: null,
  },
  {
    name: 'a last USER that is root',
    ruleId: 'DW002',
    failing: lines('FROM debian:12-slim', 'USER app', 'RUN true', 'USER 0:0', 'CMD ["app"]'),
    passing: lines('FROM gcr.io/distroless/static-debian12:nonroot', 'CMD ["app"]'),
    fixed: null,
  },
  {
    name: 'a shell-form CMD',
    ruleId: 'DW003',
    failing: lines('FROM debian:12-slim', 'USER app', 'CMD exec python "my app.py" --port 8000'),
    passing: lines('FROM debian:12-slim', 'USER app', 'CMD ["python", "my app.py", "--port", "8000"]'),
    fixed: lines('FROM debian:12-slim', 'USER app', 'CMD ["python", "my app.py", "--port", "8000"]'),
  },
  {
    name: 'a shell-form ENTRYPOINT over two lines',
    ruleId: 'DW003',
    failing: lines('FROM debian:12-slim', 'USER app', 'ENTRYPOINT java \\', '  -jar /app/app.jar'),
    passing: lines('FROM debian:12-slim', 'USER app', 'ENTRYPOINT ["java", "-jar", "/app/app.jar"]'),
    fixed: lines('FROM debian:12-slim', 'USER app', 'ENTRYPOINT ["java", "-jar", "/app/app.jar"]'),
  },
  {
    name: 'ADD of local files',
    ruleId: 'DW004',
    failing: lines('FROM debian:12-slim', 'ADD --chown=app:app src/ /app/src/', ...tail),
    passing: lines(
      'FROM debian:12-slim',
      'ADD rootfs.tar.xz /',
      'ADD https://example.com/a.txt /a.txt',
      ...tail,
    ),
    fixed: lines('FROM debian:12-slim', 'COPY --chown=app:app src/ /app/src/', ...tail),
  },
  {
    name: 'apt-get install without -y',
    ruleId: 'DW005',
    failing: lines(
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get install --no-install-recommends curl && \\',
      '    apt-get -q install --no-install-recommends git && rm -rf /var/lib/apt/lists/*',
      ...tail,
    ),
    passing: lines(
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get install -qy --no-install-recommends curl && \\',
      '    apt-get --yes install --no-install-recommends git && rm -rf /var/lib/apt/lists/*',
      ...tail,
    ),
    fixed: lines(
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends curl && \\',
      '    apt-get -q install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*',
      ...tail,
    ),
  },
  {
    name: 'apt-get install without --no-install-recommends',
    ruleId: 'DW006',
    failing: lines(
      'FROM debian:12-slim',
      'RUN apt-get update \\',
      '    # tools the app shells out to',
      '    && apt-get install -y curl \\',
      '    && rm -rf /var/lib/apt/lists/*',
      ...tail,
    ),
    passing: lines(
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get install -y -o APT::Install-Recommends=false curl && rm -rf /var/lib/apt/lists/*',
      ...tail,
    ),
    fixed: lines(
      'FROM debian:12-slim',
      'RUN apt-get update \\',
      '    # tools the app shells out to',
      '    && apt-get install --no-install-recommends -y curl \\',
      '    && rm -rf /var/lib/apt/lists/*',
      ...tail,
    ),
  },
  {
    name: 'apt lists left in a one-line RUN',
    ruleId: 'DW007',
    failing: lines(
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends curl',
      ...tail,
    ),
    passing: lines(
      'FROM debian:12-slim AS build',
      'RUN apt-get update && apt-get install -y --no-install-recommends gcc',
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
      ...tail,
    ),
    fixed: lines(
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
      ...tail,
    ),
  },
  {
    name: 'apt lists left in a continued RUN',
    ruleId: 'DW007',
    failing: lines(
      'FROM debian:12-slim',
      'RUN apt-get update \\',
      '  && apt-get install -y --no-install-recommends curl;',
      ...tail,
    ),
    passing: lines(
      'FROM debian:12-slim',
      'RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends curl',
      ...tail,
    ),
    fixed: lines(
      'FROM debian:12-slim',
      'RUN apt-get update \\',
      '  && apt-get install -y --no-install-recommends curl; \\',
      '  rm -rf /var/lib/apt/lists/*',
      ...tail,
    ),
  },
  {
    name: 'apt-get upgrade',
    ruleId: 'DW008',
    failing: lines(
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get -y dist-upgrade && rm -rf /var/lib/apt/lists/*',
      ...tail,
    ),
    passing: lines('FROM debian:12.7-slim', ...tail),
    fixed: null,
  },
  {
    name: 'apk add without --no-cache',
    ruleId: 'DW009',
    failing: lines('FROM alpine:3.20', 'RUN apk add curl && sudo apk add --virtual .deps gcc', ...tail),
    passing: lines('FROM alpine:3.20', 'RUN apk add curl && rm -rf /var/cache/apk/*', ...tail),
    fixed: lines(
      'FROM alpine:3.20',
      'RUN apk add --no-cache curl && sudo apk add --no-cache --virtual .deps gcc',
      ...tail,
    ),
  },
  {
    name: 'pip install without --no-cache-dir',
    ruleId: 'DW010',
    failing: lines('FROM python:3.12-slim', 'RUN python3 -m pip install -r requirements.txt', ...tail),
    passing: lines(
      'FROM python:3.12-slim',
      'ENV PIP_NO_CACHE_DIR=1',
      'RUN pip install -r requirements.txt',
      ...tail,
    ),
    fixed: lines(
      'FROM python:3.12-slim',
      'RUN python3 -m pip install --no-cache-dir -r requirements.txt',
      ...tail,
    ),
  },
  {
    name: 'three consecutive RUNs',
    ruleId: 'DW011',
    failing: lines(
      'FROM debian:12-slim',
      'RUN mkdir /data;',
      '',
      'RUN touch /data/a || true',
      'RUN \\',
      '  touch /data/b',
      ...tail,
    ),
    passing: lines(
      'FROM debian:12-slim',
      'RUN cd /data',
      'RUN make',
      '# the slow part',
      'RUN make test',
      ...tail,
    ),
    fixed: lines(
      'FROM debian:12-slim',
      'RUN mkdir /data && \\',
      '    { touch /data/a || true; } && \\',
      '    touch /data/b',
      ...tail,
    ),
  },
  {
    name: 'cd in RUN',
    ruleId: 'DW012',
    failing: lines('FROM debian:12-slim', 'RUN mkdir /src && cd /src && touch a', ...tail),
    passing: lines('FROM debian:12-slim', 'WORKDIR /src', 'RUN touch a', ...tail),
    fixed: null,
  },
  {
    name: 'a pipe on Debian',
    ruleId: 'DW013',
    failing: lines('FROM debian:12-slim', 'RUN curl -fsSL https://example.com/x.tgz | tar -xz', ...tail),
    passing: lines(
      'FROM debian:12-slim',
      'RUN set -o pipefail && curl -fsSL https://example.com/x.tgz | tar -xz',
      ...tail,
    ),
    fixed: lines(
      'FROM debian:12-slim',
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      'RUN curl -fsSL https://example.com/x.tgz | tar -xz',
      ...tail,
    ),
  },
  {
    name: 'a pipe on Alpine',
    ruleId: 'DW013',
    failing: lines('FROM alpine:3.20', 'RUN wget -qO- https://example.com/x.tgz | tar -xz', ...tail),
    passing: lines(
      'FROM alpine:3.20',
      'SHELL ["/bin/ash", "-eo", "pipefail", "-c"]',
      'RUN wget -qO- https://example.com/x.tgz | tar -xz 2>&1',
      ...tail,
    ),
    fixed: lines(
      'FROM alpine:3.20',
      'SHELL ["/bin/sh", "-o", "pipefail", "-c"]',
      'RUN wget -qO- https://example.com/x.tgz | tar -xz',
      ...tail,
    ),
  },
  {
    name: 'a secret in ENV',
    ruleId: 'DW014',
    failing: lines('FROM postgres:16', 'ENV POSTGRES_PASSWORD=hunter2', 'USER postgres'),
    passing: lines(
      'FROM postgres:16',
      'ENV POSTGRES_PASSWORD_FILE=/run/secrets/db TOKENIZERS_PARALLELISM=false GPG_KEY=A1B2',
      'USER postgres',
    ),
    fixed: null,
  },
  {
    name: 'a secret build arg',
    ruleId: 'DW014',
    failing: lines('FROM node:22-slim', 'ARG npmToken', 'USER node'),
    passing: lines('FROM node:22-slim', 'ARG NODE_VERSION', 'USER node'),
    fixed: null,
  },
  {
    name: 'the whole project copied before npm ci',
    ruleId: 'DW015',
    failing: lines(
      'FROM node:22-slim',
      'WORKDIR /app',
      'COPY . .',
      'RUN npm ci && npm run build',
      'USER node',
    ),
    passing: lines(
      'FROM node:22-slim',
      'WORKDIR /app',
      'COPY package.json package-lock.json ./',
      'RUN npm ci',
      'COPY . .',
      'RUN npm run build',
      'USER node',
    ),
    fixed: null,
  },
  {
    name: 'the whole project copied before go build',
    ruleId: 'DW015',
    failing: lines(
      'FROM golang:1.23 AS build',
      'WORKDIR /src',
      'COPY . ./',
      'RUN go build -o /app .',
      'FROM scratch',
      'USER 1',
    ),
    passing: lines(
      'FROM golang:1.23 AS build',
      'WORKDIR /src',
      'COPY go.mod go.sum ./',
      'RUN go mod download',
      'COPY . ./',
      'RUN go build -o /app .',
      'FROM scratch',
      'USER 1',
    ),
    fixed: null,
  },
  {
    name: 'a big context without .dockerignore',
    ruleId: 'DW016',
    failing: lines('FROM debian:12-slim', 'COPY . /app', ...tail),
    passing: lines('FROM debian:12-slim', 'COPY . /app', ...tail),
    fixed: null,
    options: { contextHasDockerignore: false, contextBytes: 250_000_000 },
  },
  {
    name: 'an apt package without a version',
    ruleId: 'DW017',
    failing: lines('FROM debian:12-slim', 'RUN apt-get update && apt-get install -y curl', ...tail),
    passing: lines(
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u8',
      ...tail,
    ),
    fixed: null,
  },
  {
    name: 'an apk package without a version',
    ruleId: 'DW018',
    failing: lines('FROM alpine:3.20', 'RUN apk add --no-cache curl', ...tail),
    passing: lines('FROM alpine:3.20', 'RUN apk add --no-cache curl~8.9', ...tail),
    fixed: null,
  },
  {
    name: 'a pip package without a version',
    ruleId: 'DW019',
    failing: lines('FROM python:3.12-slim', 'RUN pip install --no-cache-dir flask', ...tail),
    passing: lines('FROM python:3.12-slim', 'RUN pip install --no-cache-dir flask==3.0.3', ...tail),
    fixed: null,
  },
  {
    name: 'an npm package without a version',
    ruleId: 'DW020',
    failing: lines('FROM node:22-slim', 'RUN npm install --global typescript', ...tail),
    passing: lines('FROM node:22-slim', 'RUN npm install --global typescript@5.6.3', ...tail),
    fixed: null,
  },
  {
    name: 'a gem without a version',
    ruleId: 'DW021',
    failing: lines('FROM ruby:3.3-slim', 'RUN gem install bundler', ...tail),
    passing: lines('FROM ruby:3.3-slim', 'RUN gem install bundler:2.5.22', ...tail),
    fixed: null,
  },
  {
    name: 'go install of @latest',
    ruleId: 'DW022',
    failing: lines('FROM golang:1.23', 'RUN go install golang.org/x/tools/gopls@latest', ...tail),
    passing: lines('FROM golang:1.23', 'RUN go install golang.org/x/tools/gopls@v0.16.2', ...tail),
    fixed: null,
  },
  {
    name: 'sudo in a RUN that already runs as root',
    ruleId: 'DW023',
    failing: lines('FROM debian:12-slim', 'RUN sudo mkdir -p /app', ...tail),
    passing: lines('FROM debian:12-slim', 'RUN mkdir -p /app', ...tail),
    fixed: lines('FROM debian:12-slim', 'RUN mkdir -p /app', ...tail),
  },
  {
    name: 'apt instead of apt-get',
    ruleId: 'DW024',
    failing: lines('FROM debian:12-slim', 'RUN apt update && apt install -y curl', ...tail),
    passing: lines('FROM debian:12-slim', 'RUN apt-get update && apt-get install -y curl', ...tail),
    fixed: lines('FROM debian:12-slim', 'RUN apt-get update && apt-get install -y curl', ...tail),
  },
  {
    name: 'curl and wget in one stage',
    ruleId: 'DW025',
    failing: lines(
      'FROM debian:12-slim',
      'RUN curl -fsSLO https://example.com/a && wget -q https://example.com/b',
      ...tail,
    ),
    passing: lines(
      'FROM debian:12-slim',
      'RUN curl -fsSLO https://example.com/a && curl -fsSLO https://example.com/b',
      ...tail,
    ),
    fixed: null,
  },
  {
    name: 'COPY --from naming its own stage',
    ruleId: 'DW026',
    failing: lines('FROM debian:12-slim AS build', 'COPY --from=build /a /b', ...tail),
    passing: lines(
      'FROM debian:12-slim AS build',
      'RUN touch /a',
      'FROM debian:12-slim',
      'COPY --from=build /a /b',
      ...tail,
    ),
    fixed: null,
  },
  {
    name: 'COPY --from with a misspelt stage name',
    ruleId: 'DW027',
    failing: lines(
      'FROM golang:1.23 AS build',
      'RUN go build -o /app .',
      'FROM debian:12-slim',
      'COPY --from=biuld /app /app',
      ...tail,
    ),
    passing: lines(
      'FROM golang:1.23 AS build',
      'RUN go build -o /app .',
      'FROM debian:12-slim',
      'COPY --from=build /app /app',
      ...tail,
    ),
    fixed: null,
  },
  {
    name: 'dnf install without -y',
    ruleId: 'DW028',
    failing: lines('FROM fedora:40', 'RUN dnf install nginx-1.26.2 && dnf clean all', ...tail),
    passing: lines('FROM fedora:40', 'RUN dnf install -y nginx-1.26.2 && dnf clean all', ...tail),
    fixed: lines('FROM fedora:40', 'RUN dnf -y install nginx-1.26.2 && dnf clean all', ...tail),
  },
  {
    name: 'dnf install without dnf clean all',
    ruleId: 'DW029',
    failing: lines('FROM fedora:40', 'RUN dnf install -y nginx-1.26.2', ...tail),
    passing: lines('FROM fedora:40', 'RUN dnf install -y nginx-1.26.2 && dnf clean all', ...tail),
    fixed: lines('FROM fedora:40', 'RUN dnf install -y nginx-1.26.2 && dnf clean all', ...tail),
  },
  {
    name: 'a dnf package without a version',
    ruleId: 'DW030',
    failing: lines('FROM fedora:40', 'RUN dnf install -y nginx && dnf clean all', ...tail),
    passing: lines('FROM fedora:40', 'RUN dnf install -y nginx-1.26.2 && dnf clean all', ...tail),
    fixed: null,
  },
  {
    name: 'a required label missing',
    ruleId: 'DW031',
    failing: lines('FROM debian:12-slim', ...tail),
    passing: lines(
      'FROM debian:12-slim',
      'LABEL org.opencontainers.image.source="https://example.com/app"',
      ...tail,
    ),
    fixed: null,
    options: { requiredLabels: ['org.opencontainers.image.source'] },
  },
];

function ofRule(diagnostics: LintDiagnostic[], ruleId: string): LintDiagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.ruleId === ruleId);
}

/** Applies the rule's first fix and re-lints until the rule is quiet or offers no fix. */
function fixAll(text: string, ruleId: string, options: LintOptions): string {
  let current = text;
  for (let round = 0; round < 10; round++) {
    const fix = ofRule(lintDockerfile(current, options), ruleId).find((diagnostic) => diagnostic.fix)?.fix;
    if (!fix) return current;
    current = applyFix(current, fix);
  }
  throw new Error(`${ruleId} keeps offering fixes`);
}

describe('lintDockerfile rules', () => {
  it.each(RULE_CASES)('$ruleId reports $name', ({ ruleId, failing, options }) => {
    const found = ofRule(lintDockerfile(failing, options), ruleId);
    expect(found.length).toBeGreaterThan(0);
    for (const diagnostic of found) {
      expect(diagnostic.message).not.toContain('\n');
      expect(diagnostic.why).not.toContain('\n');
      expect(diagnostic.line).toBeGreaterThanOrEqual(1);
      expect(diagnostic.endLine).toBeGreaterThanOrEqual(diagnostic.line);
    }
  });

  it.each(RULE_CASES)('$ruleId stays quiet on the passing example of $name', ({ ruleId, passing, name }) => {
    const options = name.includes('context')
      ? { contextHasDockerignore: true, contextBytes: 250_000_000 }
      : {};
    expect(ofRule(lintDockerfile(passing, options), ruleId)).toEqual([]);
  });

  it.each(RULE_CASES)(
    '$ruleId fixes $name so that re-linting finds nothing',
    ({ ruleId, failing, fixed, options = {} }) => {
      const offered = ofRule(lintDockerfile(failing, options), ruleId).some((diagnostic) => diagnostic.fix);
      expect(offered).toBe(fixed !== null);
      if (fixed === null) return;
      const result = fixAll(failing, ruleId, options);
      expect(result).toBe(fixed);
      expect(ofRule(lintDockerfile(result, options), ruleId)).toEqual([]);
      expect(lintDockerfile(result, options).filter((diagnostic) => diagnostic.severity === 'error')).toEqual(
        [],
      );
    },
  );

  it('has a failing example for every rule it lists', () => {
    const tested = new Set(RULE_CASES.map((ruleCase) => ruleCase.ruleId));
    expect(DOCKERFILE_RULES.map((rule) => rule.id).filter((id) => !tested.has(id))).toEqual([]);
  });
});
