/**
 * Issue #13, finding 5: a Dockerfile path is a regular, size-capped file with a Dockerfile-like
 * name (and so is what a link named Dockerfile points to). `/etc/passwd` never comes back.
 */
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStubEngine, type StubEngine } from '../../unit/support/stub-engine';
import { createSecurityRig, type SecurityRig } from './security-rig';

let rig: SecurityRig;
let engine: StubEngine;
beforeEach(async () => {
  rig = createSecurityRig();
  // An engine that accepts anything: only our own checks stand between the path and a build.
  engine = await startStubEngine({ status: 200, body: {} });
  rig.connection.docker = engine.docker;
  writeFileSync(join(rig.picked, 'app.txt'), 'hello\n');
});
afterEach(async () => {
  await engine.close();
  rig.dispose();
});

const PASSWD_LINE = /root:.*:0:0:/;

describe.each(['build:outline-dockerfile', 'build:summarize-context', 'build:start'] as const)(
  '%s',
  (channel) => {
    it('refuses /etc/passwd as the Dockerfile, at the dockerfile field', async () => {
      const result = await rig.dispatch(channel, { contextDir: rig.picked, dockerfile: '/etc/passwd' });

      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'dockerfile' } });
      expect(JSON.stringify(result)).not.toMatch(PASSWD_LINE);
      expect(engine.requests.filter((request) => request.startsWith('POST /build'))).toEqual([]);
    });

    it('refuses a Dockerfile that is a link to /etc/passwd', async () => {
      symlinkSync('/etc/passwd', join(rig.picked, 'Dockerfile'));

      for (const dockerfile of [null, join(rig.picked, 'Dockerfile')]) {
        const result = await rig.dispatch(channel, { contextDir: rig.picked, dockerfile });

        expect(result).toMatchObject({ ok: false, error: { field: 'dockerfile' } });
        expect(JSON.stringify(result)).not.toMatch(PASSWD_LINE);
      }
      expect(engine.requests.filter((request) => request.startsWith('POST /build'))).toEqual([]);
    });

    it('refuses a Dockerfile over 1 MB with a message naming it', async () => {
      const path = join(rig.picked, 'Dockerfile');
      writeFileSync(path, `FROM alpine\n${'# padding\n'.repeat(120_000)}`);

      const result = await rig.dispatch(channel, { contextDir: rig.picked, dockerfile: path });

      expect(result).toMatchObject({ ok: false, error: { field: 'dockerfile' } });
      if (!result.ok) expect(result.error.message).toContain(path);
    });
  },
);

describe('dockerfile:open', () => {
  it('refuses a Dockerfile named file that links to /etc/passwd', async () => {
    const path = join(rig.picked, 'Dockerfile');
    symlinkSync('/etc/passwd', path);

    const result = await rig.dispatch('dockerfile:open', { path });

    expect(result).toMatchObject({ ok: false, error: { field: 'path' } });
    expect(JSON.stringify(result)).not.toMatch(PASSWD_LINE);
  });

  it('refuses names that make a file runnable, such as Dockerfile.sh and Dockerfile.desktop', async () => {
    for (const name of ['Dockerfile.sh', 'Dockerfile.desktop', 'x.Dockerfile.sh']) {
      const path = join(rig.picked, name);
      writeFileSync(path, 'FROM alpine\n');

      expect(await rig.dispatch('dockerfile:open', { path })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', field: 'path' },
      });
    }
  });

  it('opens a Dockerfile that links to another Dockerfile-named file', async () => {
    writeFileSync(join(rig.picked, 'Dockerfile.prod'), 'FROM alpine\n');
    symlinkSync('Dockerfile.prod', join(rig.picked, 'Dockerfile'));

    expect(await rig.dispatch('dockerfile:open', { path: join(rig.picked, 'Dockerfile') })).toMatchObject({
      ok: true,
      value: { text: 'FROM alpine\n' },
    });
  });
});
