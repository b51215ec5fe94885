/**
 * Issue #13, finding 4 (and the mode half of 8): every write lands only on a regular file inside
 * the folder the user picked. A cloned repo's `.dockerignore -> ../../.bashrc` must not turn
 * "ignore this folder" into a line in the user's shell rc.
 */
import { chmodSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStubEngine, type StubEngine } from '../../unit/support/stub-engine';
import { createSecurityRig, type SecurityRig } from './security-rig';

let rig: SecurityRig;
beforeEach(() => {
  rig = createSecurityRig();
});
afterEach(() => rig.dispose());

describe('build:ignore-paths', () => {
  it('refuses to append through a .dockerignore that links outside the context', async () => {
    writeFileSync(join(rig.picked, 'Dockerfile'), 'FROM scratch\n');
    symlinkSync(join(rig.outside, 'bashrc'), join(rig.picked, '.dockerignore'));
    const before = rig.outsideSnapshot();

    const result = await rig.dispatch('build:ignore-paths', {
      contextDir: rig.picked,
      patterns: ['$(touch${IFS}PWNED)'],
    });

    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'contextDir' } });
    expect(rig.outsideSnapshot()).toEqual(before);
    expect(lstatSync(join(rig.picked, '.dockerignore')).isSymbolicLink()).toBe(true);
  });
});

describe('dockerfile:save', () => {
  it('refuses to save over a link, leaving the link and its target as they were', async () => {
    const path = join(rig.picked, 'Dockerfile');
    symlinkSync(join(rig.outside, 'victim.Dockerfile'), path);
    const before = rig.outsideSnapshot();

    const result = await rig.dispatch('dockerfile:save', {
      path,
      text: 'FROM evil\n',
      expectedMtimeMs: null,
    });

    expect(result).toMatchObject({ ok: false, error: { field: 'path' } });
    expect(rig.outsideSnapshot()).toEqual(before);
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
  });

  it('keeps the mode the Dockerfile had (0644 stays 0644, 0755 stays 0755)', async () => {
    for (const mode of [0o644, 0o755]) {
      const path = join(rig.picked, `Dockerfile.${mode.toString(8)}`);
      writeFileSync(path, 'FROM scratch\n');
      chmodSync(path, mode);

      const result = await rig.dispatch('dockerfile:save', {
        path,
        text: 'FROM alpine\n',
        expectedMtimeMs: null,
      });

      expect(result.ok).toBe(true);
      expect(statSync(path).mode & 0o777).toBe(mode);
      expect(readFileSync(path, 'utf8')).toBe('FROM alpine\n');
    }
  });

  it('creates a new Dockerfile readable by others (0644 less the umask), not 0600', async () => {
    const path = join(rig.picked, 'Containerfile');
    const umask = process.umask();

    const result = await rig.dispatch('dockerfile:save', {
      path,
      text: 'FROM alpine\n',
      expectedMtimeMs: null,
    });

    expect(result.ok).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o644 & ~umask);
  });
});

describe('wizard:write-files', () => {
  it('refuses to replace a .dockerignore that is a link, and never reads through it', async () => {
    symlinkSync(join(rig.outside, 'secret.txt'), join(rig.picked, '.dockerignore'));
    const before = rig.outsideSnapshot();

    const read = await rig.dispatch('wizard:read-files', { dir: rig.picked });
    const write = await rig.dispatch('wizard:write-files', {
      dir: rig.picked,
      dockerfile: 'FROM alpine\n',
      dockerignore: 'node_modules\n',
      expected: { dockerfile: null, dockerignore: readFileSync(join(rig.outside, 'secret.txt'), 'utf8') },
    });

    expect(JSON.stringify(read)).not.toContain('OUTSIDE-SECRET');
    expect(read.ok).toBe(false);
    expect(write.ok).toBe(false);
    expect(rig.outsideSnapshot()).toEqual(before);
    expect(lstatSync(join(rig.picked, '.dockerignore')).isSymbolicLink()).toBe(true);
  });
});

describe('images:save', () => {
  let engine: StubEngine;
  beforeEach(async () => {
    engine = await startStubEngine({ status: 200, body: 'ARCHIVE-BYTES' });
    rig.connection.docker = engine.docker;
  });
  afterEach(() => engine.close());

  it('never writes through a planted <path>.partial link', async () => {
    const path = join(rig.picked, 'image.tar');
    symlinkSync(join(rig.outside, 'victim.tar'), `${path}.partial`);
    const before = rig.outsideSnapshot();

    const result = await rig.dispatch('images:save', { ref: 'alpine:3', path });

    expect(result).toMatchObject({ ok: true, value: { bytes: 'ARCHIVE-BYTES'.length } });
    expect(readFileSync(path, 'utf8')).toBe('ARCHIVE-BYTES');
    expect(rig.outsideSnapshot()).toEqual(before);
  });

  it('refuses to replace an archive path that is a link to another file', async () => {
    const path = join(rig.picked, 'image.tar');
    symlinkSync(join(rig.outside, 'victim.tar'), path);
    const before = rig.outsideSnapshot();

    const result = await rig.dispatch('images:save', { ref: 'alpine:3', path });

    expect(result).toMatchObject({ ok: false, error: { field: 'path' } });
    expect(rig.outsideSnapshot()).toEqual(before);
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
  });
});
