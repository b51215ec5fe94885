/**
 * Issue #13, finding 6: every read of a user file is regular-file-only and capped at 1 MB, with
 * an error naming the file above it. A FIFO must not hang a channel; /dev/zero must not fill memory.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecurityRig, mkfifo, type SecurityRig } from './security-rig';

let rig: SecurityRig;
beforeEach(() => {
  rig = createSecurityRig();
  writeFileSync(join(rig.picked, 'Dockerfile'), 'FROM alpine\n');
});
afterEach(() => rig.dispose());

/** A hanging read fails the test here instead of at vitest's minute-long timeout. */
const quickly = { timeout: 5_000 };

describe('build:summarize-context', () => {
  it('refuses a .dockerignore over 1 MB, naming it', quickly, async () => {
    writeFileSync(join(rig.picked, '.dockerignore'), 'node_modules\n'.repeat(100_000));

    const result = await rig.dispatch('build:summarize-context', {
      contextDir: rig.picked,
      dockerfile: null,
    });

    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'contextDir' } });
    if (!result.ok) expect(result.error.message).toContain('.dockerignore');
  });

  it('refuses a .dockerignore that is a FIFO without waiting for a writer', quickly, async () => {
    mkfifo(join(rig.picked, '.dockerignore'));

    const result = await rig.dispatch('build:summarize-context', {
      contextDir: rig.picked,
      dockerfile: null,
    });

    expect(result).toMatchObject({ ok: false, error: { field: 'contextDir' } });
  });

  it('refuses a .dockerignore linked to /dev/zero without reading it', quickly, async () => {
    symlinkSync('/dev/zero', join(rig.picked, '.dockerignore'));

    const result = await rig.dispatch('build:summarize-context', {
      contextDir: rig.picked,
      dockerfile: null,
    });

    expect(result).toMatchObject({ ok: false, error: { field: 'contextDir' } });
  });
});

describe('wizard:read-files', () => {
  it('answers with an error for a Dockerfile that is a FIFO, without hanging', quickly, async () => {
    const dir = join(rig.picked, 'project');
    mkdirSync(dir);
    mkfifo(join(dir, 'Dockerfile'));

    const result = await rig.dispatch('wizard:read-files', { dir });

    expect(result).toMatchObject({ ok: false, error: { field: 'dir' } });
  });
});

describe('dockerfile:open', () => {
  it('refuses a Dockerfile over 1 MB with a message naming it', quickly, async () => {
    const path = join(rig.picked, 'Dockerfile');
    writeFileSync(path, `FROM alpine\n${'#'.repeat(1_100_000)}\n`);

    const result = await rig.dispatch('dockerfile:open', { path });

    expect(result).toMatchObject({ ok: false, error: { field: 'path' } });
    if (!result.ok) expect(result.error.message).toContain(path);
  });
});
