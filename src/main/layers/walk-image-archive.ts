/**
 * One pass over a `docker save` archive without unpacking it: each layer tar is handed over as a
 * stream (gzip undone), the small JSON files (manifest.json, the image config) are parsed, and
 * everything else is skipped.
 *
 * Two layouts exist. Engine 20.10–24 writes `<v1 id>/layer.tar` (a repeated layer is a symlink
 * to the first) plus `<config digest>.json`; engine 25+ writes an OCI layout: `blobs/sha256/<hex>`
 * for layers, configs, manifests and indexes alike, so a blob is told apart by its first bytes.
 * With the containerd image store the layer blobs are the stored ones, gzip-compressed (measured
 * on 26.1) or zstd; gzip is undone on the way, zstd cannot be (Node 20 has no zstd). Either way
 * manifest.json and index.json come after the layers, so nothing can be ordered until the end.
 */
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type Docker from 'dockerode';
import tar from 'tar-stream';
import type { LayerBlob } from '../../shared/layers/image-contents';
import { normalizeTarPath } from '../../shared/layers/layer-tar-summary';

/** What the walker calls for each part of the archive it understands. */
export interface ArchiveVisitor {
  /** A layer tar, uncompressed; resolve once `tar` is fully read. Without it layers are skipped. */
  layer?(path: string, tar: Readable, blob: LayerBlob): Promise<void>;
  /** A parsed JSON file or blob; answer true to stop reading the archive here. */
  json?(path: string, value: unknown): boolean;
}

/** What a walk saw besides what it handed to the visitor. */
export interface ArchiveWalk {
  /** True when the visitor stopped the walk before the end. */
  stopped: boolean;
  layout: 'docker-archive' | 'oci-layout';
  /** Archive paths that are symlinks to another entry (a layer repeated in the image). */
  aliases: Map<string, string>;
  /** Blobs that look like neither tar, gzip nor JSON (zstd layers: Node 20 has no zstd), by path. */
  unreadable: Map<string, LayerBlob>;
}

/** JSON files bigger than this are not configs or manifests; they are skipped unread. */
const MAX_JSON_BYTES = 32 * 1024 * 1024;
/** A tar header is 512 bytes; the ustar magic sits at 257. */
const PEEK_BYTES = 512;

/** An error that `toAppError` maps to CANCELLED, like docker-modem's own aborts. */
export function abortError(): Error {
  return Object.assign(new Error('Cancelled.'), { name: 'AbortError', code: 'ABORT_ERR' });
}

/**
 * `GET /images/{ref}/get` (docker save). dockerode's `image.get()` takes no abort signal, and
 * engine 20.10 writes the whole export to disk before the first byte, so cancelling must be able
 * to abandon the request itself.
 */
export function openImageArchive(docker: Docker, ref: string, signal?: AbortSignal): Promise<Readable> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `/images/${ref}/get`,
        method: 'GET',
        isStream: true,
        statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
        abortSignal: signal,
      } as never,
      (error: Error | null, stream: unknown) => (error ? reject(error) : resolve(stream as Readable)),
    );
  });
}

/** Reads an archive once, handing layers and JSON to `visitor`; rejects with `abortError()` on abort. */
export function walkImageArchive(
  source: Readable,
  visitor: ArchiveVisitor,
  signal?: AbortSignal,
): Promise<ArchiveWalk> {
  const walk: ArchiveWalk = {
    stopped: false,
    layout: 'docker-archive',
    aliases: new Map(),
    unreadable: new Map(),
  };
  const extract = tar.extract();
  return new Promise<ArchiveWalk>((resolve, reject) => {
    let settled = false;
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (error) {
        source.destroy();
        extract.destroy();
        reject(error);
      } else {
        resolve(walk);
      }
    };
    const stop = (): void => {
      walk.stopped = true;
      finish();
      source.unpipe(extract);
      source.destroy();
      extract.destroy();
    };
    const onAbort = (): void => finish(abortError());
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });

    extract.on('entry', (header, source, next) => {
      // streamx streams speak the Node stream protocol (data/end/error, pipe, pause/resume).
      const entry = source as unknown as Readable;
      const done = (error?: unknown): void => {
        if (error) finish(error);
        else if (!settled) next();
      };
      // Destroying the walk (stop, abort) closes the entry being read: that is not a new failure.
      entry.on('error', (error) => finish(error));
      const path = normalizeTarPath(header.name);
      if (header.type === 'symlink' || header.type === 'link') {
        const target =
          header.type === 'symlink'
            ? resolveLink(path, header.linkname ?? '')
            : normalizeTarPath(header.linkname ?? '');
        walk.aliases.set(path, target);
        drain(entry, done);
        return;
      }
      if (header.type !== 'file' && header.type !== 'contiguous-file') {
        drain(entry, done);
        return;
      }
      const size = header.size ?? 0;
      if (/^blobs\/[^/]+\/[0-9a-f]+$/.test(path)) {
        walk.layout = 'oci-layout';
        handleBlob(path, entry, size, visitor, walk, stop).then(() => done(), done);
      } else if (path.endsWith('/layer.tar') || path === 'layer.tar') {
        handleLayer(path, entry, size, visitor).then(() => done(), done);
      } else if (!path.includes('/') && path.endsWith('.json') && size <= MAX_JSON_BYTES) {
        readJson(entry)
          .then((value) => {
            if (visitor.json?.(path, value)) stop();
            else done();
          })
          .catch(done);
      } else {
        drain(entry, done);
      }
    });
    extract.on('finish', () => finish());
    extract.on('error', (error) => finish(error));
    source.on('error', (error) => finish(signal?.aborted ? abortError() : error));
    source.pipe(extract);
  });
}

async function handleLayer(
  path: string,
  entry: Readable,
  size: number,
  visitor: ArchiveVisitor,
): Promise<void> {
  if (!visitor.layer) {
    await drained(entry);
    return;
  }
  await visitor.layer(path, entry, { bytes: size, compression: 'none' });
}

async function handleBlob(
  path: string,
  entry: Readable,
  size: number,
  visitor: ArchiveVisitor,
  walk: ArchiveWalk,
  stop: () => void,
): Promise<void> {
  const { head, body } = await peek(entry, PEEK_BYTES);
  const kind = blobKind(head);
  if (kind === 'json' && size <= MAX_JSON_BYTES) {
    const value = await readJson(body).catch(() => undefined);
    if (value !== undefined && visitor.json?.(path, value)) stop();
    return;
  }
  if (kind === 'tar' && visitor.layer) {
    await visitor.layer(path, body, { bytes: size, compression: 'none' });
    return;
  }
  if (kind === 'gzip' && visitor.layer) {
    const gunzip = createGunzip();
    body.on('error', (error) => gunzip.destroy(error));
    body.pipe(gunzip);
    await visitor.layer(path, gunzip, { bytes: size, compression: 'gzip' });
    return;
  }
  if (kind === 'zstd' || kind === 'unknown') walk.unreadable.set(path, { bytes: size, compression: kind });
  await drained(body);
}

function blobKind(head: Buffer): 'json' | 'tar' | 'gzip' | 'zstd' | 'unknown' {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  if (head.length >= 262 && head.toString('latin1', 257, 262) === 'ustar') return 'tar';
  // An empty layer is a tar of only zero blocks.
  if (head.length >= 512 && head.every((byte) => byte === 0)) return 'tar';
  const first = head.toString('utf8').trimStart()[0];
  if (first === '{' || first === '[') return 'json';
  return 'unknown';
}

/** Reads the first `bytes` of a stream and gives back a stream of the whole, head included. */
function peek(stream: Readable, bytes: number): Promise<{ head: Buffer; body: Readable }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let ended = false;
    const settle = (): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.pause();
      const head = Buffer.concat(chunks);
      const body = new PassThrough();
      body.write(head);
      if (ended) body.end();
      else {
        stream.on('error', (error) => body.destroy(error));
        stream.pipe(body);
      }
      resolve({ head, body });
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= bytes) settle();
    };
    const onEnd = (): void => {
      ended = true;
      settle();
    };
    const onError = (error: Error): void => reject(error);
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}

async function readJson(stream: Readable): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

function drain(stream: Readable, done: (error?: unknown) => void): void {
  drained(stream).then(() => done(), done);
}

function drained(stream: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
    stream.resume();
  });
}

/** A symlink's target as an archive path: relative to the link's own folder. */
function resolveLink(path: string, target: string): string {
  if (target.startsWith('/')) return normalizeTarPath(target);
  const slash = path.lastIndexOf('/');
  return normalizeTarPath(`${slash < 0 ? '' : path.slice(0, slash)}/${target}`);
}
