import { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import type { EventPayloads } from '../../../../src/shared/api';
import { ok } from '../../../../src/shared/result';
import type { EngineConnection } from '../../../../src/main/engine/engine-connection';
import type { RequestPage } from '../../../../src/main/request-page';
import type { EngineTerminal } from '../../../../src/main/terminal/engine-terminal';
import { PAUSE_AT_BYTES } from '../../../../src/main/terminal/output-gate';
import { createTerminalSessions } from '../../../../src/main/terminal/terminal-sessions';

/** A stand-in for the engine's hijacked stream: what the page types lands in `written`. */
class FakeStream extends Duplex {
  written: Buffer[] = [];
  override _read(): void {}
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.written.push(chunk);
    done();
  }
}

const connection = { client: () => ({}) as Docker } as unknown as EngineConnection;

function page(id: string) {
  const events: EventPayloads['terminal:event'][] = [];
  const gone: (() => void)[] = [];
  const value: RequestPage = {
    id,
    emit: (event, payload) => {
      if (event === 'terminal:event') events.push(payload as EventPayloads['terminal:event']);
    },
    onGone: (listener) => gone.push(listener),
  };
  return { page: value, events, goAway: () => gone.forEach((listener) => listener()) };
}

function rig() {
  const streams: FakeStream[] = [];
  const resizes: [number, number][] = [];
  let hangUps = 0;
  const engine = async (): Promise<ReturnType<typeof ok<EngineTerminal>>> => {
    const stream = new FakeStream();
    streams.push(stream);
    return ok({
      stream,
      command: ['/bin/sh'],
      resize: async (cols: number, rows: number) => {
        resizes.push([cols, rows]);
      },
      ended: async () => ({ exitCode: 0, message: 'The shell exited with code 0.' }),
      hangUp: async () => {
        hangUps++;
      },
    });
  };
  const sessions = createTerminalSessions({ connection, engine: { exec: engine, attach: engine } });
  const open = async (owner: RequestPage) => {
    const opened = await sessions.open(owner, {
      containerId: 'c1',
      command: null,
      user: null,
      workdir: null,
      cols: 80,
      rows: 24,
    });
    if (!opened.ok) throw new Error(opened.error.message);
    return { id: opened.value.sessionId, stream: streams.at(-1)! };
  };
  return { sessions, open, resizes, hangUps: () => hangUps };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('createTerminalSessions', () => {
  it('sends output only to the page that opened the session, bytes intact', async () => {
    const { open } = rig();
    const owner = page('a');
    const other = page('b');
    const { id, stream } = await open(owner.page);
    // "é" split across two chunks must come out as the same bytes.
    stream.push(Buffer.from([0x68, 0xc3]));
    stream.push(Buffer.from([0xa9]));
    await tick();
    const bytes = Buffer.concat(
      owner.events.map(({ event }) =>
        event.kind === 'output' ? Buffer.from(event.data, 'base64') : Buffer.of(),
      ),
    );
    expect(bytes.toString('utf8')).toBe('hé');
    expect(owner.events.every((event) => event.sessionId === id)).toBe(true);
    expect(other.events).toEqual([]);
  });

  it('takes input, resizes and closing only from the owning page', async () => {
    const { sessions, open, resizes } = rig();
    const owner = page('a');
    const other = page('b');
    const { id, stream } = await open(owner.page);
    expect(sessions.input(other.page, id, 'rm -rf /\r').ok).toBe(false);
    expect((await sessions.resize(other.page, id, 10, 10)).ok).toBe(false);
    expect(sessions.close(other.page, id).ok).toBe(false);
    expect(sessions.input(owner.page, id, 'ls\r').ok).toBe(true);
    expect((await sessions.resize(owner.page, id, 100, 40)).ok).toBe(true);
    await tick();
    expect(Buffer.concat(stream.written).toString()).toBe('ls\r');
    expect(resizes).toEqual([[100, 40]]);
    expect(sessions.count()).toBe(1);
  });

  it('ends every session of a page that goes away, and only those', async () => {
    const { sessions, open, hangUps } = rig();
    const a = page('a');
    const b = page('b');
    const first = await open(a.page);
    await open(a.page);
    await open(b.page);
    a.goAway();
    expect(sessions.count()).toBe(1);
    expect(first.stream.destroyed).toBe(true);
    expect(hangUps()).toBe(2);
    expect(sessions.input(a.page, first.id, 'x').ok).toBe(false);
  });

  it('tells the page when the process ends, once, with no hangup owed', async () => {
    const { sessions, open, hangUps } = rig();
    const owner = page('a');
    const { stream } = await open(owner.page);
    stream.push(null);
    stream.resume();
    await tick();
    await tick();
    expect(owner.events.filter(({ event }) => event.kind === 'exited').map(({ event }) => event)).toEqual([
      { kind: 'exited', exitCode: 0, message: 'The shell exited with code 0.' },
    ]);
    expect(sessions.count()).toBe(0);
    expect(hangUps()).toBe(0);
  });

  it('sends no exit news for a session the page closed itself', async () => {
    const { sessions, open } = rig();
    const owner = page('a');
    const { id } = await open(owner.page);
    expect(sessions.close(owner.page, id).ok).toBe(true);
    await tick();
    expect(owner.events).toEqual([]);
  });

  it('pauses the engine stream while the page has too much unacknowledged output, and resumes on ack', async () => {
    const { sessions, open } = rig();
    const owner = page('a');
    const { id, stream } = await open(owner.page);
    const chunk = Buffer.alloc(32 * 1024, 0x61);
    for (let sent = 0; sent < PAUSE_AT_BYTES; sent += chunk.length) stream.push(chunk);
    await tick();
    expect(stream.isPaused()).toBe(true);
    stream.push(chunk);
    await tick();
    const received = owner.events.reduce(
      (sum, { event }) => sum + (event.kind === 'output' ? event.bytes : 0),
      0,
    );
    expect(received).toBe(PAUSE_AT_BYTES);
    expect(sessions.ack(owner.page, id, received).ok).toBe(true);
    expect(stream.isPaused()).toBe(false);
    await tick();
    const after = owner.events.reduce(
      (sum, { event }) => sum + (event.kind === 'output' ? event.bytes : 0),
      0,
    );
    expect(after).toBe(PAUSE_AT_BYTES + chunk.length);
    expect(sessions.peakOutstanding()).toBe(PAUSE_AT_BYTES);
  });
});
