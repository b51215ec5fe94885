/**
 * Issue #18: terminals into containers on the real engine, through the handler table — typing,
 * resizing, Ctrl-C, the container going away, a 20 MB flood under flow control, and sessions
 * being their page's alone.
 */
import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TerminalEvent } from '../../src/shared/terminal';
import type { RequestPage } from '../../src/main/request-page';
import { MAX_OUTSTANDING_BYTES, PAUSE_AT_BYTES } from '../../src/main/terminal/output-gate';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_LABEL, TEST_PREFIX } from '../support/rig-info';
import { rigDocker } from '../support/test-images';

const rig = inject('rig');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Plays the page for one session: reads its events from the recorded ones and acknowledges output. */
class PageReader {
  private cursor = 0;
  private chunks: Buffer[] = [];
  received = 0;
  acked = 0;
  /** The most output the reader ever held unacknowledged. */
  mostUnacked = 0;
  exited: Extract<TerminalEvent, { kind: 'exited' }> | null = null;
  /** The last bytes received, for markers when the whole output is too big to keep. */
  tail = '';

  constructor(
    private readonly app: TestServices,
    readonly sessionId: string,
    private readonly keep = true,
  ) {}

  private read(): void {
    for (; this.cursor < this.app.events.length; this.cursor++) {
      const { event, payload } = this.app.events[this.cursor]!;
      if (event !== 'terminal:event') continue;
      const message = payload as { sessionId: string; event: TerminalEvent };
      if (message.sessionId !== this.sessionId) continue;
      if (message.event.kind === 'exited') this.exited = message.event;
      else {
        const bytes = Buffer.from(message.event.data, 'base64');
        expect(bytes.length).toBe(message.event.bytes);
        this.received += bytes.length;
        this.mostUnacked = Math.max(this.mostUnacked, this.received - this.acked);
        if (this.keep) this.chunks.push(bytes);
        this.tail = (this.tail + bytes.toString('latin1')).slice(-200);
      }
    }
  }

  bytes(): Buffer {
    this.read();
    return Buffer.concat(this.chunks);
  }

  text(): string {
    return this.bytes().toString('utf8');
  }

  /**
   * Waits until `done` holds, acknowledging output only once `ackAt` bytes are unacknowledged (a
   * slow page). The test's own timeout bounds the wait.
   */
  async until(done: (reader: this) => boolean, ackAt = 1): Promise<void> {
    for (;;) {
      this.read();
      if (done(this)) return;
      if (this.received - this.acked >= ackAt) {
        const bytes = this.received - this.acked;
        this.acked = this.received;
        const acked = await this.app.call('terminal:ack', { sessionId: this.sessionId, bytes });
        // Output that arrived just before the process ended is acknowledged to a session that has gone.
        if (!acked.ok) expect(acked.error.code).toBe('NOT_FOUND');
      } else await pause(10);
    }
  }

  async type(data: string): Promise<void> {
    await this.app.value('terminal:input', { sessionId: this.sessionId, data });
  }
}

describe('terminals into containers on a real engine', () => {
  let app: TestServices;
  let docker: Docker;
  const created: string[] = [];

  /** A running busybox container that sleeps until removed. */
  const startContainer = async (): Promise<string> => {
    const container = await docker.createContainer({
      name: `${TEST_PREFIX}-terminal-${randomUUID().slice(0, 8)}`,
      Image: rig.baseImage,
      Cmd: ['sleep', '3600'],
      Labels: { [TEST_LABEL]: '1' },
    });
    created.push(container.id);
    await container.start();
    return container.id;
  };

  const open = async (containerId: string, size = { cols: 80, rows: 24 }): Promise<PageReader> => {
    const { sessionId } = await app.value('terminal:open', { containerId, ...size });
    return new PageReader(app, sessionId);
  };

  beforeAll(async () => {
    docker = rigDocker(rig.dockerHost);
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
  });
  afterAll(async () => {
    for (const id of created)
      await docker
        .getContainer(id)
        .remove({ force: true })
        .catch(() => undefined);
    app.dispose();
  });

  it('opens the image’s shell, runs what is typed, and reports the exit', async () => {
    const id = await startContainer();
    const opened = await app.value('terminal:open', { containerId: id, cols: 80, rows: 24 });
    // busybox has no bash: the shell picked is sh.
    expect(opened.command).toEqual(['/bin/sh']);
    const terminal = new PageReader(app, opened.sessionId);
    await terminal.type('echo hi; exit\r');
    await terminal.until((reader) => reader.exited !== null);
    expect(terminal.text()).toMatch(/\r\nhi\r\n/);
    expect(terminal.exited).toEqual({
      kind: 'exited',
      exitCode: 0,
      message: 'The shell exited with code 0.',
    });
    expect(app.services.terminals.count()).toBe(0);
  });

  it('gives the process the terminal size, and follows a resize', async () => {
    const terminal = await open(await startContainer());
    await terminal.type('stty size\r');
    await terminal.until((reader) => reader.text().includes('24 80\r\n'));
    await app.value('terminal:resize', { sessionId: terminal.sessionId, cols: 132, rows: 43 });
    await terminal.type('stty size\r');
    await terminal.until((reader) => reader.text().includes('43 132\r\n'));
    await app.value('terminal:close', { sessionId: terminal.sessionId });
  });

  it('delivers Ctrl-C to the running program', async () => {
    const id = await startContainer();
    const terminal = await open(id);
    await terminal.type('sleep 100\r');
    // Ctrl-C only reaches sleep once it runs: wait until the engine lists it.
    await expect
      .poll(
        async () => {
          const top = (await docker.getContainer(id).top()) as { Processes: string[][] };
          return top.Processes.some((row) => row.join(' ').includes('sleep 100'));
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await terminal.type('\x03');
    await terminal.type('echo "after:$?"\r');
    await terminal.until((reader) => reader.text().includes('after:130\r\n'));
    await app.value('terminal:close', { sessionId: terminal.sessionId });
  });

  it('ends the session with a message when the container is removed', async () => {
    const id = await startContainer();
    const terminal = await open(id);
    await terminal.type('echo ready\r');
    await terminal.until((reader) => reader.text().includes('\r\nready\r\n'));
    await docker.getContainer(id).remove({ force: true });
    await terminal.until((reader) => reader.exited !== null);
    expect(terminal.exited?.message).toMatch(
      /^The container (was removed|stopped); this terminal has ended\.$/,
    );
    expect(app.services.terminals.count()).toBe(0);
    expect(await app.call('terminal:input', { sessionId: terminal.sessionId, data: 'ls\r' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('streams 20 MB of output to a slow page without main holding more than its bound', async () => {
    const { sessionId } = await app.value('terminal:open', {
      containerId: await startContainer(),
      cols: 80,
      rows: 24,
    });
    const terminal = new PageReader(app, sessionId, false);
    // `yes` floods as fast as the pipe takes it; the marker comes after the last byte.
    await terminal.type(
      'yes 0123456789abcdefghijklmnopqrstuvwxyz | head -c 20000000; echo; echo FLOOD-$((6*7)); exit\r',
    );
    // The page acknowledges only once main would have paused: flow control must engage, or this never ends.
    await terminal.until((reader) => reader.exited !== null, PAUSE_AT_BYTES);
    expect(terminal.tail).toContain('FLOOD-42');
    expect(terminal.received).toBeGreaterThan(20_000_000);
    expect(terminal.mostUnacked).toBeGreaterThanOrEqual(PAUSE_AT_BYTES);
    expect(terminal.mostUnacked).toBeLessThanOrEqual(MAX_OUTSTANDING_BYTES);
    expect(app.services.terminals.peakOutstanding()).toBeLessThanOrEqual(MAX_OUTSTANDING_BYTES);
    expect(terminal.exited?.exitCode).toBe(0);
  }, 120_000);

  it('takes input and closing only from the page that opened the session, and ends it with that page', async () => {
    const id = await startContainer();
    const gone: (() => void)[] = [];
    const owner: RequestPage = {
      id: 'owner-page',
      emit: (event, payload) => app.events.push({ event, payload }),
      onGone: (listener) => gone.push(listener),
    };
    const stranger: RequestPage = { id: 'stranger-page', emit: () => {}, onGone: () => {} };
    const opened = await app.services.dispatch(
      'terminal:open',
      { containerId: id, cols: 80, rows: 24 },
      undefined,
      owner,
    );
    if (!opened.ok) throw new Error(opened.error.message);
    const { sessionId } = opened.value as { sessionId: string };
    for (const [channel, input] of [
      ['terminal:input', { sessionId, data: 'touch /owned\r' }],
      ['terminal:resize', { sessionId, cols: 10, rows: 10 }],
      ['terminal:ack', { sessionId, bytes: 10 }],
      ['terminal:close', { sessionId }],
    ] as const) {
      expect(await app.services.dispatch(channel, input, undefined, stranger)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
    expect(app.services.terminals.count()).toBe(1);
    gone.forEach((listener) => listener());
    expect(app.services.terminals.count()).toBe(0);
    // The exec'd shell got its hangup: nothing of it is left in the container.
    await expect
      .poll(
        async () => ((await docker.getContainer(id).top()) as { Processes: string[][] }).Processes.length,
        {
          timeout: 20_000,
        },
      )
      .toBe(1);
  });

  it('runs the command asked for, as the user and in the folder asked for', async () => {
    const opened = await app.value('terminal:open', {
      containerId: await startContainer(),
      command: ['sh', '-c', 'echo "uid=$(id -u) gid=$(id -g) in $(pwd)"'],
      user: '1234:5678',
      workdir: '/bin',
      cols: 80,
      rows: 24,
    });
    expect(opened.command).toEqual(['sh', '-c', 'echo "uid=$(id -u) gid=$(id -g) in $(pwd)"']);
    const terminal = new PageReader(app, opened.sessionId);
    await terminal.until((reader) => reader.exited !== null);
    expect(terminal.text()).toBe('uid=1234 gid=5678 in /bin\r\n');
    expect(terminal.exited?.exitCode).toBe(0);
  });

  it('passes output bytes through untouched: colours, UTF-8, bytes that are no text', async () => {
    const opened = await app.value('terminal:open', {
      containerId: await startContainer(),
      // \033[31m red, é as two bytes, then a lone 0xff; the TTY turns the final \n into \r\n.
      command: ['printf', '\\033[31mred\\033[0m h\\303\\251 \\377\\n'],
      cols: 80,
      rows: 24,
    });
    const terminal = new PageReader(app, opened.sessionId);
    await terminal.until((reader) => reader.exited !== null);
    expect(terminal.bytes()).toEqual(
      Buffer.concat([Buffer.from('\x1b[31mred\x1b[0m h\u00e9 ', 'utf8'), Buffer.from([0xff, 0x0d, 0x0a])]),
    );
  });

  it('refuses a container that is not running, and one that does not exist', async () => {
    const container = await docker.createContainer({
      name: `${TEST_PREFIX}-terminal-${randomUUID().slice(0, 8)}`,
      Image: rig.baseImage,
      Cmd: ['sleep', '3600'],
      Labels: { [TEST_LABEL]: '1' },
    });
    created.push(container.id);
    expect(await app.call('terminal:open', { containerId: container.id, cols: 80, rows: 24 })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(
      await app.call('terminal:open', {
        containerId: `${TEST_PREFIX}-no-such-container`,
        cols: 80,
        rows: 24,
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
