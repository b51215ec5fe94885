import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, createReadStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { debianMirrorFor } from './debian-mirror';

const run = promisify(execFile);
const cacheDir = resolve(import.meta.dirname, '../../.cache');
/** What the Python stand-in holds; a new value rebuilds it (and its cached rootfs). */
const STAND_IN_LABEL = 'dev.dockwright.stand-in';
const STAND_IN_VERSION = 'python-flask-gunicorn-1';

/**
 * A stand-in for the official `python:3.11-slim` in the PRIVATE test engine only: Debian bookworm
 * (whose python3 is 3.11) with pip and, because containers cannot reach PyPI here, Flask and
 * gunicorn from Debian's packages (pip then finds a requirement on them satisfied, so a project
 * declaring them installs offline; Debian's FastAPI is not used: its starlette pin makes pip look
 * for another starlette online). Like the official image it has `python`, `pip` and
 * no PEP 668 marker. The image carries the contents' version as a label: an older stand-in left
 * in the engine is replaced.
 *
 * The rootfs comes from debootstrap (~1 min) and is cached, git-ignored, in .cache/.
 */
export async function ensurePythonStandIn(docker: Docker, tag = 'python:3.11-slim'): Promise<string> {
  const existing = await docker
    .getImage(tag)
    .inspect()
    .catch(() => null);
  if (existing?.Config.Labels?.[STAND_IN_LABEL] === STAND_IN_VERSION) return existing.Id;
  mkdirSync(cacheDir, { recursive: true });
  const tarball = join(cacheDir, `python-3.11-slim-${STAND_IN_VERSION}-rootfs.tar`);
  if (!existsSync(tarball)) {
    const root = join(cacheDir, 'python-rootfs');
    rmSync(root, { recursive: true, force: true });
    await run(
      'debootstrap',
      [
        '--variant=minbase',
        '--include=python3,python3-pip,python3-flask,gunicorn,python-is-python3',
        'bookworm',
        root,
        debianMirrorFor('bookworm'),
      ],
      { maxBuffer: 64 * 1024 * 1024, timeout: 600_000 },
    );
    // The official image installs its own Python, which is not "externally managed".
    await run('sh', [
      '-c',
      `rm -f ${root}/usr/lib/python3*/EXTERNALLY-MANAGED && rm -rf ${root}/var/cache/apt/archives/*.deb ${root}/var/lib/apt/lists/*`,
    ]);
    await run('tar', ['-C', root, '-cf', `${tarball}.partial`, '.'], { maxBuffer: 16 * 1024 * 1024 });
    await run('mv', [`${tarball}.partial`, tarball]);
    rmSync(root, { recursive: true, force: true });
  }
  const stream = await docker.importImage(
    createReadStream(tarball) as unknown as string,
    {
      repo: tag.split(':')[0],
      tag: tag.split(':')[1],
      changes: ['CMD ["python3"]', 'ENV LANG=C.UTF-8', `LABEL ${STAND_IN_LABEL}=${STAND_IN_VERSION}`],
    } as object,
  );
  await new Promise<void>((resolveImport, reject) =>
    docker.modem.followProgress(stream as NodeJS.ReadableStream, (error) =>
      error ? reject(error) : resolveImport(),
    ),
  );
  return (await docker.getImage(tag).inspect()).Id;
}
