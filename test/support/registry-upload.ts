/**
 * Puts an image straight into the rig registry through the registry API, without any engine, so a
 * pull test downloads content its engine has never had. (Removing a pushed image locally is not
 * enough on the containerd store: its blobs stay until containerd's garbage collector runs, and a
 * pull then finds everything present and reports no layer at all.)
 */
import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

interface Registry {
  address: string;
  username: string;
  password: string;
}

const sha256 = (data: Buffer): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;

async function layerTar(files: Record<string, Buffer>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, data] of Object.entries(files))
    pack.entry({ name, mode: 0o644, mtime: new Date(0) }, data);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function check(response: Response, what: string): Promise<Response> {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  return response;
}

async function uploadBlob(registry: Registry, repo: string, auth: string, blob: Buffer): Promise<string> {
  const digest = sha256(blob);
  const started = await check(
    await fetch(`http://${registry.address}/v2/${repo}/blobs/uploads/`, {
      method: 'POST',
      headers: { Authorization: auth },
    }),
    'starting a blob upload',
  );
  const location = new URL(started.headers.get('location')!, `http://${registry.address}`);
  location.searchParams.set('digest', digest);
  await check(
    await fetch(location, {
      method: 'PUT',
      headers: { Authorization: auth, 'Content-Type': 'application/octet-stream' },
      body: blob,
    }),
    'uploading a blob',
  );
  return digest;
}

/**
 * Uploads a one-layer linux/amd64 image (`layers` random bytes in one file per layer) as
 * `<repo>:<tag>` and returns its manifest digest.
 */
export async function uploadImage(
  registry: Registry,
  repo: string,
  tag: string,
  options: { layers?: number; bytesPerLayer?: number } = {},
): Promise<string> {
  const auth = `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`;
  const layers: Array<{ digest: string; size: number; diffId: string }> = [];
  for (let index = 0; index < (options.layers ?? 2); index++) {
    const plain = await layerTar({ [`file${index}.bin`]: randomBytes(options.bytesPerLayer ?? 300_000) });
    const compressed = gzipSync(plain);
    layers.push({
      digest: await uploadBlob(registry, repo, auth, compressed),
      size: compressed.length,
      diffId: sha256(plain),
    });
  }
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Cmd: ['/file0.bin'] },
      rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.diffId) },
      history: layers.map(() => ({ created_by: 'uploaded by the test through the registry API' })),
    }),
  );
  const configDigest = await uploadBlob(registry, repo, auth, config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: configDigest,
        size: config.length,
      },
      layers: layers.map((layer) => ({
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        digest: layer.digest,
        size: layer.size,
      })),
    }),
  );
  await check(
    await fetch(`http://${registry.address}/v2/${repo}/manifests/${tag}`, {
      method: 'PUT',
      headers: { Authorization: auth, 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' },
      body: manifest,
    }),
    'putting the manifest',
  );
  return sha256(manifest);
}
