import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../../../src/shared/images';
import { imageRows, splitTag, type ImageRow } from '../../../../../src/renderer/features/images/image-rows';

const ID = {
  nginx: `sha256:${'a1'.repeat(32)}`,
  app: `sha256:${'b2'.repeat(32)}`,
  dangling: `sha256:${'c3'.repeat(32)}`,
  busybox: `sha256:${'d4'.repeat(32)}`,
};

function image(id: string, tags: string[], fields: { created: number; sizeBytes: number }): ImageSummary {
  return { id, tags, digests: [], containers: 0, dangling: tags.length === 0, ...fields };
}

const nginx = image(ID.nginx, ['nginx:1.27', 'nginx:latest'], {
  created: 1_700_000_300,
  sizeBytes: 192_000_000,
});
const app = image(ID.app, ['localhost:5000/team/app:1.0'], { created: 1_700_000_100, sizeBytes: 55_000_000 });
const dangling = image(ID.dangling, [], { created: 1_700_000_200, sizeBytes: 80_000_000 });
const busybox = image(ID.busybox, ['busybox:latest'], { created: 1_700_000_000, sizeBytes: 4_300_000 });
const images = [nginx, app, dangling, busybox];

/** `repository:tag` of each row, in order. */
const names = (rows: ImageRow[]): string[] => rows.map((row) => `${row.repository}:${row.tag}`);

describe('splitTag', () => {
  it.each([
    ['nginx:1.27', 'nginx', '1.27'],
    ['nginx', 'nginx', 'latest'],
    ['library/nginx:latest', 'library/nginx', 'latest'],
    ['localhost:5000/app', 'localhost:5000/app', 'latest'],
    ['localhost:5000/app:1.0', 'localhost:5000/app', '1.0'],
    ['registry.example.com:443/team/app:2.1-rc1', 'registry.example.com:443/team/app', '2.1-rc1'],
    ['ghcr.io/owner/tool', 'ghcr.io/owner/tool', 'latest'],
  ])('splits %s into repository %s and tag %s', (reference, repository, tag) => {
    expect(splitTag(reference)).toEqual({ repository, tag });
  });
});

describe('imageRows', () => {
  it('lists an image once per tag, each row removing its own tag', () => {
    const rows = imageRows([nginx], '', 'repository');

    expect(rows.map((row) => [row.key, row.repository, row.tag, row.removeRef])).toEqual([
      ['nginx:1.27', 'nginx', '1.27', 'nginx:1.27'],
      ['nginx:latest', 'nginx', 'latest', 'nginx:latest'],
    ]);
    expect(rows.every((row) => row.image === nginx)).toBe(true);
  });

  it('splits a tag on a registry with a port at the tag, not the port', () => {
    const [row] = imageRows([app], '', 'repository');

    expect(row).toMatchObject({
      repository: 'localhost:5000/team/app',
      tag: '1.0',
      removeRef: 'localhost:5000/team/app:1.0',
    });
  });

  it('lists a dangling image as <none>:<none>, removed by its id', () => {
    const rows = imageRows([dangling], '', 'created');

    expect(rows).toEqual([
      { key: ID.dangling, image: dangling, repository: '<none>', tag: '<none>', removeRef: ID.dangling },
    ]);
  });

  it('gives every row a distinct key', () => {
    const keys = imageRows(images, '', 'created').map((row) => row.key);

    expect(keys).toHaveLength(5);
    expect(new Set(keys).size).toBe(5);
  });

  describe('filter', () => {
    it('keeps the rows whose repository matches', () => {
      expect(names(imageRows(images, 'nginx', 'repository'))).toEqual(['nginx:1.27', 'nginx:latest']);
    });

    it('keeps only the row of the matching tag, not the image’s other tags', () => {
      expect(names(imageRows(images, '1.27', 'repository'))).toEqual(['nginx:1.27']);
    });

    it('matches repository and tag written together as repo:tag', () => {
      expect(names(imageRows(images, 'nginx:latest', 'repository'))).toEqual(['nginx:latest']);
    });

    it('matches a registry host with its port', () => {
      expect(names(imageRows(images, 'localhost:5000', 'repository'))).toEqual([
        'localhost:5000/team/app:1.0',
      ]);
    });

    it('matches the image id, so a dangling image can be found', () => {
      expect(imageRows(images, 'c3c3c3', 'repository').map((row) => row.removeRef)).toEqual([ID.dangling]);
    });

    it('ignores case and surrounding spaces', () => {
      expect(names(imageRows(images, '  BusyBox ', 'repository'))).toEqual(['busybox:latest']);
    });

    it('keeps every row for an empty or blank filter', () => {
      expect(imageRows(images, '', 'created')).toHaveLength(5);
      expect(imageRows(images, '   ', 'created')).toHaveLength(5);
    });

    it('keeps nothing when nothing matches', () => {
      expect(imageRows(images, 'postgres', 'created')).toEqual([]);
    });
  });

  describe('sort', () => {
    it('sorts by repository, then tag', () => {
      const rows = imageRows([busybox, nginx, app], '', 'repository');

      expect(names(rows)).toEqual([
        'busybox:latest',
        'localhost:5000/team/app:1.0',
        'nginx:1.27',
        'nginx:latest',
      ]);
    });

    it('sorts by creation time, newest first', () => {
      const rows = imageRows(images, '', 'created');

      expect(names(rows)).toEqual([
        'nginx:1.27',
        'nginx:latest',
        '<none>:<none>',
        'localhost:5000/team/app:1.0',
        'busybox:latest',
      ]);
    });

    it('sorts by size, largest first', () => {
      const rows = imageRows(images, '', 'size');

      expect(rows.map((row) => row.image.sizeBytes)).toEqual([
        192_000_000, 192_000_000, 80_000_000, 55_000_000, 4_300_000,
      ]);
    });

    it('keeps the engine’s order among rows of the same image', () => {
      const tagsInReverse = image(ID.nginx, ['nginx:latest', 'nginx:1.27'], { created: 1, sizeBytes: 1 });

      expect(names(imageRows([tagsInReverse], '', 'size'))).toEqual(['nginx:latest', 'nginx:1.27']);
    });

    it('does not reorder the images passed in', () => {
      const input = [busybox, nginx];
      imageRows(input, '', 'size');

      expect(input).toEqual([busybox, nginx]);
    });
  });
});
