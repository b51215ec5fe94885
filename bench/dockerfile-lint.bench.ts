/**
 * Linting a 1 MB Dockerfile: `analyzeDockerfile`, `readDockerfileSource` and the whole
 * `lintDockerfile`, median of a few rounds (goal for the lint: < 1 s). Four shapes: one long stage
 * (a generated build script), many small stages (a generated multi-service file), one RUN of
 * 10,000 continued lines, and 10,000+ one-line RUNs. Every block carries its own numbers, so no two
 * instructions are the same: the syntax check reads each distinct instruction once per lint, and
 * keeps the last lint's findings for the next. So "cold" lints a file none of whose instructions
 * were seen before (a new file each round), and "keystroke" re-lints after a one-character edit,
 * which is what the editor does while you type.
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
function block(n: number): string {
  return [
    `ARG VERSION=1.2.${n}`,
    `ENV PATH=/opt/tool${n}/bin:$PATH \\`,
    `    LANG=C.UTF-8`,
    `RUN apt-get update && \\`,
    `    apt-get install -y --no-install-recommends curl ca-certificates lib${n}-dev && \\`,
    `    rm -rf /var/lib/apt/lists/*`,
    `COPY --chown=app:app package.json package-lock.json ./service${n}/`,
    `RUN <<EOF`,
    `npm ci --prefix service${n}`,
    `npm run build --prefix service${n}`,
    `EOF`,
    `WORKDIR /app/service${n}`,
    `USER app${n}`,
    `CMD ["node", "server${n}.js"]`,
    '',
  ].join('\n');
}

/**
 * About `bytes` of Dockerfile; a new stage (FROM the previous one) every `blocksPerStage` blocks.
 * `round` numbers the blocks apart from other rounds'.
 */
function stagesOf(bytes: number, blocksPerStage: number, round: number): string {
  const parts = ['FROM debian:12-slim AS stage0\n'];
  let length = parts[0]!.length;
  for (let n = 1; length < bytes; n++) {
    const from = n % blocksPerStage === 0 ? `FROM stage${n - blocksPerStage} AS stage${n}\n` : '';
    const text = from + block(n + round * 1_000_000);
    parts.push(text);
    length += text.length;
  }
  return parts.join('');
}

/** One RUN of 10,000 continued lines of about 100 characters each. */
function longRun(round: number): string {
  const lines = Array.from({ length: 10_000 }, (_, index) => index + round * 1_000_000).map(
    (n) =>
      `    && apt-get install -y --no-install-recommends tool${n} lib${n}-dev && pip install --no-cache-dir mod${n}==1.${n} \\`,
  );
  return `FROM python:3.12\nRUN set -eux \\\n${lines.join('\n')}\n    && echo done\nUSER app\n`;
}

/** About `bytes` of one-line RUNs. */
function smallRuns(bytes: number, round: number): string {
  const parts = ['FROM python:3.12\n'];
  let length = parts[0]!.length;
  for (let n = round * 1_000_000; length < bytes; n++) {
    const line = `RUN pip install --no-cache-dir mod${n}==1.${n} && curl -fsSL https://example.com/${n} -o /tmp/${n}\n`;
    parts.push(line);
    length += line.length;
  }
  return parts.join('');
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function time(run: (round: number) => unknown): number {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    run(round);
    times.push(performance.now() - start);
  }
  return median(times);
}

/** The text with one character typed on the line `fraction` of the way down. */
function typed(text: string, fraction: number): string {
  const lines = text.split('\n');
  const line = Math.floor(lines.length * fraction);
  lines[line] = lines[line]!.replace(/\S/, '$&x');
  return lines.join('\n');
}

let shapeRound = 0;

it.each([
  ['one long stage', (round: number) => stagesOf(MB, Number.POSITIVE_INFINITY, round)],
  ['many small stages', (round: number) => stagesOf(MB, 1, round)],
  ['one 10,000-line RUN', longRun],
  ['many one-line RUNs', (round: number) => smallRuns(MB, round)],
])('lints a 1 MB Dockerfile with %s', (_shape, dockerfile) => {
  // Rounds of every shape apart, so that no shape finds another's instructions already read.
  const base = (shapeRound += 10);
  const texts = Array.from({ length: ROUNDS }, (_, round) => dockerfile(base + round));
  const text = texts[0]!;
  const analyze = time(() => analyzeDockerfile(text));
  const source = time(() => readDockerfileSource(text));
  const cold = time((round) => lintDockerfile(texts[round]!));
  let current = texts.at(-1)!;
  const keystroke = time((round) => {
    current = typed(current, (round + 1) / (ROUNDS + 1));
    return lintDockerfile(current);
  });
  const diagnostics = lintDockerfile(text);
  expect(diagnostics.length).toBeGreaterThan(0);
  console.log(
    `${(text.length / MB).toFixed(2)} MB, ${text.split('\n').length} lines: analyze ${analyze.toFixed(0)} ms, ` +
      `read source ${source.toFixed(0)} ms, lint cold ${cold.toFixed(0)} ms, after a keystroke ` +
      `${keystroke.toFixed(0)} ms (goal < 1000 ms), ${diagnostics.length} diagnostics`,
  );
});
