/*
 * "Open a shell at the last good step" (issue #18): builds the Dockerfile of a recorded build cut
 * just before the failing step (or just after any step), as a build of its own with progress and
 * cancel, tagged under a debug name. Every step left comes from the cache, so it takes seconds; the
 * image then carries the filesystem, WORKDIR, ENV and USER the step saw, and the terminal starts a
 * container from it.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { debugDockerfile, type DebugBuild } from '../../shared/builds/debug-dockerfile';
import { fail, ok, type Result } from '../../shared/result';
import type { BuildHistory } from '../store/build-history';
import type { BuildRunner } from './build-runner';

/** Marks debug builds and images, so they can be told apart and cleaned up. */
export const DEBUG_LABEL = 'dev.dockwright.debug';
/** Cut Dockerfiles older than this are removed when the next debug build starts. */
const KEEP_MS = 60 * 60 * 1000;

async function removeOld(dir: string, now: number): Promise<void> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const entry of entries) {
    const path = join(dir, entry);
    const info = await stat(path).catch(() => null);
    if (info && now - info.mtimeMs > KEEP_MS) await rm(path, { recursive: true, force: true });
  }
}

export async function startDebugBuild(
  deps: {
    history: Pick<BuildHistory, 'get'>;
    builds: Pick<BuildRunner, 'start'>;
    dir: string;
    now?: () => number;
  },
  request: { buildId: string; line: number; at: 'before' | 'after' },
): Promise<Result<DebugBuild>> {
  const record = await deps.history.get(request.buildId);
  if (!record) return fail('NOT_FOUND', 'That build is no longer in the history.');
  const cut = debugDockerfile(record.dockerfileText, request.line, request.at);
  if (!cut.ok) return cut;

  await removeOld(deps.dir, (deps.now ?? Date.now)());
  // The original's name, so BuildKit finds a `<name>.dockerignore` copied beside it.
  const folder = join(deps.dir, randomUUID());
  await mkdir(folder, { recursive: true });
  const name = basename(record.dockerfilePath);
  const dockerfile = join(folder, name);
  await writeFile(dockerfile, cut.value.text);
  const ignore = join(dirname(record.dockerfilePath), `${name}.dockerignore`);
  await copyFile(ignore, `${dockerfile}.dockerignore`).catch(() => undefined);

  const image = `dockwright-debug/${record.id
    .slice(0, 12)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')}:line-${cut.value.line}`;
  const { secrets: _secrets, ssh: _ssh, ...rest } = record.request;
  const started = await deps.builds.start({
    ...rest,
    dockerfile,
    tags: [image],
    // The cut file's last stage is the step's own: build it, whatever the original targeted.
    target: null,
    noCache: false,
    labels: { ...rest.labels, [DEBUG_LABEL]: `${record.id}:${cut.value.line}` },
    builder: record.builder,
  });
  if (!started.ok) {
    await rm(folder, { recursive: true, force: true });
    return started;
  }
  return ok({
    build: started.value,
    image,
    pending: cut.value.pending,
    pendingCommand: cut.value.pendingCommand,
    line: cut.value.line,
  });
}
