/**
 * Linting a 1 MB Dockerfile: `analyzeDockerfile`, `readDockerfileSource` and the whole
 * `lintDockerfile`, median of a few rounds (goal for the lint: < 1 s). Two shapes: many small
 * stages (a generated multi-service file) and one long stage (a generated build script).
 * Needs no engine: `DW_RIG=off npm run bench -- bench/dockerfile-lint.bench.ts`.
 */
import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { analyzeDockerfile } from '../src/shared/dockerfile/analyze-dockerfile';
import { readDockerfileSource } from '../src/shared/dockerfile/lint/dockerfile-source';
import { lintDockerfile } from '../src/shared/dockerfile/lint/lint-dockerfile';

const ROUNDS = 3;
const MB = 1_000_000;

/** Instructions of every kind the rules look at: continuations, heredocs, apt, ENV, COPY, exec form. */
const BLOCK = [
  'ARG VERSION=1.2.3',
  'ENV PATH=/opt/bin:$PATH \\',
  '    LANG=C.UTF-8',
  'RUN apt-get update && \\',
  '    apt-get install -y --no-install-recommends curl ca-certificates && \\',
  '    rm -rf /var/lib/apt/lists/*',
  'COPY --chown=app:app package.json package-lock.json ./',
  'RUN <<EOF',
  'npm ci',
  'npm run build',
  'EOF',
  'WORKDIR /app',
  'USER app',
  'CMD ["node", "server.js"]',
  '',
].join('\n');

/** About `bytes` of Dockerfile; a new stage (FROM the previous one) every `blocksPerStage` blocks. */
function dockerfileOf(bytes: number, blocksPerStage: number): string {
  const parts = ['FROM debian:12-slim AS stage0\n'];
  let length = parts[0]!.length;
  for (let block = 1; length < bytes; block++) {
    if (block % blocksPerStage === 0) {
      const from = `FROM stage${block - blocksPerStage} AS stage${block}\n`;
      parts.push(from);
      length += from.length;
    }
    parts.push(BLOCK);
    length += BLOCK.length;
  }
  return parts.join('');
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function time(run: () => unknown): number {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

it.each([
  ['many small stages', 1],
  ['one long stage', Number.POSITIVE_INFINITY],
])('lints a 1 MB Dockerfile with %s', (_shape, blocksPerStage) => {
  const text = dockerfileOf(MB, blocksPerStage);
  const diagnostics = lintDockerfile(text);
  expect(diagnostics.length).toBeGreaterThan(0);
  const analyze = time(() => analyzeDockerfile(text));
  const source = time(() => readDockerfileSource(text));
  const lint = time(() => lintDockerfile(text));
  console.log(
    `${(text.length / MB).toFixed(2)} MB, ${text.split('\n').length} lines: analyze ${analyze.toFixed(0)} ms, ` +
      `read source ${source.toFixed(0)} ms, lint ${lint.toFixed(0)} ms (goal < 1000 ms), ` +
      `${diagnostics.length} diagnostics`,
  );
});
