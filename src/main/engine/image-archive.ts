import { dirname } from 'node:path';
import { addAbortSignal, type Readable } from 'node:stream';
import type Docker from 'dockerode';
import { openUserFile, type UserFileResult } from '../fs/safe-files';
import { replaceUserFile } from '../fs/write-user-file';
import { readJsonLines } from './read-json-lines';

const ARCHIVE_NAME = /\.(tar|tar\.gz|tgz)$/i;

/**
 * `docker save`: streams the image archive into a temp file with a random name beside `path`
 * (created `wx`, so a planted link there is never followed), renamed over `path` at the end: a
 * failed or cancelled save never leaves a truncated archive under the chosen name. `path` must be
 * absent or a plain file; an existing archive keeps its mode.
 */
export async function saveImage(
  docker: Docker,
  ref: string,
  path: string,
  signal?: AbortSignal,
): Promise<UserFileResult<{ bytes: number }>> {
  // Asked before the engine starts sending: a refused path costs no export.
  const saved = await replaceUserFile(
    path,
    { within: dirname(path), label: 'The archive' },
    async (handle) => {
      const archive = (await docker.getImage(ref).get()) as Readable;
      if (signal) addAbortSignal(signal, archive);
      // The handle stays ours (replaceUserFile syncs, chmods and closes it), so no write stream.
      for await (const chunk of archive as AsyncIterable<Buffer>) await handle.write(chunk);
    },
  );
  return saved.ok ? { ok: true, value: { bytes: saved.value.size } } : saved;
}

/**
 * `docker load`: sends an archive made by `docker save` and reports the images it brought in.
 * Only a regular file is sent (a FIFO or a device named `.tar` is refused).
 */
export async function loadImage(docker: Docker, path: string): Promise<UserFileResult<{ loaded: string[] }>> {
  const opened = await openUserFile(path, {
    label: 'The archive',
    // A link named x.tar must lead to an archive too, not to /etc/shadow sent to the engine.
    realPathProblem: (real) => (ARCHIVE_NAME.test(real) ? null : 'not a .tar or .tar.gz archive'),
  });
  if (!opened.ok) return opened;
  const file = opened.value.createReadStream();
  const stream = (await docker.loadImage(file as unknown as string).catch((error: unknown) => {
    file.destroy();
    throw error;
  })) as NodeJS.ReadableStream;
  const loaded: string[] = [];
  let failure: string | null = null;
  await readJsonLines(stream, (message) => {
    const {
      stream: text,
      error,
      errorDetail,
    } = message as { stream?: string; error?: string; errorDetail?: { message?: string } };
    if (error || errorDetail?.message)
      failure = errorDetail?.message ?? error ?? 'The engine refused the archive.';
    const match = /Loaded image(?: ID)?: (.+)/.exec(text ?? '');
    if (match) loaded.push(match[1]!.trim());
  });
  if (failure) throw Object.assign(new Error(failure), { statusCode: 400, json: { message: failure } });
  return { ok: true, value: { loaded } };
}
