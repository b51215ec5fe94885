/**
 * What the engine's own `docker save` (run with its own CLI) holds for an image, read without the
 * code under test: each layer's blob as saved, its content bytes, and the bytes of the blobs the
 * containerd image store counts as the image's size.
 *
 * Content bytes follow the classic store's count (moby's directory.Size): regular files by size,
 * symlinks by their target's length, hard links and directories nothing, whiteouts nothing.
 * Both layouts carry manifest.json (engine 26.1 names blob paths in it), so that is what is read.
 */
import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { rigCli } from './docker-cli';
import type { RigInfo } from './rig-info';

const run = promisify(execFile);

/** One layer of a saved image. */
export interface SavedLayer {
  /** Path in the archive (`<id>/layer.tar` or `blobs/sha256/<hex>`). */
  path: string;
  /** Bytes of the blob as saved. */
  blobBytes: number;
  compression: 'none' | 'gzip' | 'other';
  /** Content bytes, counted as the classic store counts a layer; null when not readable here. */
  contentBytes: number | null;
  /** Paths of the layer's whiteout entries (`dir/.wh.name`, `dir/.wh..wh..opq`), as written. */
  whiteouts: string[];
}

/** A saved image, as its archive has it. */
export interface SavedImage {
  layout: 'docker-archive' | 'oci-layout';
  config: { history?: Array<{ created_by?: string; comment?: string; empty_layer?: boolean }> };
  layers: SavedLayer[];
  /**
   * OCI layout only: the bytes of the image's index (when its id names one), its platform
   * manifest(s), their configs and layers, attestations left out; null for the classic layout.
   */
  imageBlobBytes: number | null;
}

interface Descriptor {
  digest?: string;
  size?: number;
  platform?: { os?: string; architecture?: string };
  annotations?: Record<string, string>;
}

/** Runs `docker save` with the engine's own CLI into a temporary folder and reads it. */
export async function readSavedImage(rig: RigInfo, imageId: string): Promise<SavedImage> {
  const dir = mkdtempSync(join(tmpdir(), 'dw-saved-'));
  try {
    const cli = rigCli(rig);
    const archive = join(dir, 'image.tar');
    await run(cli.binary, ['save', '-o', archive, imageId], { env: cli.env });
    await run('tar', ['-xf', archive, '-C', dir]);
    const manifest = (
      JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Array<{
        Config: string;
        Layers: string[];
      }>
    )[0]!;
    const oci = statSync(join(dir, 'index.json'), { throwIfNoEntry: false }) !== undefined;
    const layers: SavedLayer[] = [];
    for (const path of manifest.Layers) layers.push(await readLayer(join(dir, path), path));
    return {
      layout: oci ? 'oci-layout' : 'docker-archive',
      config: JSON.parse(readFileSync(join(dir, manifest.Config), 'utf8')) as SavedImage['config'],
      layers,
      imageBlobBytes: oci ? imageBlobBytes(dir, imageId) : null,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function blob(dir: string, digest: string): string {
  return join(dir, 'blobs', ...digest.split(':'));
}

/** The containerd store's image size, added up from the saved blobs (measured equal on 26.1). */
function imageBlobBytes(dir: string, imageId: string): number {
  const sizeOf = (digest: string): number => statSync(blob(dir, digest)).size;
  const manifestBytes = (digest: string): number => {
    const manifest = JSON.parse(readFileSync(blob(dir, digest), 'utf8')) as {
      config: Descriptor;
      layers: Descriptor[];
    };
    return (
      sizeOf(digest) +
      sizeOf(manifest.config.digest!) +
      manifest.layers.reduce((sum, layer) => sum + sizeOf(layer.digest!), 0)
    );
  };
  const top = JSON.parse(readFileSync(blob(dir, imageId), 'utf8')) as { manifests?: Descriptor[] };
  if (!Array.isArray(top.manifests)) return manifestBytes(imageId);
  const platforms = top.manifests.filter(
    (descriptor) =>
      descriptor.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest' &&
      statSync(blob(dir, descriptor.digest!), { throwIfNoEntry: false }) !== undefined,
  );
  return sizeOf(imageId) + platforms.reduce((sum, descriptor) => sum + manifestBytes(descriptor.digest!), 0);
}

async function readLayer(file: string, path: string): Promise<SavedLayer> {
  const blobBytes = statSync(file).size;
  const head = readFileSync(file).subarray(0, 512);
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  const plain = head.length >= 262 && head.toString('latin1', 257, 262) === 'ustar';
  const empty = head.length === 512 && head.every((byte) => byte === 0);
  if (!gzip && !plain && !empty)
    return { path, blobBytes, compression: 'other', contentBytes: null, whiteouts: [] };
  const source: Readable = gzip ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  let contentBytes = 0;
  const whiteouts: string[] = [];
  const extract = tar.extract();
  await new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, entry, next) => {
      const name = header.name.split('/').filter(Boolean).at(-1) ?? '';
      if (name.startsWith('.wh.')) whiteouts.push(header.name.replace(/^\.?\/+/, ''));
      else {
        if (header.type === 'file' || header.type === 'contiguous-file') contentBytes += header.size ?? 0;
        else if (header.type === 'symlink') contentBytes += Buffer.byteLength(header.linkname ?? '');
      }
      entry.on('end', next);
      entry.resume();
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
    source.on('error', reject);
    source.pipe(extract);
  });
  return { path, blobBytes, compression: gzip ? 'gzip' : 'none', contentBytes, whiteouts };
}
