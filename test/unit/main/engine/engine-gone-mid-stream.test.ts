import { afterEach, describe, expect, it } from 'vitest';
import type Docker from 'dockerode';
import type { EngineConnection } from '../../../../src/main/engine/engine-connection';
import type { EventChannel, EventPayloads } from '../../../../src/shared/api';
import { createPullRunner } from '../../../../src/main/pull/pull-runner';
import { createPushRunner } from '../../../../src/main/push/push-runner';
import { createOperations } from '../../../../src/main/operations/operations';
import { createContainerRunner } from '../../../../src/main/run/container-runner';
import { startStubEngine, type StubEngine } from '../../support/stub-engine';

/** Only `client()` matters to the runners; the stub engine is always "connected". */
function connectionTo(docker: Docker): EngineConnection {
  return { client: () => docker } as Partial<EngineConnection> as EngineConnection;
}

function recorder() {
  const events: { event: EventChannel; payload: unknown }[] = [];
  const emit = <E extends EventChannel>(event: E, payload: EventPayloads[E]): void => {
    events.push({ event, payload });
  };
  return { events, emit };
}

describe('the engine going away mid-stream', () => {
  let engine: StubEngine | null = null;
  afterEach(async () => {
    await engine?.close();
    engine = null;
  });

  it('fails a push saying the engine went away, not the registry', async () => {
    engine = await startStubEngine({
      status: 200,
      thenDie: true,
      body: [
        { status: 'The push refers to repository [127.0.0.1:5000/team/app]' },
        { status: 'Preparing', progressDetail: {}, id: 'aaa' },
        { status: 'Pushing', progressDetail: { current: 512, total: 4096 }, id: 'aaa' },
      ],
    });
    const { events, emit } = recorder();
    const pushes = createPushRunner({
      operations: createOperations({ connection: connectionTo(engine.docker) }),
      emit,
      authFor: async () => null,
    });
    const started = await pushes.start({ reference: '127.0.0.1:5000/team/app:1', allTags: false });
    if (!started.ok) throw new Error(started.error.message);
    await pushes.settled(started.value.id);
    const pushEvents = events.map((e) => (e.payload as { event: { kind: string } }).event);
    expect(pushEvents.some((e) => e.kind === 'layer')).toBe(true);
    expect(pushEvents.at(-1)).toEqual({
      kind: 'finished',
      status: 'failed',
      error: {
        reason: 'engine-gone',
        registry: '127.0.0.1:5000',
        message: expect.stringMatching(/^The Docker engine went away during the push \(.+\)\. Push again/),
      },
    });
    expect(engine.requests).toEqual(['POST /images/127.0.0.1:5000/team/app/push?tag=1']);
  });

  it('fails a pull saying the engine went away', async () => {
    engine = await startStubEngine({
      status: 200,
      thenDie: true,
      body: [
        { status: 'Pulling from team/app', id: '1' },
        { status: 'Downloading', progressDetail: { current: 100, total: 1000 }, id: 'bbb' },
      ],
    });
    const { events, emit } = recorder();
    const pulls = createPullRunner({
      operations: createOperations({ connection: connectionTo(engine.docker) }),
      emit,
      authFor: async () => null,
    });
    const started = await pulls.start('127.0.0.1:5000/team/app:1');
    if (!started.ok) throw new Error(started.error.message);
    await pulls.settled(started.value.id);
    const last = (events.at(-1)?.payload as { event: unknown }).event;
    expect(last).toEqual({
      kind: 'finished',
      status: 'failed',
      message: expect.stringMatching(/^The Docker engine went away during the pull \(.+\)\. Pull again/),
    });
  });
});

describe('the engine going away while a container is watched', () => {
  let engine: StubEngine | null = null;
  afterEach(async () => {
    await engine?.close();
    engine = null;
  });

  it('says its state is unknown instead of leaving it "running"', async () => {
    engine = await startStubEngine(({ method, url }) => {
      if (method === 'GET' && url.startsWith('/containers/abc/json'))
        return {
          status: 200,
          body: {
            Id: 'abc',
            Config: { Tty: false },
            State: { Running: true, Status: 'running', ExitCode: 0 },
          },
        };
      // The logs stream and the wait for its exit both lose the engine.
      return { status: 200, body: [], thenDie: true };
    });
    const { events, emit } = recorder();
    const containers = createContainerRunner({ connection: connectionTo(engine.docker), emit });
    const followed = await containers.follow('abc');
    expect(followed).toEqual({ ok: true, value: null });
    await expect
      .poll(() => events.map((e) => (e.payload as { event: { state?: string } }).event.state).filter(Boolean))
      .toEqual(['running', 'unknown']);
    expect((events.at(-1)?.payload as { id: string; event: unknown }).event).toEqual({
      kind: 'state',
      state: 'unknown',
      exitCode: null,
      error: expect.stringMatching(
        /^Lost the Docker engine while watching this container \(.+\)\. Open it again/,
      ),
    });
    expect(engine.requests.some((request) => request.startsWith('POST /containers/abc/wait'))).toBe(true);
    containers.dispose();
  });
});
