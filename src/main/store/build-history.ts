import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildRecord, BuildSummary } from '../../shared/build/build-record';
import { writeFileAtomic } from './atomic-write';

/** Build history on disk: `<dir>/<id>.json` (record without log) and `<id>.log` (raw log). */
export interface BuildHistory {
  save(record: BuildRecord): Promise<void>;
  /** Newest first; damaged records are skipped and named in `skipped`. */
  list(): Promise<{ builds: BuildSummary[]; skipped: string[] }>;
  get(id: string): Promise<BuildRecord | null>;
  remove(id: string): Promise<void>;
  clear(): Promise<void>;
}

const ID = /^[A-Za-z0-9_-]+$/;

/**
 * Keeps every build under the app's data directory with atomic writes.
 *
 * The log lives beside the record so the history list never reads megabytes of output, and a
 * record that fails to parse is reported, not fatal: one damaged file must not hide the rest.
 */
export function createBuildHistory(dir: string): BuildHistory {
  const paths = (id: string) => {
    if (!ID.test(id)) throw new Error(`Invalid build id: ${id}`);
    return { record: join(dir, `${id}.json`), log: join(dir, `${id}.log`) };
  };

  const readRecord = async (file: string): Promise<Omit<BuildRecord, 'log'>> => {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Omit<BuildRecord, 'log'>;
    if (
      typeof parsed.id !== 'string' ||
      typeof parsed.startedAt !== 'number' ||
      !Array.isArray(parsed.steps)
    ) {
      throw new Error('not a build record');
    }
    return { ...parsed, stepLogs: parsed.stepLogs ?? {} };
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
  });

  return {
    async save(record) {
      const { log, ...rest } = record;
      const target = paths(record.id);
      // Log first: a record on disk always has its log.
      await writeFileAtomic(target.log, log);
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
        return { ...record, log };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async remove(id) {
      const target = paths(id);
      await rm(target.record, { force: true });
      await rm(target.log, { force: true });
    },
    async clear() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
