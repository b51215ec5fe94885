import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImageLayers } from '../../../../src/main/layers/image-layers';
import { createImagePackages } from '../../../../src/main/packages/image-packages';
import type { ImageInventory } from '../../../../src/shared/layers/image-inventory';
import type { LayersView } from '../../../../src/shared/layers/layers-view';
import { fail, ok } from '../../../../src/shared/result';

const STATUS = (version: string) =>
  `Package: curl\nStatus: install ok installed\nInstalled-Size: 500\nArchitecture: amd64\nVersion: ${version}\n`;

const inventoryOf = (imageId: string, version: string): ImageInventory => ({
  imageId,
  files: [
    {
      path: 'var/lib/dpkg/status',
      kind: 'file',
      sizeBytes: 90,
      digest: 'sha256:x',
      linkTarget: null,
      layerIndex: 0,
    },
  ],
  captured: [{ layerIndex: 0, path: 'var/lib/dpkg/status', content: STATUS(version) }],
  capturedTruncated: false,
  unreadableLayers: [],
});

const viewOf = (imageId: string, tags: string[]) =>
  ({
    details: { id: imageId, tags, history: [] },
    dockerfile: null,
  }) as unknown as LayersView;

function fakeLayers() {
  const images: Record<string, { inventory: ImageInventory; tags: string[] }> = {
    'app:1': { inventory: inventoryOf('sha256:one', '7.88.1-10'), tags: ['app:1'] },
    'sha256:two': { inventory: inventoryOf('sha256:two', '7.88.1-10+deb12u5'), tags: ['app:2'] },
  };
  const layers: Pick<ImageLayers, 'inventory' | 'view'> = {
    inventory: vi.fn(async (ref: string) => {
      const image = images[ref];
      return image ? ok(image.inventory) : fail('NOT_FOUND', `No such image: ${ref}`);
    }),
    view: vi.fn(async (ref: string) => {
      const image = images[ref];
      return image
        ? ok(viewOf(image.inventory.imageId, image.tags))
        : fail('NOT_FOUND', `No such image: ${ref}`);
    }),
  };
  return layers;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-packages-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const packages = (layers = fakeLayers()) =>
  createImagePackages({
    layers,
    toolVersion: '1.2.3',
    now: () => new Date('2026-11-30T23:00:00.000Z'),
    uuid: () => '3e671687-395b-41f5-a30f-a58921a69b79',
  });

describe('createImagePackages', () => {
  it('lists an image’s packages from its inventory', async () => {
    const answer = await packages().list('app:1');
    expect(
      answer.ok && answer.value.packages.map((entry) => `${entry.name} ${entry.version} ${entry.sizeBytes}`),
    ).toEqual(['curl 7.88.1-10 512000']);
  });

  it('passes the inventory’s failure on', async () => {
    expect(await packages().list('missing:1')).toEqual(fail('NOT_FOUND', 'No such image: missing:1'));
  });

  it('compares two images', async () => {
    const answer = await packages().compare('app:1', 'sha256:two');
    expect(answer.ok && answer.value.changes.map((change) => [change.change, change.name])).toEqual([
      ['changed', 'curl'],
    ]);
  });

  it('writes an SPDX document named after the image’s tag, even when asked by id', async () => {
    const path = join(dir, 'sbom.spdx.json');
    const answer = await packages().exportSbom('sha256:two', 'spdx', path);
    const written = readFileSync(path, 'utf8');
    expect(answer).toEqual(ok({ bytes: Buffer.byteLength(written), packages: 1 }));
    const document = JSON.parse(written) as {
      name: string;
      spdxVersion: string;
      creationInfo: { created: string; creators: string[] };
    };
    expect(document).toMatchObject({
      name: 'app:2',
      spdxVersion: 'SPDX-2.3',
      creationInfo: { created: '2026-11-30T23:00:00Z', creators: ['Tool: dockwright-1.2.3'] },
    });
  });

  it('writes a CycloneDX BOM over an existing file', async () => {
    const path = join(dir, 'bom.json');
    writeFileSync(path, 'old');
    expect((await packages().exportSbom('app:1', 'cyclonedx', path)).ok).toBe(true);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
    });
  });

  it('refuses a link before reading the image', async () => {
    const layers = fakeLayers();
    const outside = join(dir, 'outside.json');
    writeFileSync(outside, 'keep');
    symlinkSync(outside, join(dir, 'link.json'));
    const answer = await packages(layers).exportSbom('app:1', 'spdx', join(dir, 'link.json'));
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error.field).toBe('path');
    expect(layers.inventory).not.toHaveBeenCalled();
    expect(readFileSync(outside, 'utf8')).toBe('keep');
  });
});
