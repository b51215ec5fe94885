/**
 * What both SBOM formats are written from: the image, its package list, and the few values that
 * must differ per document (when, a unique id), passed in so the documents are reproducible in tests.
 */
import type { ImagePackage, PackageList } from './list-image-packages';

/** The image an SBOM describes and the document's own identity. */
export interface SbomInput {
  /** The name the user chose the image by (`app:1.0`, or its id when untagged). */
  ref: string;
  list: PackageList;
  /** When the document was made (the `created` / `timestamp` field). */
  created: Date;
  /** A random RFC 4122 UUID, lower case: the document's namespace / serial number. */
  uuid: string;
  /** Dockwright's version, named as the tool that made the document. */
  toolVersion: string;
}

/** Which SBOM format to write. */
export type SbomFormat = 'spdx' | 'cyclonedx';

/** `layer 3, Dockerfile line 7 (RUN …)` — where the package came from, for a comment or property. */
export function installedBy(entry: ImagePackage): string {
  const { place } = entry;
  if (place.fromBaseImage) return `the base image (layer ${place.layerIndex + 1})`;
  if (place.line !== null)
    return `Dockerfile line ${place.line} (layer ${place.layerIndex + 1}${place.lineText ? `: ${place.lineText}` : ''})`;
  return `layer ${place.layerIndex + 1}${place.instruction ? ` (${place.instruction})` : ''}`;
}
