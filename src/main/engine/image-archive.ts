import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type Docker from 'dockerode';
import { readJsonLines } from './read-json-lines';

/**
 * `docker save`: streams the image archive to `path` through a temporary file, so a failed or
 * cancelled save never leaves a truncated archive under the chosen name.
 */
export async function saveImage(
  docker: Docker,
  ref: string,
  path: string,
  signal?: AbortSignal,
): Promise<{ bytes: number }> {
  const temp = `${path}.partial`;
  try {
    const archive = (await docker.getImage(ref).get()) as NodeJS.ReadableStream;
    await pipeline(archive, createWriteStream(temp, { mode: 0o644 }), ...(signal ? [{ signal }] : []));
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return { bytes: (await stat(path)).size };
}

/** `docker load`: sends an archive made by `docker save` and reports the images it brought in. */
export async function loadImage(docker: Docker, path: string): Promise<{ loaded: string[] }> {
  const stream = (await docker.loadImage(
    createReadStream(path) as unknown as string,
  )) as NodeJS.ReadableStream;
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
  return { loaded };
}
