/**
 * Property tests (issue #12): the build history reads whatever it finds in its folder without
 * throwing. Records written by `save` are listed and read back as saved; damaged files (cut short,
 * fields of the wrong type, NUL bytes, random bytes, other JSON, huge ones) are skipped and named.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBuildHistory } from '../../../../src/main/store/build-history';
import { closeSteps } from '../../../../src/shared/builds/build-model';
import type { BuildRecord } from '../../../../src/shared/builds/build-record';

let root: string;
let runs = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dw-history-fuzz-'));
  // Each skipped record is also warned about on the console; the skipped list is what is checked.
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await rm(root, { recursive: true, force: true });
});

async function freshDir(): Promise<string> {
  const dir = join(root, `run-${runs++}`);
  await mkdir(dir);
  return dir;
}

const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
const time = fc.integer({ min: 0, max: 4_000_000_000_000 });
const words = fc.string({ maxLength: 12 });
const stringMap = fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), words, { maxKeys: 3 });

const step = fc.record({
  id: words,
  index: nullable(fc.nat(40)),
  total: nullable(fc.nat(40)),
  stage: nullable(words),
  instruction: words,
  line: nullable(fc.nat(400)),
  status: fc.constantFrom('queued', 'running', 'cached', 'done', 'error', 'cancelled', 'not-run' as const),
  startedAt: nullable(time),
  endedAt: nullable(time),
  internal: fc.boolean(),
  error: nullable(words),
});

/** A record as the build runner saves it; ids are what `save` accepts. */
const buildRecord: fc.Arbitrary<BuildRecord> = fc.record({
  id: fc.stringMatching(/^[A-Za-z0-9_-]{1,16}$/),
  request: fc.record({
    contextDir: words,
    dockerfile: nullable(words),
    tags: fc.array(words, { maxLength: 3 }),
    buildArgs: stringMap,
    target: nullable(words),
    noCache: fc.boolean(),
    pull: fc.boolean(),
    platform: nullable(words),
    labels: stringMap,
    builder: fc.constantFrom('auto', 'classic', 'buildkit' as const),
  }),
  dockerfilePath: words,
  builder: fc.constantFrom('classic', 'buildkit' as const),
  status: fc.constantFrom('running', 'succeeded', 'failed', 'cancelled' as const),
  startedAt: time,
  endedAt: nullable(time),
  imageId: nullable(words),
  imageSizeBytes: nullable(fc.nat()),
  error: nullable(
    fc.record(
      { message: words, line: nullable(fc.nat(400)), explanation: words },
      { requiredKeys: ['message', 'line'] },
    ),
  ),
  stepCount: fc.nat(50),
  cachedSteps: fc.nat(50),
  steps: fc.array(step, { maxLength: 4 }),
  stepLogs: fc.dictionary(words, fc.array(words, { maxLength: 3 }), { maxKeys: 3 }),
  warnings: fc.array(
    fc.record({
      message: words,
      detail: fc.array(words, { maxLength: 2 }),
      line: nullable(fc.nat(400)),
      url: nullable(words),
    }),
    { maxLength: 2 },
  ),
  dockerfileText: fc.string({ maxLength: 80 }),
  log: fc.string({ maxLength: 80 }),
});

/** A field set to a value of the wrong type; the list or the build page would trip over each. */
const WRONG_FIELDS: Array<[path: string[], value: unknown]> = [
  [['id'], 42],
  [['request'], null],
  [['request', 'tags'], 'app:1'],
  [['request', 'contextDir'], ['/a']],
  [['request', 'builder'], 'docker'],
  [['dockerfilePath'], {}],
  [['builder'], 2],
  [['status'], 'exploded'],
  [['startedAt'], '2026-11-30'],
  [['endedAt'], 'later'],
  [['imageId'], 7],
  [['imageSizeBytes'], '12 MB'],
  [['error'], 'it broke'],
  [['error', 'message'], null],
  [['stepCount'], '3'],
  [['cachedSteps'], null],
  [['steps'], {}],
  [['stepLogs'], ['a']],
  [['warnings'], null],
  [['dockerfileText'], 1],
];

type Damage =
  | { kind: 'cut'; at: number }
  | { kind: 'wrong-field'; which: number }
  | { kind: 'wrong-step'; status: string }
  | { kind: 'nul'; at: number }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'json'; value: unknown };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('wrong-field' as const), which: fc.nat(WRONG_FIELDS.length - 1) }),
  fc.record({ kind: fc.constant('wrong-step' as const), status: fc.constantFrom('failed', '', 'DONE') }),
  fc.record({ kind: fc.constant('nul' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ maxLength: 200 }) }),
  // JSON that is no record: scalars, arrays, objects without the fields.
  fc.record({
    kind: fc.constant('json' as const),
    value: fc.oneof(
      fc.jsonValue({ maxDepth: 0 }),
      fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }),
    ),
  }),
);

function withField(record: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(record);
  let target = copy;
  for (const key of path.slice(0, -1)) {
    // `error.message` of a record without an error: give it one to spoil.
    if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[path.at(-1) as string] = value;
  return copy;
}

/** The bytes of a damaged record file, made from a good record. */
function damaged(record: BuildRecord, how: Damage): string | Uint8Array {
  const { log: _log, ...stored } = record;
  const text = `${JSON.stringify(stored)}\n`;
  switch (how.kind) {
    case 'cut':
      // Anything short of the closing brace.
      return text.slice(0, how.at % (text.length - 1));
    case 'wrong-field': {
      const [path, value] = WRONG_FIELDS[how.which] ?? [['id'], null];
      return JSON.stringify(withField(stored, path, value));
    }
    case 'wrong-step': {
      const steps = [...stored.steps, { ...stored.steps[0], id: 'x', status: how.status }];
      return JSON.stringify({ ...stored, steps });
    }
    case 'nul': {
      const at = how.at % (text.length - 1);
      return `${text.slice(0, at)}\u0000${text.slice(at)}`;
    }
    case 'bytes':
      // `{` first, so the bytes cannot happen to be a bare number or string of JSON.
      return Buffer.concat([Buffer.from('{'), how.bytes]);
    case 'json':
      return JSON.stringify(how.value);
  }
}

function asRead(record: BuildRecord): BuildRecord {
  return { ...record, steps: closeSteps(record.steps, record.status, record.endedAt) };
}

function withoutLog(record: BuildRecord): Omit<BuildRecord, 'log'> {
  const { log: _log, ...rest } = record;
  return rest;
}

describe('createBuildHistory reading a folder of good and damaged records', () => {
  it('never throws on 60 folders of up to 4 saved and 5 damaged records; lists the good, names the damaged', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(buildRecord, { maxLength: 4, selector: (record) => record.id }),
        fc.array(fc.tuple(buildRecord, damage), { maxLength: 5 }),
        async (good, bad) => {
          const dir = await freshDir();
          const history = createBuildHistory(dir);
          for (const record of good) await history.save(record);
          const badNames = bad.map((_, index) => `damaged-${index}.json`);
          for (const [index, [record, how]] of bad.entries()) {
            await writeFile(join(dir, badNames[index] ?? ''), damaged(record, how));
          }
          // Leftovers that are no record: a temp file of an interrupted write and a folder.
          await writeFile(join(dir, 'x.json.abc123.tmp'), '{"id":');
          await mkdir(join(dir, 'folder.json'));

          const { builds, skipped } = await history.list();

          expect(builds.map((build) => build.id).sort()).toEqual(good.map((record) => record.id).sort());
          const starts = builds.map((build) => build.startedAt);
          expect(starts).toEqual([...starts].sort((a, b) => b - a));
          const skippedNames = skipped.map((entry) => entry.slice(0, entry.indexOf(': ')));
          expect(skippedNames.sort()).toEqual([...badNames, 'folder.json'].sort());

          // Steps of an ended build come back closed: none stays queued or running.
          for (const record of good) expect(await history.get(record.id)).toEqual(asRead(record));
          for (const name of badNames) {
            // The handler turns this into "the record is damaged"; what matters is no bad record comes back.
            await expect(history.get(name.replace(/\.json$/, ''))).rejects.toBeInstanceOf(Error);
          }
        },
      ),
      { seed: 1223, numRuns: 60 },
    );
  });

  it('on 5 folders, lists a 2.7 MB record and skips damaged files of megabytes (cut, nested, NUL bytes)', async () => {
    await fc.assert(
      fc.asyncProperty(buildRecord, fc.nat(), async (record, cut) => {
        const dir = await freshDir();
        const history = createBuildHistory(dir);
        const huge = { ...record, dockerfileText: 'RUN echo\n'.repeat(300_000) };
        await history.save(huge);
        const text = JSON.stringify(withoutLog(huge));
        await writeFile(join(dir, 'cut.json'), text.slice(0, cut % (text.length - 1)));
        await writeFile(join(dir, 'nested.json'), '['.repeat(500_000));
        await writeFile(join(dir, 'nuls.json'), Buffer.alloc(2_000_000));

        const { builds, skipped } = await history.list();

        expect(builds.map((build) => build.id)).toEqual([huge.id]);
        expect(skipped.map((entry) => entry.slice(0, entry.indexOf(': '))).sort()).toEqual([
          'cut.json',
          'nested.json',
          'nuls.json',
        ]);
        expect((await history.get(huge.id))?.dockerfileText).toHaveLength(huge.dockerfileText.length);
      }),
      { seed: 1224, numRuns: 5 },
    );
  });

  it('reads a record saved before step logs were kept, with none', async () => {
    const [record] = fc.sample(buildRecord, { seed: 1225, numRuns: 1 });
    if (!record) throw new Error('no sample');
    const dir = await freshDir();
    const { stepLogs: _stepLogs, log: _log, ...older } = record;
    await writeFile(join(dir, `${record.id}.json`), JSON.stringify(older));
    const history = createBuildHistory(dir);
    expect((await history.list()).skipped).toEqual([]);
    expect(await history.get(record.id)).toEqual({ ...asRead(record), stepLogs: {}, log: '' });
  });
});
