/**
 * The build history's channels: list, read, the bytes per Dockerfile line, save the log, delete.
 * Part of the handler table (src/main/handlers.ts), kept apart so each file stays readable.
 */
import { dirname } from 'node:path';
import { fail, ok } from '../shared/result';
import { withEngine } from './engine/with-engine';
import { userFileFailure } from './fs/safe-files';
import { replaceUserFile } from './fs/write-user-file';
import type { HandlerDeps, HandlerTable } from './handlers';
import { readLineSizes } from './layers/line-sizes';

type HistoryChannel =
  | 'history:list'
  | 'history:get'
  | 'history:line-sizes'
  | 'history:save-log'
  | 'history:delete'
  | 'history:clear';

/** The `history:*` handlers. */
export function historyHandlers(
  deps: Pick<HandlerDeps, 'history' | 'builds' | 'connection'>,
): Pick<HandlerTable, HistoryChannel> {
  return {
    'history:list': async () => {
      const { builds, skipped } = await deps.history.list();
      const running = new Set(deps.builds.running());
      // A record left "running" by an app that quit mid-build is not running any more.
      return ok({
        builds: builds.map((build) =>
          build.status === 'running' && !running.has(build.id)
            ? {
                ...build,
                status: 'failed' as const,
                error: { message: 'Dockwright stopped during this build.', line: null },
              }
            : build,
        ),
        skipped,
      });
    },
    'history:get': async ({ id }) => {
      const record = await deps.history.get(id).catch((error: Error) => error);
      if (record instanceof Error)
        return fail('NOT_FOUND', `The record of build ${id} is damaged: ${record.message}`);
      return record ? ok(record) : fail('NOT_FOUND', `No build ${id} in the history.`);
    },
    'history:line-sizes': async ({ id }, { signal }) => {
      const record = await deps.history.get(id).catch(() => null);
      if (!record) return fail('NOT_FOUND', `No saved record of build ${id}.`);
      return withEngine(deps.connection, async (docker) => ok(await readLineSizes(docker, record, signal)));
    },
    'history:save-log': async ({ id, path }) => {
      const record = await deps.history.get(id).catch(() => null);
      if (!record) return fail('NOT_FOUND', `No saved record of build ${id}.`);
      if (record.status === 'running')
        return fail('CONFLICT', 'The build is still running: its log is saved when it ends.');
      const saved = await replaceUserFile(path, { within: dirname(path), label: 'The log file' }, (handle) =>
        handle.write(record.log).then(() => undefined),
      );
      return saved.ok ? ok({ bytes: saved.value.size }) : userFileFailure(saved.problem, 'path');
    },
    'history:delete': async ({ id }) => {
      if (deps.builds.running().includes(id)) return fail('CONFLICT', 'Cancel the build before deleting it.');
      await deps.history.remove(id);
      return ok(null);
    },
    'history:clear': async () => {
      if (deps.builds.running().length > 0) return fail('CONFLICT', 'Builds are running; cancel them first.');
      await deps.history.clear();
      return ok(null);
    },
  };
}
