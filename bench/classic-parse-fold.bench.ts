/**
 * Main's share of a 500,000-line classic build (issue #21) without an engine: the JSON stream of
 * `RUN seq 1 500000` as dockerd 20.10 sends it (output in pieces of DW_CHUNK bytes, split anywhere,
 * one `{"stream"}` message each), read line by line and parsed as main does, folded into the
 * build state, and each event serialised as the WebSocket sends it. Prints milliseconds per
 * phase (the median of DW_BENCH_ROUNDS runs); no ratio, no engine:
 * `DW_RIG=off npx vitest run --config bench/vitest.config.mts bench/classic-parse-fold.bench.ts`
 */
import { performance } from 'node:perf_hooks';
import { it } from 'vitest';
import type { BuildEvent } from '../src/shared/builds/build-record';
import { createClassicBuildParser } from '../src/shared/builds/parse-classic-build';
import { applyBuildEvent, initialBuildState, type BuildState } from '../src/shared/operations/fold-build';
import { logLineCount } from '../src/shared/operations/log-lines';

const LINES = 500_000;
const CHUNK = Number(process.env['DW_CHUNK'] ?? 4096);
const ROUNDS = Number(process.env['DW_BENCH_ROUNDS'] ?? 5);

/** The engine's answer as the lines main reads from it, before JSON.parse. */
function engineLines(): string[] {
  const stream = (text: string): string => JSON.stringify({ stream: text });
  const lines = [
    stream('Step 1/3 : FROM busybox'),
    stream('\n'),
    stream(' ---> 0123456789ab\n'),
    stream('Step 2/3 : LABEL bench=1'),
    stream('\n'),
    stream(' ---> Running in 00aa11bb22cc\n'),
    stream('Removing intermediate container 00aa11bb22cc\n'),
    stream(' ---> 1123456789ab\n'),
    stream('Step 3/3 : RUN seq 1 500000'),
    stream('\n'),
    stream(' ---> Running in 10aa11bb22cc\n'),
  ];
  let output = '';
  for (let n = 1; n <= LINES; n++) output += `${n}\n`;
  for (let at = 0; at < output.length; at += CHUNK) lines.push(stream(output.slice(at, at + CHUNK)));
  lines.push(
    stream('Removing intermediate container 10aa11bb22cc\n'),
    stream(' ---> 2123456789ab\n'),
    JSON.stringify({ aux: { ID: 'sha256:2123456789ab' } }),
    stream('Successfully built 2123456789ab\n'),
  );
  return lines;
}

function startedState(): BuildState {
  return initialBuildState({
    id: 'bench',
    builder: 'classic',
    status: 'running',
    startedAt: 0,
    endedAt: null,
    imageId: null,
    imageSizeBytes: null,
    error: null,
    stepCount: 0,
    cachedSteps: 0,
  } as unknown as Parameters<typeof initialBuildState>[0]);
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

it(`parses and folds a ${LINES.toLocaleString('en')}-line classic build in ${CHUNK}-byte pieces`, () => {
  const wire = engineLines();
  const times = { json: [] as number[], parse: [] as number[], fold: [] as number[], send: [] as number[] };
  let events = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let start = performance.now();
    const messages = wire.map((line) => JSON.parse(line) as unknown);
    times.json.push(performance.now() - start);

    const parser = createClassicBuildParser(null, () => 0);
    start = performance.now();
    const updates: BuildEvent[] = [];
    for (const message of messages) for (const update of parser.push(message)) updates.push(update);
    times.parse.push(performance.now() - start);
    events = updates.length;

    start = performance.now();
    let state = startedState();
    for (const update of updates) state = applyBuildEvent(state, update);
    times.fold.push(performance.now() - start);
    if (logLineCount(state.log) < LINES) throw new Error(`only ${logLineCount(state.log)} lines folded`);

    start = performance.now();
    let bytes = 0;
    for (const event of updates)
      bytes += JSON.stringify({ t: 'evt', event: 'build:event', payload: { id: 'bench', event } }).length;
    times.send.push(performance.now() - start);
    if (bytes === 0) throw new Error('nothing sent');
  }
  const ms = (values: number[]): string => median(values).toFixed(1).padStart(7);
  console.log(
    [
      `classic parse+fold, ${LINES.toLocaleString('en')} lines in ${wire.length} messages of ≤${CHUNK} bytes → ${events} events, median of ${ROUNDS}`,
      `JSON.parse ${ms(times.json)} ms   parse ${ms(times.parse)} ms   fold ${ms(times.fold)} ms   stringify ${ms(times.send)} ms`,
    ].join('\n'),
  );
});
