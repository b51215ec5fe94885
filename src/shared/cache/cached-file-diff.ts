/**
 * The per-file difference between two builds' lists of the files a COPY/ADD source selected.
 */
import type { CachedFile, FileChange } from './cache-model';

/** A `files` entry of `BuildCacheInputs`: the listed files of one source and whether the list is whole. */
export interface CachedFileList {
  list: CachedFile[];
  truncated: boolean;
}

/** How many changed files a `files-changed` reason lists; `total` still counts them all. */
export const MAX_LISTED_CHANGES = 50;

/**
 * Splits a `CachedFile.hash` into the content hash and the metadata the builder also keys on.
 *
 * The recorder writes the sha256 of the content in hex (a `sha256:` prefix is allowed), optionally
 * followed by a separator and the mode (`<hex>:100755`). Two hashes with the same content part
 * differ only in mode, which is how a chmod shows up as a `mode` change instead of `modified`.
 */
export function splitFileHash(hash: string): { content: string; meta: string } {
  const body = hash.startsWith('sha256:') ? hash.slice(7) : hash;
  const hex = /^[0-9a-fA-F]*/.exec(body)![0];
  return { content: hex.toLowerCase(), meta: body.slice(hex.length) };
}

/**
 * Every file that differs between two lists, biggest first (then by path).
 *
 * `truncated` is true when either list is capped or missing: the changes may then be incomplete
 * even though the source digests tell that something changed.
 */
export function diffCachedFiles(
  before: CachedFileList | undefined,
  after: CachedFileList | undefined,
): { changes: FileChange[]; truncated: boolean } {
  const old = new Map((before?.list ?? []).map((file) => [file.path, file]));
  const changes: FileChange[] = [];
  for (const file of after?.list ?? []) {
    const previous = old.get(file.path);
    old.delete(file.path);
    if (!previous) changes.push({ path: file.path, change: 'added', bytes: file.bytes });
    else if (previous.hash !== file.hash) {
      const sameContent = splitFileHash(previous.hash).content === splitFileHash(file.hash).content;
      changes.push({ path: file.path, change: sameContent ? 'mode' : 'modified', bytes: file.bytes });
    }
  }
  for (const file of old.values()) changes.push({ path: file.path, change: 'deleted', bytes: file.bytes });
  changes.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const truncated = !before || !after || before.truncated || after.truncated;
  return { changes, truncated };
}
