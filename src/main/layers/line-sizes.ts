import type Docker from 'dockerode';
import { analyzeDockerfile } from '../../shared/dockerfile/analyze-dockerfile';
import type { BuildRecord } from '../../shared/builds/build-record';
import { buildLayerEntries } from '../../shared/layers/layer-history';
import { mapHistoryToDockerfile } from '../../shared/layers/map-history-to-dockerfile';
import { readHistory } from './read-image-details';

/**
 * Bytes each Dockerfile line added to a build's image, for the editor's gutter: the engine's
 * history sizes (`docker history`) summed per line the history maps to. Only the history is read,
 * never `docker save`: which entries carry a layer does not matter for a line's bytes, so an
 * editor that opens and closes starts nothing heavy. Null when the image is gone.
 */
export async function readLineSizes(
  docker: Docker,
  record: BuildRecord,
  signal?: AbortSignal,
): Promise<[line: number, bytes: number][] | null> {
  if (!record.imageId) return null;
  const history = await readHistory(docker, record.imageId, signal).catch((error: unknown) => {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  });
  if (!history) return null;
  // No diff ids and no empty-layer flags: each entry's own size is all a line's sum needs.
  const entries = buildLayerEntries(history, [], []);
  const mapped = mapHistoryToDockerfile(
    entries,
    analyzeDockerfile(record.dockerfileText),
    record.request.target ?? null,
  );
  const byLine = new Map<number, number>();
  for (const entry of mapped) {
    if (entry.fromBaseImage || entry.dockerfileLine === null) continue;
    byLine.set(entry.dockerfileLine, (byLine.get(entry.dockerfileLine) ?? 0) + entry.sizeBytes);
  }
  return [...byLine.entries()].sort((a, b) => a[0] - b[0]);
}
