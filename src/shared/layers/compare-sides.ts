/**
 * Which image goes on which side of a comparison, and what each side is called.
 *
 * One direction everywhere: the older image on the left (`a`), the newer on the right (`b`), every
 * delta newer − older. Whichever select the user picked an image in, or which build asked for the
 * comparison, does not change it — "grew" always means "grew from the older to the newer".
 */
import { shortImageId, type ImageSummary } from '../images';
import { compareImages } from './compare-images';
import type { ImageDetails } from './layer-history';
import type { LayersComparison, LayersView } from './layers-view';

/** The two sides in the comparison's order: `older` left, `newer` right. */
export interface OrderedSides<T> {
  older: T;
  newer: T;
  /** True when the arguments came newest first and were swapped. */
  swapped: boolean;
}

/**
 * Orders two images by creation time, older first. Equal times (a rebuild with
 * SOURCE_DATE_EPOCH, an import) keep the given order, which callers pass as older → newer.
 */
export function olderFirst<T extends { details: Pick<ImageDetails, 'created'> }>(
  first: T,
  second: T,
): OrderedSides<T> {
  return second.details.created < first.details.created
    ? { older: second, newer: first, swapped: true }
    : { older: first, newer: second, swapped: false };
}

/**
 * The comparison of two images as every screen shows it: older left, newer right, deltas
 * newer − older, each side labelled by the name it was asked for (`ref`) when that is its tag.
 */
export function compareSides(
  first: LayersView & { ref: string },
  second: LayersView & { ref: string },
): LayersComparison {
  const { older, newer, swapped } = olderFirst(first, second);
  const labels = { a: imageLabel(older.details, older.ref), b: imageLabel(newer.details, newer.ref) };
  return {
    a: { details: older.details, dockerfile: older.dockerfile },
    b: { details: newer.details, dockerfile: newer.dockerfile },
    labels,
    swapped,
    comparison: compareImages(older.details, newer.details, labels),
  };
}

/**
 * What a side is called in headers, legends and sentences: its tag and the short id
 * (`app:1.1 (1a2b3c4d5e6f)`), or the short id alone. Never the raw `sha256:…` digest.
 * `ref` is what the user chose; it wins when it is one of the image's tags.
 */
export function imageLabel(image: Pick<ImageDetails, 'id' | 'tags'>, ref?: string | null): string {
  const tag = ref && image.tags.includes(ref) ? ref : image.tags[0];
  const short = shortImageId(image.id);
  return tag ? `${tag} (${short})` : short;
}

/** One entry of an image select: the value is always the image id, so a select can never show one image and mean another. */
export interface ImageChoice {
  value: string;
  label: string;
}

/**
 * The options of an image select and the value to show for what the user asked for (a tag, an
 * id, or a short id). `wanted` that is not (yet) in the list gets an option of its own, so the
 * select shows what the page really displays instead of falling back to its first option.
 * `exclude` (another select's choice, by any name) leaves that image out.
 */
export function imageChoices(
  images: readonly Pick<ImageSummary, 'id' | 'tags'>[],
  wanted: string | null,
  exclude: string | null = null,
): { options: ImageChoice[]; value: string | null } {
  const found = wanted === null ? null : findImage(images, wanted);
  const excluded = exclude === null ? null : (findImage(images, exclude)?.id ?? exclude);
  const options = images
    .filter((image) => image.id !== excluded)
    .map((image) => ({ value: image.id, label: imageLabel(image, wanted) }));
  if (wanted === null) return { options, value: null };
  // The other side took this image: nothing is chosen here until the user picks again.
  if (found) return { options, value: found.id === excluded ? null : found.id };
  const label = /^(sha256:)?[0-9a-f]{12,64}$/.test(wanted) ? shortImageId(wanted) : wanted;
  return { options: [{ value: wanted, label }, ...options], value: wanted };
}

/** The image a tag, full id, or id prefix names, if the list has it. */
export function findImage<T extends Pick<ImageSummary, 'id' | 'tags'>>(
  images: readonly T[],
  ref: string,
): T | null {
  const hex = ref.replace(/^sha256:/, '');
  return (
    images.find((image) => image.id === ref || image.tags.includes(ref)) ??
    (/^[0-9a-f]{12,64}$/.test(hex)
      ? (images.find((image) => image.id.replace(/^sha256:/, '').startsWith(hex)) ?? null)
      : null)
  );
}
