import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createJsonFile } from '../../../../src/main/store/json-file';

const schema = z.object({ name: z.string(), count: z.number().int().default(0) });

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-json-file-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Every file name under `root`, recursively, relative to it. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
}

describe('createJsonFile', () => {
  it('reports a file that does not exist yet as missing', async () => {
    const file = createJsonFile(join(dir, 'state.json'), schema);

    expect(await file.read()).toEqual({ state: 'missing' });
  });

  it('reads a valid file through the schema, defaults filled in', async () => {
    const path = join(dir, 'state.json');
    writeFileSync(path, '{"name":"ada"}');

    expect(await createJsonFile(path, schema).read()).toEqual({
      state: 'ok',
      value: { name: 'ada', count: 0 },
    });
  });

  it('reports a file that is not JSON as damaged, naming the file', async () => {
    const path = join(dir, 'state.json');
    writeFileSync(path, '{"name": "ada",');

    const read = await createJsonFile(path, schema).read();

    expect(read.state).toBe('damaged');
    expect(read.state === 'damaged' && read.reason).toContain(`${path} is not valid JSON: `);
  });

  it('reports an empty file as damaged rather than missing', async () => {
    const path = join(dir, 'state.json');
    writeFileSync(path, '');

    expect((await createJsonFile(path, schema).read()).state).toBe('damaged');
  });

  it('reports JSON that does not fit the schema as damaged, naming the file', async () => {
    const path = join(dir, 'state.json');
    writeFileSync(path, '{"name": 42}');

    const read = await createJsonFile(path, schema).read();

    expect(read).toEqual({
      state: 'damaged',
      reason: `${path} has unexpected content: Invalid input: expected string, received number`,
    });
  });

  it('reports a path it cannot read (a directory) as damaged instead of throwing', async () => {
    const path = join(dir, 'state.json');
    mkdirSync(path);

    const read = await createJsonFile(path, schema).read();

    expect(read.state).toBe('damaged');
    expect(read.state === 'damaged' && read.reason).toContain('EISDIR');
  });

  it('reads back what it wrote', async () => {
    const file = createJsonFile(join(dir, 'state.json'), schema);
    await file.write({ name: 'grace', count: 3 });

    expect(await file.read()).toEqual({ state: 'ok', value: { name: 'grace', count: 3 } });
  });

  it('writes indented JSON ending in a newline', async () => {
    const path = join(dir, 'state.json');
    await createJsonFile(path, schema).write({ name: 'grace', count: 3 });

    expect(readFileSync(path, 'utf8')).toBe('{\n  "name": "grace",\n  "count": 3\n}\n');
  });

  it('creates missing parent directories on write', async () => {
    const path = join(dir, 'nested', 'deeper', 'state.json');
    await createJsonFile(path, schema).write({ name: 'ada' });

    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ name: 'ada' });
  });

  it('replaces the file atomically, leaving no *.tmp files behind', async () => {
    const file = createJsonFile(join(dir, 'state.json'), schema);
    for (let count = 0; count < 5; count += 1) await file.write({ name: 'ada', count });

    expect(filesUnder(dir)).toEqual(['state.json']);
    expect(await file.read()).toEqual({ state: 'ok', value: { name: 'ada', count: 4 } });
  });

  it('leaves no *.tmp files behind after concurrent writes, and keeps one whole document', async () => {
    const file = createJsonFile(join(dir, 'state.json'), schema);
    await Promise.all([1, 2, 3, 4].map((count) => file.write({ name: 'ada', count })));

    expect(filesUnder(dir)).toEqual(['state.json']);
    const read = await file.read();
    if (read.state !== 'ok') throw new Error(`expected a readable file, got ${JSON.stringify(read)}`);
    expect([1, 2, 3, 4]).toContain(read.value.count);
  });

  it('ignores a stray temp file left by a crashed write', async () => {
    const path = join(dir, 'state.json');
    writeFileSync(`${path}.0123456789ab.tmp`, '{"name": "half');
    const file = createJsonFile(path, schema);

    expect(await file.read()).toEqual({ state: 'missing' });
    await file.write({ name: 'ada', count: 1 });
    expect(await file.read()).toEqual({ state: 'ok', value: { name: 'ada', count: 1 } });
  });
});
