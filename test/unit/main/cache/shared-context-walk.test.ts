import { lstat, mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSyncEntries } from '../../../../src/main/buildkit-session/list-sync-entries';
import type { SyncFilter } from '../../../../src/main/buildkit-session/list-sync-entries';
import { sharedContextWalk } from '../../../../src/main/cache/shared-context-walk';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dw-shared-walk-'));
  await mkdir(join(dir, 'keep', 'inner'), { recursive: true });
  await writeFile(join(dir, 'keep', 'inner', 'a.txt'), 'a');
  await writeFile(join(dir, 'other.txt'), 'b');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const filter = (includes: string[] | null, followPaths: string[] | null = null): SyncFilter => ({
  includePatterns: includes,
  excludePatterns: null,
  followPaths,
});

describe('sharedContextWalk', () => {
  it('hands over what the session listed, with the lstat it took, and no parent folders it only added', async () => {
    const walk = sharedContextWalk();
    // `keep/inner/a.txt` alone: the session also sends `keep` and `keep/inner` for the receiver.
    const entries = await listSyncEntries(dir, filter(['keep/inner/a.txt']), 'root');
    expect(entries.map((entry) => entry.stat.path)).toEqual(['keep', 'keep/inner', 'keep/inner/a.txt']);
    walk.onListed(entries, filter(['keep/inner/a.txt']));
    const listing = await walk.find(() => true);
    expect(listing?.entries.map((entry) => [entry.path, entry.type])).toEqual([['keep/inner/a.txt', 'file']]);
    const stats = await lstat(join(dir, 'keep', 'inner', 'a.txt'), { bigint: true });
    expect(listing?.entries[0]?.stats.mtimeNs).toBe(stats.mtimeNs);
    expect(listing?.entries[0]?.stats.ino).toBe(stats.ino);
  });

  it('waits for a listing it accepts, counting follow paths as includes', async () => {
    const walk = sharedContextWalk();
    const found = walk.find((listing) => listing.includePatterns === null);
    walk.onListed(
      await listSyncEntries(dir, filter(null, ['.dockerignore']), 'root'),
      filter(null, ['.dockerignore']),
    );
    const early = await walk.find(() => true);
    expect(early?.includePatterns).toEqual(['.dockerignore']);
    walk.onListed(await listSyncEntries(dir, filter(null), 'root'), filter(null));
    expect((await found)?.entries.map((entry) => entry.path)).toEqual([
      'keep',
      'keep/inner',
      'keep/inner/a.txt',
      'other.txt',
    ]);
  });

  it('answers null once no listing will come, to those waiting and those asking later', async () => {
    const walk = sharedContextWalk();
    const waiting = walk.find(() => true);
    walk.none();
    expect(await waiting).toBeNull();
    expect(await walk.find(() => true)).toBeNull();
  });
});
