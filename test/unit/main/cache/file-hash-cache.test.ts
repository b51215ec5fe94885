import { chmod, lstat, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileHashCache, type StatEntry } from '../../../../src/main/cache/file-hash-cache';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dw-hashes-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a file last changed long ago, as most of a context is (a fresh one is never remembered). */
async function writeOld(name: string, content: string): Promise<void> {
  await writeFile(join(dir, name), content);
  await utimes(join(dir, name), new Date(2_000_000_000), new Date(2_000_000_000));
}

async function entry(name: string): Promise<StatEntry> {
  const absPath = join(dir, name);
  return { path: name, absPath, type: 'file', stats: await lstat(absPath, { bigint: true }) };
}

const SHA_OF_HI = '8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4';

describe('createFileHashCache', () => {
  it('keys a file on its content and mode', async () => {
    await writeOld('a', 'hi');
    await chmod(join(dir, 'a'), 0o640);
    const keys = await createFileHashCache(null).keys(dir, [await entry('a')]);
    expect(keys.get('a')).toEqual({ hash: `${SHA_OF_HI}:640`, bytes: 2 });
  });

  it('reads again only the files whose stat changed', async () => {
    await writeOld('a', 'one');
    await writeOld('b', 'two');
    const cache = createFileHashCache(null);
    await cache.keys(dir, [await entry('a'), await entry('b')]);
    expect(cache.lastReadCount()).toBe(2);
    await cache.keys(dir, [await entry('a'), await entry('b')]);
    expect(cache.lastReadCount()).toBe(0);
    await utimes(join(dir, 'b'), new Date(1_000_000), new Date(1_000_000));
    const keys = await cache.keys(dir, [await entry('a'), await entry('b')]);
    expect(cache.lastReadCount()).toBe(1);
    expect(
      keys.get('b')!.hash.startsWith('3fc4ccfe745870e2c0d99f71f30ff0656c8dedd41cc1d7d3d376b0dbe685e2f3'),
    ).toBe(true);
  });

  it('keeps the key of a touched file and changes it for a chmod', async () => {
    await writeOld('a', 'hi');
    await chmod(join(dir, 'a'), 0o644);
    const cache = createFileHashCache(null);
    const before = (await cache.keys(dir, [await entry('a')])).get('a')!.hash;
    await utimes(join(dir, 'a'), new Date(5_000_000), new Date(5_000_000));
    expect((await cache.keys(dir, [await entry('a')])).get('a')!.hash).toBe(before);
    await chmod(join(dir, 'a'), 0o755);
    expect((await cache.keys(dir, [await entry('a')])).get('a')!.hash).toBe(`${SHA_OF_HI}:755`);
  });

  it('remembers hashes on disk across instances', async () => {
    const store = join(dir, 'store');
    await writeOld('a', 'hi');
    const first = createFileHashCache(store);
    await first.keys(dir, [await entry('a')]);
    await first.persist(dir);
    const second = createFileHashCache(store);
    const keys = await second.keys(dir, [await entry('a')]);
    expect(second.lastReadCount()).toBe(0);
    expect(keys.get('a')!.hash.startsWith(SHA_OF_HI)).toBe(true);
    expect(await readdir(store)).toHaveLength(1);
  });

  it('reads again a file changed moments before it was hashed: a same-sized write in the same clock tick keeps its stat', async () => {
    const file = join(dir, 'a');
    const tick = new Date(Math.floor(Date.now() / 1000) * 1000);
    await writeFile(file, 'aa');
    await utimes(file, tick, tick);
    const cache = createFileHashCache(null);
    const first = (await cache.keys(dir, [await entry('a')])).get('a')!.hash;
    const stats = (await entry('a')).stats;
    await writeFile(file, 'bb');
    await utimes(file, tick, tick);
    const again = await entry('a');
    expect([again.stats.size, again.stats.mtimeNs, again.stats.ino]).toEqual([
      stats.size,
      stats.mtimeNs,
      stats.ino,
    ]);
    const second = (await cache.keys(dir, [again])).get('a')!.hash;
    expect(cache.lastReadCount()).toBe(1);
    expect(second).not.toBe(first);
  });

  it('rehashes everything when the stored file is damaged', async () => {
    const store = join(dir, 'store');
    await writeOld('a', 'hi');
    const first = createFileHashCache(store);
    await first.keys(dir, [await entry('a')]);
    await first.persist(dir);
    const [name] = await readdir(store);
    await writeFile(join(store, name!), '{not json');
    const second = createFileHashCache(store);
    await second.keys(dir, [await entry('a')]);
    expect(second.lastReadCount()).toBe(1);
  });
});
