import { describe, expect, it } from 'vitest';
import { closeSteps, inDockerfileOrder, type BuildStep } from '../../../../src/shared/builds/build-model';
import { createBuildKitParser } from '../../../../src/shared/builds/parse-buildkit-status';
import { analyzeDockerfile } from '../../../../src/shared/dockerfile/analyze-dockerfile';
import { APT_DOCKERFILE } from '../../../support/failed-build-scenarios';
import { readBuildStreamFixture, replayBuildStream } from '../../../support/record-build-stream';

function step(id: string, status: BuildStep['status'], error: string | null = null): BuildStep {
  return {
    id,
    index: null,
    total: null,
    stage: '0',
    instruction: `RUN ${id}`,
    line: null,
    status,
    startedAt: status === 'queued' ? null : 10,
    endedAt: ['queued', 'running'].includes(status) ? null : 20,
    internal: false,
    error,
  };
}

const statuses = (steps: BuildStep[]) => steps.map((item) => [item.id, item.status]);

describe('closeSteps', () => {
  it('says a cancelled build’s running step was cancelled and its queued ones did not run', () => {
    const closed = closeSteps(
      [step('a', 'done'), step('b', 'running'), step('c', 'queued')],
      'cancelled',
      99,
    );
    expect(statuses(closed)).toEqual([
      ['a', 'done'],
      ['b', 'cancelled'],
      ['c', 'not-run'],
    ]);
    expect(closed[1]!.endedAt).toBe(99);
    expect(closed[2]!.endedAt).toBeNull();
  });

  it('in a failed build, steps that never started did not run and steps cut short were cancelled', () => {
    const closed = closeSteps(
      [step('a', 'error', 'exit code: 100'), step('b', 'running'), step('c', 'queued')],
      'failed',
      99,
    );
    expect(statuses(closed)).toEqual([
      ['a', 'error'],
      ['b', 'cancelled'],
      ['c', 'not-run'],
    ]);
  });

  it('blames the running step when a failed build names no failed step (the engine went away)', () => {
    expect(statuses(closeSteps([step('a', 'done'), step('b', 'running')], 'failed', 99))).toEqual([
      ['a', 'done'],
      ['b', 'error'],
    ]);
  });

  it('reads BuildKit’s "context canceled" as cancelled, not failed', () => {
    const closed = closeSteps(
      [step('a', 'error', 'exit code: 1'), step('b', 'error', 'context canceled')],
      'failed',
      99,
    );
    expect(statuses(closed)).toEqual([
      ['a', 'error'],
      ['b', 'cancelled'],
    ]);
  });

  it('leaves the steps of a running build as they are', () => {
    const steps = [step('a', 'running'), step('b', 'queued')];
    expect(closeSteps(steps, 'running', 99)).toEqual(steps);
  });

  it('marks COPY and WORKDIR after BuildKit’s failed RUN (recorded, real apt) as not run', () => {
    const replay = replayBuildStream(
      createBuildKitParser(analyzeDockerfile(APT_DOCKERFILE), () => 0),
      readBuildStreamFixture('failed-buildkit-apt-missing-package'),
    );
    // BuildKit announced `[1/4] FROM` after the steps that follow it; the page shows Dockerfile order.
    const closed = inDockerfileOrder(closeSteps(replay.steps, 'failed', 99).filter((item) => !item.internal));
    expect(closed.map((item) => [item.instruction, item.status === 'cached' ? 'done' : item.status])).toEqual(
      [
        ['FROM docker.io/library/python:3.11-slim', 'done'],
        ['RUN apt-get update && apt-get install -y nosuchpackage', 'error'],
        ['COPY app.txt /app/app.txt', 'not-run'],
        ['WORKDIR /app', 'not-run'],
      ],
    );
  });
});
