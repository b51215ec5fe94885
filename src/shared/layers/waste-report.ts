/**
 * Wasted bytes told by Dockerfile line: which instruction wrote files that a later one deleted or
 * overwrote, from a contents analysis (`ImageContents`) and the image's history mapped to the
 * Dockerfile (`mapHistoryToDockerfile`). Small enough to send with every build result; the
 * analysis itself stays in main.
 */
import { formatSize } from '../format-size';
import type { ImageContents } from './image-contents';
import type { LayerHint } from './layer-hints';
import { shorten, type LayerEntry } from './layer-history';

/** Where a finding's bytes were written or hidden. */
export interface WastePlace {
  /** Position among the image's layers, base first. */
  layerIndex: number;
  /** The history entry (`LayerEntry.index`) that made the layer, when known. */
  historyIndex: number | null;
  /** 1-based Dockerfile line, when the image was built here and the line is known. */
  line: number | null;
  /** That line as it was built, to find it again in an edited file; null without a line. */
  lineText: string | null;
  instruction: string;
  fromBaseImage: boolean;
}

/** Bytes one layer wrote and a later layer hid, still stored in the image. */
export interface WasteFinding {
  bytes: number;
  /** How the later layer hid them: deleted (or apt lists deleted) vs written again. */
  how: 'deleted' | 'overwritten';
  kinds: LayerHint['kind'][];
  writer: WastePlace;
  remover: WastePlace;
  /** Example paths, biggest first. */
  paths: string[];
}

/** What the build result, the comparison and the editor say about an image's wasted bytes. */
export interface WasteReport {
  imageId: string;
  /** Everything stored but not visible, the base image's own waste included. */
  totalWastedBytes: number;
  /** The part this Dockerfile caused: findings where a layer of its own wrote or hid the bytes. */
  ownWastedBytes: number;
  /** This Dockerfile's findings first, biggest first; then the base image's. */
  findings: WasteFinding[];
  /** One sentence for the build result; null when this Dockerfile wastes nothing. */
  headline: string | null;
}

/**
 * Groups the analysis' hints by writer and hider layer and places both on Dockerfile lines.
 * Hints smaller than the analysis' `minHintBytes` are not findings (too small to act on).
 */
export function wasteReport(
  contents: ImageContents,
  history: readonly LayerEntry[],
  dockerfileText: string | null,
): WasteReport {
  const lines = dockerfileText?.split('\n') ?? [];
  const place = (layerIndex: number): WastePlace => {
    const layer = contents.layers[layerIndex];
    const historyIndex = layer?.historyIndex ?? null;
    const entry = historyIndex === null ? undefined : history[historyIndex];
    const line = entry?.dockerfileLine ?? null;
    return {
      layerIndex,
      historyIndex,
      line,
      lineText: line === null ? null : (lines[line - 1]?.trim() ?? null),
      instruction: entry?.instruction ?? layer?.instruction ?? '',
      fromBaseImage: entry?.fromBaseImage ?? false,
    };
  };
  const byPair = new Map<string, WasteFinding>();
  for (const hint of contents.hints) {
    if (hint.layers.length !== 2) continue;
    const [writer, remover] = hint.layers as [number, number];
    const key = `${writer} ${remover}`;
    const finding = byPair.get(key) ?? {
      bytes: 0,
      how: 'deleted' as const,
      kinds: [],
      writer: place(writer),
      remover: place(remover),
      paths: [],
    };
    finding.bytes += hint.bytes;
    finding.kinds.push(hint.kind);
    finding.paths.push(...hint.paths);
    byPair.set(key, finding);
  }
  const findings = [...byPair.values()].map((finding) => ({
    ...finding,
    how: finding.kinds.every((kind) => kind === 'overwritten-later' || kind === 'copied-twice')
      ? ('overwritten' as const)
      : ('deleted' as const),
    paths: finding.paths.slice(0, 5),
  }));
  const own = (finding: WasteFinding): boolean =>
    !finding.remover.fromBaseImage || !finding.writer.fromBaseImage;
  findings.sort(
    (x, y) =>
      Number(own(y)) - Number(own(x)) || y.bytes - x.bytes || x.writer.layerIndex - y.writer.layerIndex,
  );
  const ownFindings = findings.filter(own);
  const ownWastedBytes = ownFindings.reduce((total, finding) => total + finding.bytes, 0);
  return {
    imageId: contents.imageId,
    totalWastedBytes: contents.wastedBytes,
    ownWastedBytes,
    findings,
    headline: ownFindings.length === 0 ? null : wasteHeadline(ownWastedBytes, ownFindings),
  };
}

/** `line 3`, `the base image`, or `layer 4 (RUN …)` when the line is not known. */
export function placeName(place: WastePlace): string {
  if (place.line !== null) return `line ${place.line}`;
  if (place.fromBaseImage) return 'the base image';
  return `layer ${place.layerIndex + 1}${place.instruction ? ` (${shorten(place.instruction, 40)})` : ''}`;
}

const MAX_HEADLINE_FINDINGS = 2;

function wasteHeadline(bytes: number, findings: WasteFinding[]): string {
  const shown = findings.slice(0, MAX_HEADLINE_FINDINGS).map((finding) => {
    const what = `files written by ${placeName(finding.writer)} and ${finding.how} by ${placeName(finding.remover)}`;
    return findings.length > 1 ? `${what} (${formatSize(finding.bytes)})` : what;
  });
  const more = findings.length - shown.length;
  return `${formatSize(bytes)} wasted: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

/** A note on one history entry of an image: it wrote bytes hidden later, or hid bytes written earlier. */
export interface WasteNote {
  role: 'writer' | 'remover';
  bytes: number;
  message: string;
  /** The line the note belongs on, as built. */
  line: number | null;
  lineText: string | null;
}

/** Notes per history entry (`LayerEntry.index`), for comparison rows and editor marks. */
export function wasteNotes(report: WasteReport): Map<number, WasteNote[]> {
  const notes = new Map<number, WasteNote[]>();
  const add = (historyIndex: number | null, note: WasteNote): void => {
    if (historyIndex === null) return;
    notes.set(historyIndex, [...(notes.get(historyIndex) ?? []), note]);
  };
  for (const finding of report.findings) {
    const size = formatSize(finding.bytes);
    const { writer, remover } = finding;
    if (!writer.fromBaseImage) {
      add(writer.historyIndex, {
        role: 'writer',
        bytes: finding.bytes,
        line: writer.line,
        lineText: writer.lineText,
        message:
          `${size} written here ${finding.how === 'deleted' ? 'is deleted' : 'is written again'} by ${placeName(remover)} ` +
          `but stays stored in this layer: a later layer cannot take bytes out of an earlier one. ` +
          (finding.how === 'deleted'
            ? 'Delete it in this same RUN.'
            : 'Write the final version here (e.g. COPY --chown/--chmod instead of a later chown/chmod).'),
      });
    }
    if (!remover.fromBaseImage) {
      add(remover.historyIndex, {
        role: 'remover',
        bytes: finding.bytes,
        line: remover.line,
        lineText: remover.lineText,
        message: writer.fromBaseImage
          ? `${finding.how === 'deleted' ? 'Deleting' : 'Rewriting'} ${size} of the base image's files here does not make the image smaller.`
          : `${finding.how === 'deleted' ? 'Deletes' : 'Rewrites'} ${size} written by ${placeName(writer)}, too late: ` +
            `those bytes stay in that layer. ${finding.how === 'deleted' ? `Move this into the RUN on ${placeName(writer)}.` : ''}`.trimEnd(),
      });
    }
  }
  return notes;
}

/** An info mark for the editor: a 1-based line of the text as it is now. */
export interface WasteMark {
  line: number;
  message: string;
}

/**
 * Puts the notes on the lines of `text` (the file as it is now, maybe edited since the build):
 * on the built line when it still reads the same, else on the one line that reads like it;
 * a note whose line changed or went is dropped rather than put on the wrong line.
 */
export function placeWasteMarks(report: WasteReport, text: string): WasteMark[] {
  const current = text.split('\n').map((line) => line.trim());
  const marks: WasteMark[] = [];
  for (const notes of wasteNotes(report).values()) {
    for (const note of notes) {
      if (note.line === null || note.lineText === null || note.lineText === '') continue;
      let line: number | null = current[note.line - 1] === note.lineText ? note.line : null;
      if (line === null) {
        const same = current.flatMap((candidate, index) => (candidate === note.lineText ? [index + 1] : []));
        line = same.length === 1 ? same[0]! : null;
      }
      if (line !== null) marks.push({ line, message: note.message });
    }
  }
  return marks.sort((x, y) => x.line - y.line);
}
