/**
 * The build fold on real recorded streams (test/unit/fixtures/build-streams: dockerd 20.10, and its
 * docker-26.1 folder: Docker 26.1 with BuildKit 0.13; see test/support/record-build-stream.ts and failed-build-scenarios.ts for the Dockerfiles)
 * and on the cases the recordings do not hold (caps, cancel, warnings).
 */
import { describe, expect, it } from 'vitest';
import type { BuildStep, BuildUpdate } from '../../../../src/shared/builds/build-model';
import type { BuildEvent, BuildSummary } from '../../../../src/shared/builds/build-record';
import { createBuildKitParser } from '../../../../src/shared/builds/parse-buildkit-status';
import { createClassicBuildParser } from '../../../../src/shared/builds/parse-classic-build';
import { analyzeDockerfile } from '../../../../src/shared/dockerfile/analyze-dockerfile';
import { normalizeBuildMessage } from '../../../../src/main/builds/decode-buildkit-trace';
import {
  applyBuildEvent,
  buildFold,
  buildProgress,
  buildRecord,
  buildStateOfRecord,
  endedBuildSummary,
  initialBuildState,
  STEP_LOG_LINES,
  type BuildState,
} from '../../../../src/shared/operations/fold-build';
import { logLines, logText } from '../../../../src/shared/operations/log-lines';
import {
  FIXTURE_ENGINE_NAMES,
  buildStreamScenario,
  readBuildStreamFixture,
  type FixtureEngine,
} from '../../../support/record-build-stream';
import { failedBuildScenario } from '../../../support/failed-build-scenarios';

function summary(builder: BuildSummary['builder'] = 'buildkit'): BuildSummary {
  return {
    id: 'b1',
    request: {
      contextDir: '/ctx',
      dockerfile: null,
      tags: ['app:1'],
      buildArgs: {},
      target: null,
      noCache: false,
      pull: false,
      platform: null,
      labels: {},
      builder: 'auto',
    },
    dockerfilePath: '/ctx/Dockerfile',
    builder,
    status: 'running',
    startedAt: 1,
    endedAt: null,
    imageId: null,
    imageSizeBytes: null,
    error: null,
    stepCount: 0,
    cachedSteps: 0,
  };
}

/** A recording's updates as main's parser makes them, in order. */
function recordedUpdates(
  fixture: string,
  dockerfile: string,
  builder: 'classic' | 'buildkit',
  engine: FixtureEngine,
): BuildUpdate[] {
  const analysis = analyzeDockerfile(dockerfile);
  const parser =
    builder === 'buildkit'
      ? createBuildKitParser(analysis, () => 0)
      : createClassicBuildParser(analysis, () => 0);
  return readBuildStreamFixture(fixture, engine).flatMap((message) =>
    parser.push(normalizeBuildMessage(message)),
  );
}

/** Everything main sends for a recorded build, `finished` included, and the state it folded. */
function foldRecording(
  fixture: string,
  dockerfile: string,
  builder: 'classic' | 'buildkit',
  engine: FixtureEngine,
) {
  const events: BuildEvent[] = [{ kind: 'started', summary: summary(builder) }];
  let state = initialBuildState(summary(builder));
  for (const update of recordedUpdates(fixture, dockerfile, builder, engine)) {
    state = applyBuildEvent(state, update);
    events.push(update);
  }
  const ended = endedBuildSummary(state, {
    status: state.error ? 'failed' : 'succeeded',
    error: state.error,
    endedAt: 100,
    imageSizeBytes: null,
  });
  events.push({ kind: 'finished', summary: ended });
  return { events, state: applyBuildEvent(state, { kind: 'finished', summary: ended }) };
}

/** The renderer's way: open at the first event, fold the rest. */
function foldLive(events: BuildEvent[]): BuildState {
  let state: BuildState | null = null;
  for (const event of events)
    state = state ? buildFold.apply(state, event, 0) : buildFold.start('b1', event, 0);
  return state!;
}

const step = (id: string, status: BuildStep['status'], extra: Partial<BuildStep> = {}): BuildStep => ({
  id,
  index: null,
  total: null,
  stage: null,
  instruction: `RUN ${id}`,
  line: null,
  status,
  startedAt: null,
  endedAt: null,
  internal: false,
  error: null,
  ...extra,
});

describe.each(FIXTURE_ENGINE_NAMES)('applyBuildEvent on builds recorded from %s', (engine) => {
  it.each([
    // The recording adds a LABEL, which classic counts as a step and BuildKit folds into the image.
    ['classic-simple', 'classic', 5],
    ['buildkit-simple', 'buildkit', 4],
  ] as const)(
    '%s: every step done, output in whole lines, the raw log as sent',
    (fixture, builder, count) => {
      const { dockerfile } = buildStreamScenario(fixture);
      const { events, state } = foldRecording(fixture, dockerfile, builder, engine);
      expect(state.summary.status).toBe('succeeded');
      expect(state.summary.imageId).toMatch(/^sha256:/);
      const instructions = state.steps.filter((candidate) => !candidate.internal);
      // BuildKit takes the local base image from its cache.
      expect(instructions.every((candidate) => ['done', 'cached'].includes(candidate.status))).toBe(true);
      const lines = Object.values(state.stepLogs).flat();
      expect(lines).toContain('héllo ✓ from step three');
      // Printed without a line break: classic runs the builder's next line on after it, as the CLI shows it.
      expect(lines.some((line) => line.startsWith('no final newline'))).toBe(true);
      const sent = events.flatMap((event) => (event.kind === 'log' ? [event.text] : [])).join('');
      expect(logText(state.log)).toBe(sent);
      expect(buildProgress(state.steps)).toMatchObject({ count, total: count, ran: count });
      expect(state.summary.stepCount).toBe(count);
    },
  );

  it('buildkit-simple-cached: counts the steps that came from the cache', () => {
    const { dockerfile } = buildStreamScenario('buildkit-simple-cached');
    const { state } = foldRecording('buildkit-simple-cached', dockerfile, 'buildkit', engine);
    expect(state.summary.cachedSteps).toBeGreaterThan(0);
    expect(buildProgress(state.steps).cached).toBe(state.summary.cachedSteps);
  });

  it.each([
    // Classic announces a step when it starts it, so the one after the failure never appears.
    ['classic-failing-run', 'classic', undefined, { count: 3, total: 5, ran: 3, cached: 0 }],
    ['buildkit-failing-run', 'buildkit', 'not-run', { count: 4, total: 4, ran: 3, cached: 1 }],
  ] as const)(
    '%s: the failing step, the one never run, and the error in words',
    (fixture, builder, after, progress) => {
      const { dockerfile } = buildStreamScenario(fixture);
      const { state } = foldRecording(fixture, dockerfile, builder, engine);
      expect(state.summary.status).toBe('failed');
      expect(state.summary.error).toMatchObject({ line: 3, explanation: expect.any(String) });
      const byLine = (line: number) => state.steps.find((candidate) => candidate.line === line)?.status;
      expect(byLine(3)).toBe('error');
      expect(byLine(4)).toBe(after);
      expect(logText(state.log)).toContain('ERROR: ');
      expect(buildProgress(state.steps)).toEqual(progress);
      expect(state.summary).toMatchObject({ stepCount: progress.count, cachedSteps: progress.cached });
    },
  );

  it.each([
    ['failed-classic-apt-missing-package', 'classic-apt-missing-package', 'classic'],
    ['failed-buildkit-apt-missing-package', 'buildkit-apt-missing-package', 'buildkit'],
  ] as const)('%s: apt’s error joined into one line and explained from it', (fixture, scenario, builder) => {
    const { dockerfile } = failedBuildScenario(scenario);
    const { state } = foldRecording(fixture, dockerfile, builder, engine);
    const failed = state.steps.find((candidate) => candidate.status === 'error')!;
    expect(state.stepLogs[failed.id]).toContain('E: Unable to locate package nosuchpackage');
    expect(state.summary.error?.explanation).toMatch(/nosuchpackage/);
  });

  it.each([
    'buildkit-simple',
    'buildkit-failing-run',
    'buildkit-parallel-stages',
    'buildkit-multi-stage-target',
  ])(
    '%s: keeps the instruction steps in Dockerfile order, whatever order BuildKit sent them in',
    (fixture) => {
      const { dockerfile } = buildStreamScenario(fixture);
      const { state } = foldRecording(fixture, dockerfile, 'buildkit', engine);
      const lines = state.steps.flatMap((candidate) => (candidate.line === null ? [] : [candidate.line]));
      expect(lines.length).toBeGreaterThan(2);
      expect(lines).toEqual([...lines].sort((a, b) => a - b));
    },
  );

  it('failed-buildkit-apt-missing-package: lists the steps after the failure as not run, in Dockerfile order', () => {
    const { dockerfile } = failedBuildScenario('buildkit-apt-missing-package');
    const { state } = foldRecording('failed-buildkit-apt-missing-package', dockerfile, 'buildkit', engine);
    const notRun = state.steps.filter((candidate) => candidate.status === 'not-run');
    expect(notRun.map((candidate) => candidate.instruction)).toEqual([
      'COPY app.txt /app/app.txt',
      'WORKDIR /app',
    ]);
  });

  it('folds the same way live and for the record, from the same events', () => {
    const { dockerfile } = buildStreamScenario('buildkit-failing-run');
    const { events, state } = foldRecording('buildkit-failing-run', dockerfile, 'buildkit', engine);
    const live = foldLive(events);
    const record = buildRecord(state, dockerfile);
    expect(live.steps).toEqual(record.steps);
    expect(live.stepLogs).toEqual(record.stepLogs);
    expect(logText(live.log)).toBe(record.log);
    const { steps: _steps, stepLogs: _logs, warnings, dockerfileText: _text, log: _log, ...saved } = record;
    expect(live.summary).toEqual(saved);
    expect(live.warnings).toEqual(warnings);
    expect(record.dockerfileText).toBe(dockerfile);
  });
});

describe('applyBuildEvent', () => {
  const started = initialBuildState(summary());

  it('keeps the last 500 lines of a step, and every line in the raw log', () => {
    let state = applyBuildEvent(started, { kind: 'step', step: step('s1', 'running') });
    for (let line = 1; line <= 600; line++)
      state = applyBuildEvent(state, { kind: 'log', stepId: 's1', text: `line ${line}\n` });
    expect(STEP_LOG_LINES).toBe(500);
    expect(state.stepLogs['s1']).toHaveLength(500);
    expect(state.stepLogs['s1']![0]).toBe('line 101');
    expect(logLines(state.log)).toHaveLength(600);
  });

  it('leaves the state it was given as it was, even when two events are folded into it', () => {
    const base = applyBuildEvent(started, { kind: 'log', stepId: null, text: 'one\n' });
    const left = applyBuildEvent(base, { kind: 'log', stepId: null, text: 'left\n' });
    const right = applyBuildEvent(base, { kind: 'log', stepId: null, text: 'right\n' });
    expect(logLines(base.log)).toEqual(['one']);
    expect(logLines(left.log)).toEqual(['one', 'left']);
    expect(logLines(right.log)).toEqual(['one', 'right']);
  });

  it('writes warnings and errors into the raw log, keeping the first error', () => {
    const warning = { message: 'JSON arguments recommended', detail: [], line: 4, url: null };
    let state = applyBuildEvent(started, { kind: 'warning', warning });
    state = applyBuildEvent(state, { kind: 'error', message: 'first', line: 2, stepId: null });
    state = applyBuildEvent(state, { kind: 'error', message: 'second', line: 3, stepId: null });
    expect(state.warnings).toEqual([warning]);
    expect(state.error).toEqual({ message: 'first', line: 2 });
    expect(logText(state.log)).toBe('WARNING: JSON arguments recommended\nERROR: first\nERROR: second\n');
  });

  it('closes the steps of a cancelled build and says so at the end of the log', () => {
    let state = applyBuildEvent(started, { kind: 'step', step: step('s1', 'done') });
    state = applyBuildEvent(state, { kind: 'step', step: step('s2', 'running') });
    state = applyBuildEvent(state, { kind: 'step', step: step('s3', 'queued') });
    state = applyBuildEvent(state, { kind: 'log', stepId: 's2', text: 'half a line' });
    const ended = endedBuildSummary(state, {
      status: 'cancelled',
      error: null,
      endedAt: 9,
      imageSizeBytes: null,
    });
    state = applyBuildEvent(state, { kind: 'finished', summary: ended });
    expect(state.steps.map((candidate) => candidate.status)).toEqual(['done', 'cancelled', 'not-run']);
    expect(state.stepLogs['s2']).toEqual(['half a line']);
    expect(logText(state.log)).toBe('half a lineBuild cancelled.\n');
    expect(ended).toMatchObject({ status: 'cancelled', endedAt: 9, stepCount: 3, error: null });
  });

  it('keeps context progress and the image id', () => {
    let state = applyBuildEvent(started, { kind: 'context', sentBytes: 5, totalBytes: 10 });
    state = applyBuildEvent(state, { kind: 'image', imageId: 'sha256:abc' });
    expect(state.context).toEqual({ sentBytes: 5, totalBytes: 10 });
    expect(state.summary.imageId).toBe('sha256:abc');
  });

  it('keeps how the context went, into the summary the build ends with', () => {
    let state = applyBuildEvent(started, { kind: 'transfer', transfer: 'session' });
    state = applyBuildEvent(state, { kind: 'context', sentBytes: 12, totalBytes: 400, files: 2 });
    expect(state.context).toEqual({ sentBytes: 12, totalBytes: 400, files: 2 });
    expect(state.summary.contextTransfer).toBe('session');
    const ended = endedBuildSummary(state, {
      status: 'succeeded',
      error: null,
      endedAt: 5,
      imageSizeBytes: 1,
    });
    expect(ended.contextTransfer).toBe('session');
    expect(
      buildRecord(applyBuildEvent(state, { kind: 'finished', summary: ended }), '').contextTransfer,
    ).toBe('session');
  });

  it('starts over at a new started event', () => {
    const state = applyBuildEvent(started, { kind: 'log', stepId: null, text: 'old\n' });
    expect(applyBuildEvent(state, { kind: 'started', summary: summary() })).toEqual(started);
  });

  it('opens a live build only at its started event', () => {
    expect(buildFold.start('b1', { kind: 'log', stepId: null, text: 'x' }, 0)).toBeNull();
    expect(buildFold.start('b1', { kind: 'started', summary: summary() }, 0)).toEqual(started);
  });
});

describe('buildStateOfRecord', () => {
  it.each([
    ['buildkit-failing-run', 'buildkit', 'engine1'],
    ['buildkit-failing-run', 'buildkit', 'engine2'],
    ['classic-simple', 'classic', 'engine1'],
  ] as const)(
    '%s (%s, %s): a saved record reads back as the state the live build ended in',
    (fixture, builder, engine) => {
      const { dockerfile } = buildStreamScenario(fixture);
      const { events, state } = foldRecording(fixture, dockerfile, builder, engine);
      const live = foldLive(events);
      const saved = buildStateOfRecord(buildRecord(state, dockerfile));
      expect(saved.summary).toEqual(live.summary);
      expect(saved.steps).toEqual(live.steps);
      expect(saved.stepLogs).toEqual(live.stepLogs);
      expect(saved.warnings).toEqual(live.warnings);
      expect(saved.error).toEqual(live.error);
      expect(logLines(saved.log)).toEqual(logLines(live.log));
      expect(saved.log.partial).toBe(live.log.partial);
    },
  );

  it('keeps the live log when it holds the record’s log, and reads the record’s when it does not', () => {
    const { dockerfile } = buildStreamScenario('classic-simple');
    const { events, state } = foldRecording('classic-simple', dockerfile, 'classic', 'engine1');
    const live = foldLive(events);
    const record = buildRecord(state, dockerfile);
    expect(buildStateOfRecord(record, live.log).log).toBe(live.log);
    // A page that joined late folded only the end: the record's whole log is read instead.
    const late = foldLive(events.filter((event, index) => event.kind !== 'log' || index > 5));
    const saved = buildStateOfRecord(record, late.log);
    expect(saved.log).not.toBe(late.log);
    expect(logText(saved.log)).toBe(record.log);
  });

  it('explains the error of a record saved before explanations were kept, from its failing step', () => {
    const { dockerfile } = failedBuildScenario('buildkit-apt-missing-package');
    const { state } = foldRecording('failed-buildkit-apt-missing-package', dockerfile, 'buildkit', 'engine2');
    const record = buildRecord(state, dockerfile);
    const { explanation, ...unexplained } = record.error!;
    expect(explanation).toMatch(/nosuchpackage/);
    const old = buildStateOfRecord({ ...record, error: unexplained });
    expect(old.error?.explanation).toBe(explanation);
    expect(old.summary.error).toEqual(old.error);
  });

  it('keeps a log without a final line break whole', () => {
    const { log } = buildStateOfRecord({ ...buildRecord(initialBuildState(summary()), ''), log: 'a\nb' });
    expect([...logLines(log), log.partial]).toEqual(['a', 'b']);
  });
});

describe('buildProgress', () => {
  it.each([
    [[], { count: 0, total: 0, ran: 0, cached: 0 }],
    [
      [step('a', 'done'), step('b', 'running'), step('c', 'queued')],
      { count: 3, total: 3, ran: 1, cached: 0 },
    ],
    [
      [step('a', 'cached', { total: 5 }), step('b', 'error', { total: 5 })],
      { count: 2, total: 5, ran: 2, cached: 1 },
    ],
    [
      [step('i', 'done', { internal: true }), step('a', 'cancelled'), step('b', 'not-run')],
      { count: 2, total: 2, ran: 1, cached: 0 },
    ],
  ])('%# counts instructions, not internal steps', (steps, expected) => {
    expect(buildProgress(steps)).toEqual(expected);
  });
});
