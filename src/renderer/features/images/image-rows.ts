import type { ImageSummary } from '@shared/images';

/** One row of the image list: an image under one of its tags, as `docker images` lists them. */
export interface ImageRow {
  key: string;
  image: ImageSummary;
  repository: string;
  tag: string;
  /** What removing this row removes: the tag, or the image itself for a dangling one. */
  removeRef: string;
}

export type SortKey = 'repository' | 'created' | 'size';

/** Splits `registry:5000/team/app:1.2` at the tag's colon, not the port's. */
export function splitTag(reference: string): { repository: string; tag: string } {
  const slash = reference.lastIndexOf('/');
  const colon = reference.lastIndexOf(':');
  if (colon > slash) return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { repository: reference, tag: 'latest' };
}

/** Rows for the list: one per tag, one for an untagged image; filtered and sorted. */
export function imageRows(images: ImageSummary[], filter: string, sort: SortKey): ImageRow[] {
  const needle = filter.trim().toLowerCase();
  const rows = images.flatMap((image): ImageRow[] =>
    image.tags.length === 0
      ? [{ key: image.id, image, repository: '<none>', tag: '<none>', removeRef: image.id }]
      : image.tags.map((reference) => ({
          key: reference,
          image,
          ...splitTag(reference),
          removeRef: reference,
        })),
  );
  const matches = needle
    ? rows.filter((row) => `${row.repository}:${row.tag} ${row.image.id}`.toLowerCase().includes(needle))
    : rows;
  const compare: Record<SortKey, (a: ImageRow, b: ImageRow) => number> = {
    repository: (a, b) => a.repository.localeCompare(b.repository) || a.tag.localeCompare(b.tag),
    created: (a, b) => b.image.created - a.image.created,
    size: (a, b) => b.image.sizeBytes - a.image.sizeBytes,
  };
  return [...matches].sort(compare[sort]);
}
