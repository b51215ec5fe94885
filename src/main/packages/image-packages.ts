/**
 * The Packages view's requests in main: an image's package list, two images' lists compared, and
 * an SBOM written to a file the user picked. Everything comes from the image inventory (one pass
 * over `docker save`, shared with the contents analysis); nothing leaves the machine.
 */
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { comparePackages, type PackageComparison } from '../../shared/packages/compare-packages';
import { cyclonedxDocument } from '../../shared/packages/cyclonedx-document';
import { listImagePackages, type PackageList } from '../../shared/packages/list-image-packages';
import type { SbomFormat } from '../../shared/packages/sbom-input';
import { spdxDocument } from '../../shared/packages/spdx-document';
import { ok, type Result } from '../../shared/result';
import { userFileFailure } from '../fs/safe-files';
import { checkWriteTarget, writeUserFile } from '../fs/write-user-file';
import type { ImageLayers } from '../layers/image-layers';

/** What `packages:export` answers. */
export interface SbomWritten {
  bytes: number;
  packages: number;
}

/** Package lists, comparisons and SBOM exports of local images. */
export interface ImagePackages {
  list(ref: string, signal?: AbortSignal): Promise<Result<PackageList>>;
  compare(a: string, b: string, signal?: AbortSignal): Promise<Result<PackageComparison>>;
  /** Writes the SBOM of `ref` to `path` (checked before the image is read: see write-user-file). */
  exportSbom(
    ref: string,
    format: SbomFormat,
    path: string,
    signal?: AbortSignal,
  ): Promise<Result<SbomWritten>>;
}

export function createImagePackages(deps: {
  layers: Pick<ImageLayers, 'inventory' | 'view'>;
  toolVersion: string;
  now?: () => Date;
  uuid?: () => string;
}): ImagePackages {
  /** The list, and the name to give the image in an SBOM (its first tag, else what it was asked by). */
  const read = async (
    ref: string,
    signal?: AbortSignal,
  ): Promise<Result<{ list: PackageList; name: string }>> => {
    const [inventory, view] = await Promise.all([
      deps.layers.inventory(ref, signal),
      deps.layers.view(ref, signal),
    ]);
    if (!inventory.ok) return inventory;
    // Without the history (an engine hiccup) the packages still have their layers, only no lines.
    const history = view.ok ? view.value.details.history : null;
    const dockerfile = view.ok ? (view.value.dockerfile?.text ?? null) : null;
    return ok({
      list: listImagePackages(inventory.value, history, dockerfile),
      name: (view.ok ? view.value.details.tags[0] : undefined) ?? ref,
    });
  };
  const list = async (ref: string, signal?: AbortSignal): Promise<Result<PackageList>> => {
    const answer = await read(ref, signal);
    return answer.ok ? ok(answer.value.list) : answer;
  };

  return {
    list,
    async compare(a, b, signal) {
      // One after the other: each may be a whole `docker save`, and two at once only compete.
      const first = await list(a, signal);
      if (!first.ok) return first;
      const second = await list(b, signal);
      if (!second.ok) return second;
      return ok(comparePackages(first.value, second.value));
    },
    async exportSbom(ref, format, path, signal) {
      const options = { within: dirname(path), label: 'The SBOM file' };
      const target = await checkWriteTarget(path, options);
      if (!target.ok) return userFileFailure(target.problem, 'path');
      const packages = await read(ref, signal);
      if (!packages.ok) return packages;
      const input = {
        ref: packages.value.name,
        list: packages.value.list,
        created: (deps.now ?? (() => new Date()))(),
        uuid: (deps.uuid ?? randomUUID)(),
        toolVersion: deps.toolVersion,
      };
      const document = format === 'spdx' ? spdxDocument(input) : cyclonedxDocument(input);
      const written = await writeUserFile(path, `${JSON.stringify(document, null, 2)}\n`, options);
      return written.ok
        ? ok({ bytes: written.value.size, packages: packages.value.list.packages.length })
        : userFileFailure(written.problem, 'path');
    },
  };
}
