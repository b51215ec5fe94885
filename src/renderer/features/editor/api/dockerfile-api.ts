import { invoke } from '../../../lib/invoke';

/*
 * The editor reads the disk on every open and every check, never through a cache: a query cached
 * for ever once showed (and then saved) the first copy ever read.
 */

/** The file's text and modification time as on disk now. */
export function openDockerfile(path: string) {
  return invoke('dockerfile:open', { path });
}

/** When the file last changed on disk, to notice edits made outside the editor. */
export function dockerfileMtime(path: string) {
  return invoke('dockerfile:mtime', { path });
}

/** Writes `text`; refused when the file changed since `expectedMtimeMs` (null: write anyway). */
export function saveDockerfile(path: string, text: string, expectedMtimeMs: number | null) {
  return invoke('dockerfile:save', { path, text, expectedMtimeMs });
}
