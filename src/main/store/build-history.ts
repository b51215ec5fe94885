import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { closeSteps } from '../../shared/builds/build-model';
import type { BuildRecord, BuildSummary } from '../../shared/builds/build-record';
import type { BuildCacheExplanation, BuildCacheInputs } from '../../shared/cache/cache-model';
import { requestForHistory } from '../../shared/builds/build-request';
import { writeFileAtomic } from './atomic-write';

/** Build history on disk: `<dir>/<id>.json` (record without log) and `<id>.log` (raw log). */
export interface BuildHistory {
  /** The folder it keeps records in (fakes in tests may have none): caches sit beside it. */
  readonly dir?: string;
  save(record: BuildRecord): Promise<void>;
  /** Newest first; damaged records are skipped and named in `skipped`. */
  list(): Promise<{ builds: BuildSummary[]; skipped: string[] }>;
  get(id: string): Promise<BuildRecord | null>;
  remove(id: string): Promise<void>;
  clear(): Promise<void>;
}

const ID = /^[A-Za-z0-9_-]+$/;

const nullableString = z.string().nullable();
const nullableNumber = z.number().nullable();

/**
 * The shape of a stored record, checked on read: the history list and the build page read every
 * field, so a record with one of the wrong type is damaged, not shown. Only types are checked.
 */
const storedRecord = z.object({
  id: z.string(),
  request: z.object({
    contextDir: z.string(),
    dockerfile: nullableString,
    tags: z.array(z.string()),
    buildArgs: z.record(z.string(), z.string()),
    target: nullableString,
    noCache: z.boolean(),
    pull: z.boolean(),
    platform: nullableString,
    labels: z.record(z.string(), z.string()),
    builder: z.enum(['auto', 'classic', 'buildkit']),
    // Saved as ids only (requestForHistory); records from before secrets have neither field.
    secrets: z.array(z.object({ id: z.string(), src: nullableString, env: nullableString })).optional(),
    ssh: z.boolean().optional(),
  }),
  dockerfilePath: z.string(),
  builder: z.enum(['classic', 'buildkit']),
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  startedAt: z.number(),
  endedAt: nullableNumber,
  imageId: nullableString,
  imageSizeBytes: nullableNumber,
  error: z
    .object({ message: z.string(), line: nullableNumber, explanation: z.string().optional() })
    .nullable(),
  stepCount: z.number(),
  cachedSteps: z.number(),
  contextTransfer: z.enum(['session', 'tar']).optional(),
  steps: z.array(
    z.object({
      id: z.string(),
      index: nullableNumber,
      total: nullableNumber,
      stage: nullableString,
      instruction: z.string(),
      line: nullableNumber,
      status: z.enum(['queued', 'running', 'cached', 'done', 'error', 'cancelled', 'not-run']),
      startedAt: nullableNumber,
      endedAt: nullableNumber,
      internal: z.boolean(),
      error: nullableString,
    }),
  ),
  // Records written before step logs were kept have none.
  stepLogs: z.record(z.string(), z.array(z.string())).default({}),
  warnings: z.array(
    z.object({ message: z.string(), detail: z.array(z.string()), line: nullableNumber, url: nullableString }),
  ),
  dockerfileText: z.string(),
  // Cache insight (#17) is an extra: a record whose insight does not read is shown without it.
  cacheExplanation: z
    .custom<BuildCacheExplanation>(
      (value) =>
        typeof value === 'object' && value !== null && Array.isArray((value as { steps?: unknown }).steps),
    )
    .optional()
    .catch(undefined),
});

/** A build's cache inputs, kept in `<id>.inputs`. */
const storedInputs = z
  .custom<BuildCacheInputs>((value) => isVersioned(value) && Array.isArray(value['steps']))
  .optional()
  .catch(undefined);

function isVersioned(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && (value as { version?: unknown }).version === 1;
}

/**
 * Keeps every build under the app's data directory with atomic writes.
 *
 * The log lives beside the record so the history list never reads megabytes of output, and a
 * record that fails to parse is reported, not fatal: one damaged file must not hide the rest.
 */
export function createBuildHistory(dir: string): BuildHistory {
  const paths = (id: string) => {
    if (!ID.test(id)) throw new Error(`Invalid build id: ${id}`);
    return {
      record: join(dir, `${id}.json`),
      log: join(dir, `${id}.log`),
      // Cache inputs list up to thousands of files: beside the record, so the list never parses them.
      inputs: join(dir, `${id}.inputs`),
    };
  };

  const readRecord = async (file: string): Promise<Omit<BuildRecord, 'log'>> => {
    const parsed = storedRecord.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`not a build record (${issue?.path.join('.') || 'record'}: ${issue?.message})`);
    }
    const record: Omit<BuildRecord, 'log'> = parsed.data;
    // Records of ended builds written before steps were closed at the end (a cancelled build
    // kept its step "running" for good): close them as the runner does now.
    return { ...record, steps: closeSteps(record.steps, record.status, record.endedAt) };
  };

  const summarize = (record: Omit<BuildRecord, 'log'>): BuildSummary => ({
    id: record.id,
    request: record.request,
    dockerfilePath: record.dockerfilePath,
    builder: record.builder,
    status: record.status,
    startedAt: record.startedAt,
    endedAt: record.endedAt,
    imageId: record.imageId,
    imageSizeBytes: record.imageSizeBytes,
    error: record.error,
    stepCount: record.stepCount,
    cachedSteps: record.cachedSteps,
    ...(record.contextTransfer ? { contextTransfer: record.contextTransfer } : {}),
  });

  return {
    dir,
    async save(record) {
      const { log, cacheInputs, ...saved } = record;
      // Whatever a caller hands in, a secret's source never reaches the disk.
      const rest = { ...saved, request: requestForHistory(saved.request) };
      const target = paths(record.id);
      // Log first: a record on disk always has its log.
      await writeFileAtomic(target.log, log);
      if (cacheInputs) await writeFileAtomic(target.inputs, `${JSON.stringify(cacheInputs)}\n`);
      await writeFileAtomic(target.record, `${JSON.stringify(rest)}\n`);
    },
    async list() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { builds: [], skipped: [] };
        throw error;
      }
      const builds: BuildSummary[] = [];
      const skipped: string[] = [];
      for (const name of names.filter((n) => n.endsWith('.json'))) {
        try {
          builds.push(summarize(await readRecord(join(dir, name))));
        } catch (error) {
          skipped.push(`${name}: ${(error as Error).message}`);
          console.warn(
            `[dockwright] skipped damaged build record ${join(dir, name)}: ${(error as Error).message}`,
          );
        }
      }
      builds.sort((a, b) => b.startedAt - a.startedAt);
      return { builds, skipped };
    },
    async get(id) {
      const target = paths(id);
      try {
        const record = await readRecord(target.record);
        const log = await readFile(target.log, 'utf8').catch(() => '');
        const inputs = await readFile(target.inputs, 'utf8')
          .then((text) => storedInputs.safeParse(JSON.parse(text)))
          .catch(() => null);
        return {
          ...record,
          log,
          ...(inputs?.success && inputs.data ? { cacheInputs: inputs.data } : {}),
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async remove(id) {
      const target = paths(id);
      await rm(target.record, { force: true });
      await rm(target.log, { force: true });
      await rm(target.inputs, { force: true });
    },
    async clear() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
