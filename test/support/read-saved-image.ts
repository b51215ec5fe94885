import { gunzipSync } from 'node:zlib';
import tar from 'tar-stream';

/** One entry of a tar: its header and, when kept, its bytes. */
export interface TarEntry {
  header: tar.Header;
  data: Buffer;
}

/** Reads a tar stream; `keep` decides whose bytes are kept (the rest are read and dropped). */
export async function readTar(
  source: NodeJS.ReadableStream,
  keep: (name: string) => boolean = () => true,
): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  const extract = tar.extract();
  extract.on('entry', (header, body, next) => {
    const chunks: Buffer[] = [];
    body.on('data', (chunk: unknown) => {
      if (keep(header.name)) chunks.push(chunk as Buffer);
    });
    body.on('end', () => {
      entries.push({ header, data: Buffer.concat(chunks) });
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    extract.on('finish', resolve);
    extract.on('error', reject);
    source.on('error', reject);
    source.pipe(extract as unknown as NodeJS.WritableStream);
  });
  return entries;
}

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

function startsWith(data: Buffer, magic: number[]): boolean {
  return magic.every((byte, index) => data[index] === byte);
}

/** A layer blob as a plain tar: the containerd image store keeps (and saves) layers gzip-compressed. */
export function uncompressedLayer(data: Buffer): Buffer {
  if (startsWith(data, GZIP_MAGIC)) return gunzipSync(data);
  // Node 20 has no zstd; say so instead of letting tar-stream report a "corrupted" tar.
  if (startsWith(data, ZSTD_MAGIC))
    throw new Error('The saved layer is zstd-compressed; Node cannot read it');
  return data;
}

interface Descriptor {
  mediaType?: string;
  digest: string;
}

function blobPath(digest: string): string {
  const [algorithm, hex] = digest.split(':');
  return `blobs/${algorithm}/${hex}`;
}

/**
 * Layer paths inside a `docker save` archive, bottom layer first. Both layouts are read:
 * - classic (Docker ≤ 24, or the overlay2 store): `manifest.json` names `<id>/layer.tar` files;
 * - OCI (Docker 25+, and any engine with the containerd store): `manifest.json` names
 *   `blobs/sha256/…`; when an archive has only `index.json`, the first image manifest it reaches is used.
 */
function layerPaths(files: Map<string, Buffer>): string[] {
  const manifest = files.get('manifest.json');
  if (manifest) {
    const entries = JSON.parse(manifest.toString()) as Array<{ Layers: string[] }>;
    if (!entries[0]) throw new Error('manifest.json of the saved image lists no image');
    return entries[0].Layers;
  }
  const index = files.get('index.json');
  if (!index) throw new Error('The saved image has neither manifest.json nor index.json');
  let node = JSON.parse(index.toString()) as { manifests?: Descriptor[]; layers?: Descriptor[] };
  // An index may point at another index (multi-platform); follow the first entry down to a manifest.
  for (let depth = 0; !node.layers && depth < 4; depth++) {
    const next = node.manifests?.[0];
    const blob = next && files.get(blobPath(next.digest));
    if (!blob) throw new Error('The saved image index leads to no manifest in the archive');
    node = JSON.parse(blob.toString()) as typeof node;
  }
  return (node.layers ?? []).map((layer) => blobPath(layer.digest));
}

/**
 * The layers of an image as `docker save` wrote it, as uncompressed tars, bottom layer first —
 * whatever the engine's layout (classic or OCI) and layer compression.
 */
export async function readSavedImageLayers(source: NodeJS.ReadableStream): Promise<Buffer[]> {
  const entries = await readTar(source);
  const files = new Map(entries.map((entry) => [entry.header.name, entry.data]));
  return layerPaths(files).map((path) => {
    const data = files.get(path);
    if (!data) throw new Error(`The saved image names ${path}, which the archive does not hold`);
    return uncompressedLayer(data);
  });
}
