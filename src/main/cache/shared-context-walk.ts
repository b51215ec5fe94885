/*
 * A BuildKit build walks its context once, in the session's file sync (with the engine's include
 * and exclude patterns). Cache insight takes that walk's stats instead of walking again beside the
 * build (issue #16's rebuild bench measured the second walk at about 10% of a 20k-file rebuild).
 */
import type { BigIntStats } from 'node:fs';
import type { SyncEntry, SyncFilter } from '../buildkit-session/list-sync-entries';
import { kindOf } from '../context/walk-context';
import type { ContextListing } from './collect-build-cache-inputs';
import type { StatEntry } from './file-hash-cache';

export interface SharedContextWalk {
  /**
   * The first listing `accept` takes, of those made so far and those still to come; null once
   * told no more will come.
   */
  find(accept: (listing: ContextListing) => boolean): Promise<ContextListing | null>;
  /** For the session's context folder: what one DiffCopy request listed. */
  onListed(entries: readonly SyncEntry[], filter: SyncFilter): void;
  /** No more listings will come (a tar upload, or the build ended). */
  none(): void;
}

/** A listed entry's type; sockets are never listed (the walk leaves them out). */
function entryType(stats: BigIntStats): StatEntry['type'] | null {
  const kind = kindOf(stats);
  return kind === 'socket' ? null : kind;
}

export function sharedContextWalk(): SharedContextWalk {
  const listings: ContextListing[] = [];
  const waiting = new Set<{
    accept: (listing: ContextListing) => boolean;
    settle: (l: ContextListing | null) => void;
  }>();
  let ended = false;
  return {
    find(accept) {
      const found = listings.find(accept);
      if (found || ended) return Promise.resolve(found ?? null);
      return new Promise((settle) => waiting.add({ accept, settle }));
    },
    onListed(entries, filter) {
      if (ended) return;
      const listed: StatEntry[] = [];
      for (const entry of entries) {
        const type = entry.walked ? entryType(entry.walked) : null;
        if (entry.walked && type)
          listed.push({ path: entry.stat.path, absPath: entry.absPath, type, stats: entry.walked });
      }
      // Follow paths narrow a request to themselves (the frontend reading .dockerignore asks so);
      // the links they pass through only add to that, so leaving those out errs on the safe side.
      const follow = filter.followPaths ?? [];
      const listing: ContextListing = {
        includePatterns:
          follow.length > 0 ? [...(filter.includePatterns ?? []), ...follow] : filter.includePatterns,
        excludePatterns: filter.excludePatterns,
        entries: listed,
      };
      listings.push(listing);
      for (const wait of waiting) {
        if (!wait.accept(listing)) continue;
        waiting.delete(wait);
        wait.settle(listing);
      }
    },
    none() {
      ended = true;
      listings.length = 0;
      for (const wait of waiting) wait.settle(null);
      waiting.clear();
    },
  };
}
