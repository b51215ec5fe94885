/**
 * Multi-platform images in the image list, on both rig engines. The image is a hand-made OCI
 * archive (an index with linux/amd64 and linux/arm64, test/support/oci-archive.ts) loaded with the
 * engine's own `docker load`: no registry, no emulator. What each engine does with it:
 * - 26.1, containerd store: keeps the index and both platforms; `/images/json` lists it once, by the
 *   index digest, sized over both platforms, and names no platform (`manifests=1` is API 1.47);
 * - 20.10, overlay2: reads only `manifest.json` and loads the first platform as a plain image.
 * The platforms then come from `images:platforms`, which reads the engine's export of the image.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatSize } from '../../src/shared/format-size';
import { dockerCli } from '../support/docker-cli';
import { startServices, type TestServices } from '../support/main-services';
import { multiPlatformArchive, type OciArchive, type PlatformImage } from '../support/oci-archive';
import { TEST_PREFIX } from '../support/rig-info';
import { rigDocker } from '../support/test-images';

const rig = inject('rig');
const docker = rigDocker(rig.dockerHost);
const root = mkdtempSync(join(tmpdir(), 'dw-multi-platform-'));
const suffix = `${process.pid}-${Date.now().toString(36)}`;
const created: string[] = [];
let app: TestServices;
let containerdStore = false;
let apiVersion = '';

async function load(name: string, platforms: PlatformImage[], drop: string[] = []): Promise<OciArchive> {
  const reference = `${TEST_PREFIX}/multi-${name}:${suffix}`;
  const archive = await multiPlatformArchive(reference, platforms, { drop });
  const file = join(root, `${name}.tar`);
  writeFileSync(file, archive.tar);
  created.push(reference);
  await dockerCli(rig.dockerHost, ['load', '-i', file]);
  return archive;
}

/** The image's entries as the engine lists them, raw: the ground truth beside `docker images`. */
async function engineEntries(
  reference: string,
): Promise<Array<{ Id: string; Size: number; Manifests?: unknown }>> {
  return (await docker.listImages({
    filters: { reference: [reference] },
    manifests: true,
  } as never)) as never;
}

const file = (text: string): Record<string, string> => ({ 'etc/platform.txt': text.repeat(400) });
const amd64: PlatformImage = { os: 'linux', architecture: 'amd64', files: file('amd64 ') };
const arm64: PlatformImage = { os: 'linux', architecture: 'arm64', variant: 'v8', files: file('arm64 ') };

beforeAll(async () => {
  app = startServices({ DOCKER_HOST: rig.dockerHost });
  const status = await app.settled();
  if (status.state !== 'connected') throw new Error(`not connected: ${JSON.stringify(status)}`);
  containerdStore = status.info.imageStore === 'containerd';
  apiVersion = status.info.apiVersion;
});

afterAll(async () => {
  app?.dispose();
  for (const reference of created) await dockerCli(rig.dockerHost, ['rmi', reference]).catch(() => '');
  rmSync(root, { recursive: true, force: true });
});

describe('a multi-platform image in the image list', () => {
  it('is listed once, with the size docker images prints, and the platforms its export holds', async () => {
    const archive = await load('two', [amd64, arm64]);
    const reference = created.at(-1)!;
    const listed = (await app.value('images:list', {})).filter((image) => image.tags.includes(reference));
    expect(listed).toHaveLength(1);
    const image = listed[0]!;
    const cliRows = (await dockerCli(rig.dockerHost, ['images', '--format', '{{.ID}} {{.Size}}', reference]))
      .trim()
      .split('\n');
    expect(cliRows).toEqual([`${image.id.slice(7, 19)} ${formatSize(image.sizeBytes)}`]);
    const [entry] = await engineEntries(reference);
    expect(image.sizeBytes).toBe(entry!.Size);

    const platforms = await app.value('images:platforms', { ref: reference });
    if (containerdStore) {
      // The image is the index itself, and both platforms are stored: its size sums both.
      expect(image.id).toBe(archive.indexDigest);
      expect(platforms.platforms).toEqual(
        archive.manifests.map(({ platform, contentBytes }) => ({ platform, contentBytes })),
      );
      expect(platforms.missing).toEqual([]);
      const bothContents = archive.manifests.reduce((sum, manifest) => sum + manifest.contentBytes, 0);
      expect(image.sizeBytes).toBeGreaterThan(bothContents);
      expect(platforms.contentBytes).toBe(bothContents + archive.indexBytes);
    } else {
      // The classic store took manifest.json's image: the first platform, as a plain image.
      expect(platforms.platforms.map((entry) => entry.platform)).toEqual(['linux/amd64']);
      expect(platforms.missing).toEqual([]);
      expect(platforms.contentBytes).toBe(platforms.platforms[0]!.contentBytes);
    }
    // API 1.45 and 1.41 ignore manifests=1: platforms in the list wait for an engine of API 1.47+.
    const [major = 0, minor = 0] = apiVersion.split('.').map(Number);
    if (major === 1 && minor < 47) {
      expect(entry!.Manifests).toBeUndefined();
      expect(image.platforms).toBeUndefined();
    } else {
      expect(image.platforms).toEqual(platforms.platforms.map((entry) => entry.platform));
    }
  });

  it('counts a layer two platforms share once in the stored content', async () => {
    const same = { 'etc/shared.txt': 'the same bytes on every platform\n'.repeat(300) };
    const archive = await load('shared', [
      { ...amd64, files: same },
      { ...arm64, files: same },
    ]);
    const reference = created.at(-1)!;
    const platforms = await app.value('images:platforms', { ref: reference });
    const perPlatform = platforms.platforms.reduce((sum, entry) => sum + entry.contentBytes, 0);
    if (containerdStore) {
      expect(platforms.platforms.map((entry) => entry.platform)).toEqual(['linux/amd64', 'linux/arm64/v8']);
      expect(platforms.contentBytes).toBe(perPlatform - archive.layerBytes[0]! + archive.indexBytes);
    } else {
      expect(platforms.platforms.map((entry) => entry.platform)).toEqual(['linux/amd64']);
      expect(platforms.contentBytes).toBe(perPlatform);
    }
  });

  it('names the platforms of the index that this engine does not hold', async () => {
    // As after pulling one platform of a multi-platform image: the index names arm64, its content is absent.
    // Its own bytes: content is shared by digest, and the first case's arm64 blobs are stored.
    const partial = [
      { ...amd64, files: file('partial amd64 ') },
      { ...arm64, files: file('partial arm64 ') },
    ];
    await load('partial', partial, ['linux/arm64/v8']);
    const reference = created.at(-1)!;
    const [listed] = (await app.value('images:list', {})).filter((image) => image.tags.includes(reference));
    const platforms = await app.value('images:platforms', { ref: reference });
    expect(platforms.platforms.map((entry) => entry.platform)).toEqual(['linux/amd64']);
    expect(platforms.missing).toEqual(containerdStore ? ['linux/arm64/v8'] : []);
    const [entry] = await engineEntries(reference);
    expect(listed!.sizeBytes).toBe(entry!.Size);
  });

  it('answers NOT_FOUND for an image that is not there', async () => {
    const result = await app.call('images:platforms', { ref: `${TEST_PREFIX}/no-such-image:${suffix}` });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
