/**
 * One layer tar read once as it streams by: its headers for the contents analysis and, when an
 * inventory is wanted, each regular file's sha256 and the text of package record files. Nothing
 * is written to disk; only captured package records are held, within a budget per image.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import { addTarHeader, createLayerTarSummary, normalizeTarPath } from '../../shared/layers/layer-tar-summary';
import {
  isPackageRecordPath,
  MAX_CAPTURED_FILE_BYTES,
  MAX_CAPTURED_TOTAL_BYTES,
} from '../../shared/packages/package-record-paths';
import type { HashedLayer } from './replay-inventory';

/** Captured file contents of one image, shared by its layers so the budget holds per image. */
export interface CaptureBudget {
  /** Bytes still allowed. */
  remaining: number;
  /** True once a file was left out because the budget ran out. */
  truncated: boolean;
}

/** A new budget of `MAX_CAPTURED_TOTAL_BYTES`. */
export function createCaptureBudget(totalBytes = MAX_CAPTURED_TOTAL_BYTES): CaptureBudget {
  return { remaining: totalBytes, truncated: false };
}

/** A layer read with digests, plus the package records it wrote, in tar order. */
export interface ReadLayer extends HashedLayer {
  captured: { path: string; content: string }[];
}

/**
 * Reads one layer tar. With `budget` it also hashes every regular file and keeps package records
 * (see package-record-paths); without, file bytes are skipped unread and `digests` stay null.
 */
export function readLayerTar(stream: Readable, budget: CaptureBudget | null): Promise<ReadLayer> {
  const summary = createLayerTarSummary();
  const layer: ReadLayer = { summary, digests: [], linkTargets: [], captured: [] };
  stream.on('data', (chunk: Buffer) => {
    summary.tarBytes += chunk.length;
  });
  const extract = tar.extract();
  return new Promise((resolve, reject) => {
    extract.on('entry', (header, entry, next) => {
      const before = summary.entries.length;
      addTarHeader(summary, header);
      // Whiteouts, opaque markers and the root add no entry, so they get no digest either.
      const isEntry = summary.entries.length > before;
      const kind = isEntry ? summary.entries[before]!.kind : null;
      if (isEntry) {
        layer.linkTargets.push(
          kind === 'symlink'
            ? (header.linkname ?? '')
            : kind === 'hardlink'
              ? normalizeTarPath(header.linkname ?? '')
              : null,
        );
        layer.digests.push(null);
      }
      entry.on('error', reject);
      if (!budget || kind !== 'file') {
        entry.on('end', next);
        entry.resume();
        return;
      }
      const path = summary.entries[before]!.path;
      const size = summary.entries[before]!.sizeBytes;
      let chunks: Buffer[] | null = null;
      if (isPackageRecordPath(path)) {
        if (size <= MAX_CAPTURED_FILE_BYTES && size <= budget.remaining) {
          budget.remaining -= size;
          chunks = [];
        } else {
          budget.truncated = true;
        }
      }
      const hash = createHash('sha256');
      entry.on('data', (data: unknown) => {
        const chunk = data as Buffer;
        hash.update(chunk);
        chunks?.push(chunk);
      });
      entry.on('end', () => {
        layer.digests[before] = `sha256:${hash.digest('hex')}`;
        if (chunks) layer.captured.push({ path, content: Buffer.concat(chunks).toString('utf8') });
        next();
      });
    });
    extract.on('finish', () => resolve(layer));
    extract.on('error', reject);
    stream.on('error', (error) => {
      extract.destroy(error);
      reject(error);
    });
    stream.pipe(extract);
  });
}
