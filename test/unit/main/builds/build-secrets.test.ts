import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SECRET_BYTES, resolveSessionExtras } from '../../../../src/main/builds/build-secrets';

let dir: string;
let agent: Server;
const socket = () => join(dir, 'agent.sock');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dw-secrets-'));
  agent = createServer();
  await new Promise<void>((resolve) => agent.listen(socket(), resolve));
});
afterAll(async () => {
  await new Promise((resolve) => agent.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const secret = (id: string, source: { src?: string; env?: string }) => ({
  id,
  src: source.src ?? null,
  env: source.env ?? null,
});

describe('resolveSessionExtras', () => {
  it('reads a file secret byte for byte and a variable secret as UTF-8', async () => {
    const bytes = Buffer.from([0, 1, 2, 0xff, 0xfe, 10, 13]);
    writeFileSync(join(dir, 'binary'), bytes);
    const resolved = await resolveSessionExtras(
      { secrets: [secret('bin', { src: join(dir, 'binary') }), secret('tok', { env: 'TOKEN' })] },
      { TOKEN: 'tøken' },
    );
    expect(resolved.ok).toBe(true);
    if (!resolved.ok) return;
    expect(Buffer.from(resolved.value.secrets.get('bin')!)).toEqual(bytes);
    expect(Buffer.from(resolved.value.secrets.get('tok')!).toString('utf8')).toBe('tøken');
    expect(resolved.value.sshAgents.size).toBe(0);
  });

  it('takes an empty variable as an empty secret', async () => {
    const resolved = await resolveSessionExtras({ secrets: [secret('e', { env: 'EMPTY' })] }, { EMPTY: '' });
    expect(resolved.ok && resolved.value.secrets.get('e')?.length).toBe(0);
  });

  it('reads a secret of exactly the 500 KB limit and refuses one byte more', async () => {
    writeFileSync(join(dir, 'limit'), Buffer.alloc(MAX_SECRET_BYTES, 1));
    writeFileSync(join(dir, 'over'), Buffer.alloc(MAX_SECRET_BYTES + 1, 1));
    const atLimit = await resolveSessionExtras({ secrets: [secret('s', { src: join(dir, 'limit') })] }, {});
    expect(atLimit.ok && atLimit.value.secrets.get('s')?.length).toBe(MAX_SECRET_BYTES);
    const over = await resolveSessionExtras({ secrets: [secret('s', { src: join(dir, 'over') })] }, {});
    expect(over).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'secrets.0.src' } });
    expect(!over.ok && over.error.message).toMatch(/500 KB/);
  });

  it('answers each problem at the row and field it belongs to', async () => {
    mkdirSync(join(dir, 'folder'), { recursive: true });
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const cases: [ReturnType<typeof secret>, string, string, RegExp][] = [
      [secret('m', { src: join(dir, 'missing') }), 'NOT_FOUND', 'secrets.1.src', /does not exist/],
      [secret('f', { src: join(dir, 'folder') }), 'VALIDATION', 'secrets.1.src', /a folder/],
      [secret('p', { src: fifo }), 'VALIDATION', 'secrets.1.src', /named pipe/],
      [secret('v', { env: 'NOT_SET' }), 'VALIDATION', 'secrets.1.env', /no variable NOT_SET/],
      [secret('n', {}), 'VALIDATION', 'secrets.1.src', /Choose the file/],
    ];
    writeFileSync(join(dir, 'fine'), 'fine');
    for (const [bad, code, field, message] of cases) {
      const resolved = await resolveSessionExtras(
        { secrets: [secret('ok', { src: join(dir, 'fine') }), bad] },
        {},
      );
      expect(resolved, bad.id).toMatchObject({ ok: false, error: { code, field } });
      expect(!resolved.ok && resolved.error.message, bad.id).toMatch(message);
    }
  });

  it('forwards the agent socket named by SSH_AUTH_SOCK as default', async () => {
    const resolved = await resolveSessionExtras({ ssh: true }, { SSH_AUTH_SOCK: socket() });
    expect(resolved.ok && [...resolved.value.sshAgents]).toEqual([['default', socket()]]);
  });

  it.each([
    ['unset', {}, /SSH_AUTH_SOCK is not set/],
    ['relative', { SSH_AUTH_SOCK: 'agent.sock' }, /SSH_AUTH_SOCK is not set/],
    ['not a socket', { SSH_AUTH_SOCK: '/etc/hostname' }, /is not a socket/],
  ])('refuses ssh forwarding when SSH_AUTH_SOCK is %s', async (_label, env, message) => {
    const resolved = await resolveSessionExtras({ ssh: true }, env);
    expect(resolved).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'ssh' } });
    expect(!resolved.ok && resolved.error.message).toMatch(message);
  });

  it('asks for nothing when neither secrets nor ssh are requested', async () => {
    const resolved = await resolveSessionExtras({}, {});
    expect(resolved.ok && [resolved.value.secrets.size, resolved.value.sshAgents.size]).toEqual([0, 0]);
  });
});
