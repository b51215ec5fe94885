/**
 * Threat: a signed-in page (or anything holding its session) kills the server with one bad
 * WebSocket frame, because the socket had no 'error' listener; the app's own Dockerfile editor did
 * it by saving 600,000 "é" (issue #13, finding 2). Defence: each socket handles its own protocol
 * errors (that socket is closed with the RFC 6455 code, no other), and the size limits are one
 * fact: text fields are capped in UTF-8 bytes by the schema, and the frame limit sits above the
 * largest request those caps allow, so an oversized file is a VALIDATION answer at its field.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageSocket, rawSocket, signIn, type PageSocket, type Session } from './support/attacker';
import { bundleServe, startServerProcess, type ServerProcess } from './support/server-process';

describe('browser mode: WebSocket protocol errors and oversized requests', () => {
  let bundleDir = '';
  let server: ServerProcess;
  let session: Session;
  /** A signed-in page open through every test: nothing sent elsewhere may drop it. */
  let bystander: PageSocket;

  beforeAll(async () => {
    const bundled = await bundleServe();
    bundleDir = bundled.dir;
    server = await startServerProcess(bundled);
    session = await signIn(server.link);
    bystander = await pageSocket(server.port, session);
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(bundleDir, { recursive: true, force: true });
  });

  it.each([
    ['invalid UTF-8 in a text frame', { opcode: 0x1, payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }, 1007],
    ['a reserved opcode', { opcode: 0x3, payload: Buffer.from('{}') }, 1002],
    ['an unmasked frame', { opcode: 0x1, payload: Buffer.from('{}'), mask: false }, 1002],
    ['reserved bits set', { opcode: 0x1, payload: Buffer.from('{}'), rsv: 4 }, 1002],
    ['a fragmented ping', { opcode: 0x9, payload: Buffer.from('x'), fin: false }, 1002],
    ['a continuation with nothing to continue', { opcode: 0x0, payload: Buffer.from('x') }, 1002],
    [
      'a frame declaring 2^40 bytes',
      { opcode: 0x1, payload: Buffer.alloc(0), declaredLength: 2 ** 40 },
      1009,
    ],
  ])('closes only the socket that sent %s, with the protocol’s close code', async (_name, frame, code) => {
    const attacker = await rawSocket(server.port, session);
    attacker.send(frame);
    expect(await attacker.ended).toBe(code);
    expect(await bystander.call('app:info', {})).toMatchObject({ ok: true });
    expect(server.exitCode()).toBe(null);
  });

  it('answers a Dockerfile of 600,000 "é" (1.2 MB of UTF-8) with a VALIDATION error naming the text, on a live socket', async () => {
    const page = await pageSocket(server.port, session);
    const result = await page.call('dockerfile:save', {
      path: join(bundleDir, 'Dockerfile'),
      text: 'é'.repeat(600_000),
      expectedMtimeMs: null,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'text' } });
    expect((result as { error: { message: string } }).error.message).toMatch(
      /^text: .*1,200,000 bytes.*1,000,000/,
    );
    // Still connected: the same socket answers the next request.
    expect(await page.call('app:info', {})).toMatchObject({ ok: true });
    page.socket.close();
  });

  it('takes the largest text the schema allows (1,000,000 bytes of "é") to the handler', async () => {
    const page = await pageSocket(server.port, session);
    const result = await page.call('dockerfile:save', {
      path: join(bundleDir, 'no-such-dir', 'Dockerfile'),
      text: 'é'.repeat(500_000),
      expectedMtimeMs: null,
    });
    // Past validation: the handler itself reports the missing folder.
    expect(result).toMatchObject({ ok: false });
    expect((result as { error: { field?: string } }).error.field).not.toBe('text');
    page.socket.close();
  });

  it('kept the bystander socket open and never needed the process guard', async () => {
    expect(bystander.socket.readyState).toBe(bystander.socket.OPEN);
    expect(await bystander.call('app:info', {})).toMatchObject({ ok: true });
    expect(server.exitCode()).toBe(null);
    expect(server.stderr()).not.toMatch(/uncaught/i);
  });
});
