/**
 * Request schemas of the Layers screen and the editor's image insight: history and comparison,
 * contents analysis, wasted bytes and their fixes, files changed, packages, build-only content.
 * Part of `requestSchemas` (src/shared/api.ts), kept apart so each file stays readable.
 */
import { z } from 'zod';
import { absolutePath, fileText } from './request-fields';

/** Input schemas of the image insight channels (see `requestSchemas`). */
export const imageInsightSchemas = {
  'layers:details': z.strictObject({ ref: z.string().trim().min(1, 'Choose an image') }),
  'layers:compare': z.strictObject({
    a: z.string().trim().min(1, 'Choose the first image'),
    b: z.string().trim().min(1, 'Choose the second image'),
  }),
  /** The build before this one of the same Dockerfile that produced an image, to compare with. */
  'layers:previous-build': z.strictObject({ buildId: z.string().min(1) }),
  'analysis:start': z.strictObject({ ref: z.string().trim().min(1) }),
  'analysis:cancel': z.strictObject({ id: z.string().min(1) }),
  /**
   * Files added, removed and modified between two images (either order: the older goes left, as in
   * `layers:compare`); progress and the diff on `file-diff:event`, stopped by `analysis:cancel`.
   */
  'layers:file-diff': z.strictObject({
    a: z.string().trim().min(1, 'Choose the first image'),
    b: z.string().trim().min(1, 'Choose the second image'),
  }),
  /** Wasted bytes of an image by Dockerfile line; starts the background search when it never ran. */
  'waste:get': z.strictObject({ ref: z.string().trim().min(1), rerun: z.boolean().default(false) }),
  'waste:cancel': z.strictObject({ imageId: z.string().min(1) }),
  /** An image's installed packages (dpkg, apk, Python, npm), biggest first, with the layer and line that installed each. */
  'packages:list': z.strictObject({ ref: z.string().trim().min(1, 'Choose an image') }),
  'packages:compare': z.strictObject({
    a: z.string().trim().min(1, 'Choose the first image'),
    b: z.string().trim().min(1, 'Choose the second image'),
  }),
  /** The SBOM path must end in .json: a renderer can never be made to overwrite another kind of file. */
  'packages:export': z.strictObject({
    ref: z.string().trim().min(1, 'Choose an image'),
    format: z.enum(['spdx', 'cyclonedx']),
    path: absolutePath('SBOM file').refine((path) => /\.json$/i.test(path), {
      error: 'Save the SBOM as a .json file',
    }),
  }),
  /**
   * Builds a recorded build's Dockerfile as `originalText` and as `fixedText` (a waste fix) in the
   * same context and compares their final files; progress on `waste-fix:event`. `wasted` and
   * `ownersUnder` are paths inside the image, never on the host.
   */
  'waste:verify-fix': z.strictObject({
    buildId: z.string().min(1),
    originalText: fileText.min(1, 'The Dockerfile is empty'),
    fixedText: fileText.min(1, 'The fixed Dockerfile is empty'),
    wasted: z.array(z.string().min(1).max(4096)).max(20).default([]),
    ownersUnder: z
      .string()
      .max(4096)
      .regex(/^\/[^\0]*$/, 'An absolute path inside the image')
      .nullable()
      .default(null),
    keepImages: z.boolean().default(false),
  }),
  'waste:verify-cancel': z.strictObject({ id: z.string().min(1) }),
  /** Compilers, toolchains, caches and devDependencies in an image's final files, and the multi-stage Dockerfile offered. */
  'layers:build-only': z.strictObject({ ref: z.string().trim().min(1, 'Choose an image') }),
  /**
   * Builds the offered multi-stage Dockerfile in a recorded build's context, runs Run & check on it
   * and compares sizes; progress on `multi-stage:event`.
   */
  'layers:try-multi-stage': z.strictObject({
    buildId: z.string().min(1),
    keepImage: z.boolean().default(false),
  }),
  'layers:try-multi-stage-cancel': z.strictObject({ id: z.string().min(1) }),
};
