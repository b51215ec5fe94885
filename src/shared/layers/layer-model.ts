/**
 * An image's history as the Layers screen shows it: one entry per history record with the
 * instruction cleaned up, its layer (if any), and the Dockerfile line it came from; and the
 * comparison of two images layer by layer.
 *
 * Facts measured on dockerd 20.10 (both builders), which the cleaning and mapping rely on:
 * - Classic records every non-FROM instruction, ONBUILD and ARG included, as
 *   `<shell> #(nop)  KEYWORD …` for metadata, `<shell> #(nop) COPY file:<hash> in <dest>` for
 *   COPY/ADD, and `<shell> <command>` (or the bare argv for exec form) for RUN; `<shell>` is
 *   `/bin/sh -c` until a SHELL instruction changes it. It adds one trailing `LABEL k=v` entry per
 *   label passed as a build option.
 * - BuildKit records every non-FROM instruction except ONBUILD, as the instruction text
 *   (`RUN /bin/sh -c … # buildkit`, `COPY a.txt /w/ # buildkit` with --from/--chown dropped,
 *   `EXPOSE map[80/tcp:{}]`), comment `buildkit.dockerfile.v0`; build-option labels add no entry.
 * - A RUN that used declared build args is prefixed `|N KEY=value …` (values may hold spaces).
 * - Whether an entry has a layer is the config's `empty_layer`, not its size: a WORKDIR that
 *   creates its directory makes a 0-byte layer (both builders), a classic RUN that changes
 *   nothing makes none, and every BuildKit RUN makes one.
 */
import type {
  DockerfileAnalysis,
  DockerfileInstruction,
  DockerfileStage,
} from '../dockerfile/analyze-dockerfile';
import { stagesForTarget } from '../dockerfile/analyze-dockerfile';
import { formatSize } from '../format-size';

/** What the Layers screen shows about an image besides its history. */
export interface ImageDetails {
  id: string;
  /** `repo:tag` references, without `<none>:<none>`. */
  tags: string[];
  /** `repo@sha256:…` references, without `<none>@<none>`. */
  digests: string[];
  /** Seconds since epoch, with the engine's milliseconds as a fraction (two builds in one second still order). */
  created: number;
  /** The engine's own size, the one `docker images` prints. */
  sizeBytes: number;
  os: string;
  architecture: string;
  /** e.g. `v8` for arm64; null when the image names none. */
  variant: string | null;
  entrypoint: string[] | null;
  cmd: string[] | null;
  /** `KEY=value` as the config holds them. */
  env: string[];
  /** `80/tcp`, sorted. */
  exposedPorts: string[];
  workdir: string;
  user: string;
  labels: Record<string, string>;
  /** The layers' diff IDs (`RootFS.Layers`), base first. */
  diffIds: string[];
  /** Every history entry, oldest first. */
  history: LayerEntry[];
}

/** One history entry of an image, oldest first. */
export interface LayerEntry {
  /** Position in the image's history, oldest first (0 = the first entry of the base image). */
  index: number;
  /** `CreatedBy` exactly as the engine has it. */
  createdBy: string;
  /** The instruction as a Dockerfile would read: `RUN apt-get …`, `COPY file:… in /app`. */
  instruction: string;
  /** The `|N KEY=value` build args a RUN was given; empty when none. */
  buildArgs: Record<string, string>;
  /** Bytes of the entry's layer as the engine counts them (0 for an empty entry). */
  sizeBytes: number;
  /** Seconds since epoch. */
  created: number;
  /** True when the entry made no layer (the config's `empty_layer`). */
  emptyLayer: boolean;
  /** The layer's diff ID for an entry with a layer, in `RootFS.Layers` order; null otherwise. */
  diffId: string | null;
  comment: string;
  /** True for entries that come from the base image (set by `mapHistoryToDockerfile`). */
  fromBaseImage: boolean;
  /** 1-based Dockerfile line of the instruction that made the entry, when known. */
  dockerfileLine: number | null;
}

/** One record of `GET /images/{name}/history`, as dockerode returns it (newest first). */
export interface EngineHistoryEntry {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

/** One record of an image config's `history` (oldest first). */
export interface ConfigHistoryEntry {
  created?: string;
  created_by?: string;
  comment?: string;
  author?: string;
  empty_layer?: boolean;
}

const DOCKERFILE_KEYWORDS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/** The upper-case Dockerfile keyword an instruction starts with, or null (exec-form RUN, imports). */
export function instructionKeyword(instruction: string): string | null {
  const word = /^([A-Za-z]+)(?:\s|$)/.exec(instruction)?.[1]?.toUpperCase();
  return word && DOCKERFILE_KEYWORDS.has(word) ? word : null;
}

/**
 * Turns a history `CreatedBy` into the instruction it ran, with RUN build args apart.
 *
 * `/bin/sh -c #(nop) ` and a trailing `# buildkit` go, `/bin/sh -c ` becomes `RUN `, and
 * `|N KEY=value …` becomes `buildArgs`. A bare command (classic exec-form RUN, `docker commit`)
 * stays as it is: nothing in it says which it was.
 */
export function cleanCreatedBy(createdBy: string): {
  instruction: string;
  buildArgs: Record<string, string>;
} {
  let text = createdBy.trim().replace(/\s*# buildkit$/, '');
  // The classic builder prefixes metadata with the current SHELL (`/bin/sh -e -c #(nop) …` after SHELL).
  // BuildKit writes the keyword first (upper case); then a `#(nop)` is part of the command.
  const nop = /^[A-Z]+\s/.test(text) && instructionKeyword(text) ? null : /^[^#]*#\(nop\)\s*/.exec(text);
  if (nop) return { instruction: text.slice(nop[0].length).trim(), buildArgs: {} };

  let run = false;
  if (/^RUN\s/.test(text)) {
    run = true;
    text = text.slice(4).trimStart();
  }
  const split = splitBuildArgs(text);
  text = split.rest;
  if (text.startsWith('/bin/sh -c '))
    return { instruction: `RUN ${text.slice(11)}`, buildArgs: split.buildArgs };
  // Only a RUN gets a build-arg prefix, so one means the rest is a RUN too.
  if (run || split.found) return { instruction: `RUN ${text}`, buildArgs: split.buildArgs };
  return { instruction: text, buildArgs: {} };
}

/** Reads the `|N K1=v1 K2=v2 ` prefix; values may contain spaces, so the command start bounds the last one. */
function splitBuildArgs(text: string): { buildArgs: Record<string, string>; rest: string; found: boolean } {
  const prefix = /^\|(\d+) /.exec(text);
  if (!prefix) return { buildArgs: {}, rest: text, found: false };
  const count = Number(prefix[1]);
  const body = text.slice(prefix[0].length);
  if (count === 0) return { buildArgs: {}, rest: body, found: true };

  const starts: number[] = [];
  for (const match of body.matchAll(/(?:^| )([A-Za-z_][A-Za-z0-9_]*)=/g)) {
    starts.push(match.index === 0 ? 0 : match.index + 1);
  }
  if (starts[0] !== 0 || starts.length < count) return { buildArgs: {}, rest: text, found: false };
  const shell = body.indexOf(' /bin/sh -c ', starts[count - 1]);
  let commandStart: number;
  if (shell >= 0 && (starts[count] === undefined || shell < starts[count]!)) {
    commandStart = shell + 1;
  } else {
    // Without the default shell the last value can only be taken up to its first space.
    const space = body.indexOf(' ', body.indexOf('=', starts[count - 1]!));
    commandStart = space < 0 ? body.length : space + 1;
  }
  const buildArgs: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const end = i + 1 < count ? starts[i + 1]! - 1 : commandStart - 1;
    const pair = body.slice(starts[i], Math.max(end, starts[i]!));
    const equals = pair.indexOf('=');
    buildArgs[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return { buildArgs, rest: body.slice(commandStart), found: true };
}

/**
 * Which history entries made no layer, when the sizes alone prove it: a non-empty size always
 * means a layer, so if as many entries have one as the image has layers, every other entry is
 * empty. Otherwise (a 0-byte WORKDIR or RUN layer somewhere) null: read the config's `empty_layer`.
 */
export function emptyLayersFromSizes(sizes: number[], layerCount: number): boolean[] | null {
  const withBytes = sizes.filter((size) => size > 0).length;
  return withBytes === layerCount ? sizes.map((size) => size === 0) : null;
}

/**
 * The history as `LayerEntry`s, oldest first.
 *
 * `emptyLayers` is the config's `empty_layer` per entry (oldest first); diff IDs go to the
 * entries with a layer, in order. Dockerfile fields stay unset until `mapHistoryToDockerfile`.
 */
export function buildLayerEntries(
  historyNewestFirst: EngineHistoryEntry[],
  diffIds: string[],
  emptyLayers: boolean[],
): LayerEntry[] {
  let layer = 0;
  return [...historyNewestFirst].reverse().map((entry, index) => {
    const emptyLayer = emptyLayers[index] ?? entry.Size === 0;
    const diffId = emptyLayer ? null : (diffIds[layer++] ?? null);
    const { instruction, buildArgs } = cleanCreatedBy(entry.CreatedBy ?? '');
    return {
      index,
      createdBy: entry.CreatedBy ?? '',
      instruction,
      buildArgs,
      sizeBytes: entry.Size,
      created: entry.Created,
      emptyLayer,
      diffId,
      comment: entry.Comment ?? '',
      fromBaseImage: false,
      dockerfileLine: null,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// History → Dockerfile

const SCORE_EXACT = 4;
const SCORE_SHELL_SUFFIX = 3.5;
const SCORE_DESTINATION = 3;
const SCORE_KEYWORD = 2;
const SCORE_BARE_RUN = 1;
const SCORE_MISMATCH = -1;
const SCORE_GAP = -1.2;
/** Above this many cells the alignment falls back to position (histories are never this long in practice). */
const MAX_ALIGNMENT_CELLS = 4_000_000;

/**
 * Marks which entries come from the base image and which Dockerfile line made each other entry.
 *
 * The entries of the image map to the non-FROM instructions of the target's FROM chain (the
 * target stage and the stages it is built `FROM`; `COPY --from` sources add no history),
 * after the base image's entries. The alignment scores each pairing by how well the cleaned
 * `CreatedBy` matches the instruction (same text, same COPY destination, same keyword) and
 * falls back to position where nothing matches, so an ONBUILD that BuildKit does not record or
 * the LABEL entries classic adds for build-option labels leave the rest in place.
 */
export function mapHistoryToDockerfile(
  entries: LayerEntry[],
  analysis: DockerfileAnalysis,
  target: string | null,
): LayerEntry[] {
  const instructions = fromChainInstructions(analysis, target);
  const reset = entries.map((entry) => ({ ...entry, fromBaseImage: false, dockerfileLine: null }));
  if (instructions.length === 0) return reset;
  const pairs = alignHistory(reset, instructions);
  const firstOwn = pairs.firstOwnEntry;
  return reset.map((entry, index) => ({
    ...entry,
    fromBaseImage: index < firstOwn,
    dockerfileLine: pairs.lineOf[index] ?? null,
  }));
}

/** The non-FROM instructions of the target stage and the stages it is built FROM, base first. */
function fromChainInstructions(analysis: DockerfileAnalysis, target: string | null): DockerfileInstruction[] {
  const needed = stagesForTarget(analysis, target);
  if (needed.length === 0) return [];
  const targetStage =
    target === null ? analysis.stages.at(-1) : needed.find((stage) => sameStageName(stage, target));
  const chain: DockerfileStage[] = [];
  let stage: DockerfileStage | undefined = targetStage;
  while (stage && !chain.includes(stage)) {
    chain.unshift(stage);
    const base = stage.baseImage.toLowerCase();
    // FROM can only name a stage above it; a later name is an image.
    stage = [...analysis.stages.slice(0, stage.index)].reverse().find((s) => s.name?.toLowerCase() === base);
  }
  return chain.flatMap((s) => s.instructions.filter((instruction) => instruction.keyword !== 'FROM'));
}

function sameStageName(stage: DockerfileStage, name: string): boolean {
  return stage.name?.toLowerCase() === name.toLowerCase() || String(stage.index) === name;
}

interface Alignment {
  /** Index of the first entry after the base image's. */
  firstOwnEntry: number;
  lineOf: Array<number | null>;
}

function alignHistory(entries: LayerEntry[], instructions: DockerfileInstruction[]): Alignment {
  const n = entries.length;
  const m = instructions.length;
  const lineOf: Array<number | null> = entries.map(() => null);
  if ((n + 1) * (m + 1) > MAX_ALIGNMENT_CELLS) {
    const first = Math.max(0, n - m);
    for (let i = first; i < n; i++) lineOf[i] = instructions[i - (n - m)]?.line ?? null;
    return { firstOwnEntry: first, lineOf };
  }
  const entryKeys = entries.map((entry) => comparable(entry.instruction));
  const instructionKeys = instructions.map((instruction) => comparable(instruction.text));
  const width = m + 1;
  const score = new Float64Array((n + 1) * width).fill(Number.NEGATIVE_INFINITY);
  // 0 = from (i-1, j) skipping an entry, 1 = from (i, j-1) skipping an instruction, 2 = pair.
  const move = new Uint8Array((n + 1) * width);
  score[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue;
      let best = Number.NEGATIVE_INFINITY;
      let from = 0;
      if (i > 0) {
        // Entries before the first instruction are the base image's: free.
        const candidate = score[(i - 1) * width + j]! + (j === 0 ? 0 : SCORE_GAP);
        if (candidate > best) [best, from] = [candidate, 0];
      }
      if (j > 0) {
        const candidate = score[i * width + j - 1]! + SCORE_GAP;
        if (candidate > best) [best, from] = [candidate, 1];
      }
      if (i > 0 && j > 0) {
        const candidate =
          score[(i - 1) * width + j - 1]! + pairScore(entryKeys[i - 1]!, instructionKeys[j - 1]!);
        if (candidate >= best) [best, from] = [candidate, 2];
      }
      score[i * width + j] = best;
      move[i * width + j] = from;
    }
  }
  let i = n;
  let j = m;
  while (j > 0) {
    const from = move[i * width + j];
    if (from === 2) {
      lineOf[i - 1] = instructions[j - 1]!.line;
      i--;
      j--;
    } else if (from === 1) {
      j--;
    } else {
      i--;
    }
  }
  // Once every instruction is placed, what is left before them is the base image.
  return { firstOwnEntry: i, lineOf };
}

interface Comparable {
  keyword: string | null;
  /** Arguments with whitespace collapsed, leading --flags dropped, exec arrays joined. */
  args: string;
  /** COPY/ADD destination, trailing slash dropped. */
  destination: string | null;
}

function comparable(text: string): Comparable {
  const keyword = instructionKeyword(text);
  let args = (keyword ? text.replace(/^\S+\s*/, '') : text).replace(/\s+/g, ' ').trim();
  if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') args = args.replace(/^(?:--\S+\s*)+/, '');
  args = joinExecForm(args);
  if (keyword === 'RUN' || keyword === null) args = args.replace(/^\/bin\/sh -c /, '');
  let destination: string | null = null;
  if (keyword === 'COPY' || keyword === 'ADD') {
    const classic = /(?:file|dir|multi):[0-9a-f]+ in (.+)$/.exec(args);
    destination = (classic ? classic[1]! : (args.split(' ').at(-1) ?? '')).replace(/(.)\/$/, '$1');
  }
  return { keyword, args, destination };
}

/** `["a", "b"]` (Dockerfile) and `["a" "b"]` / `[a b]` (Go's printing in history) all become `a b`. */
function joinExecForm(args: string): string {
  if (!args.startsWith('[') || !args.endsWith(']')) return args;
  const quoted = args.match(/"(?:[^"\\]|\\.)*"/g);
  if (!quoted) return args.slice(1, -1).trim();
  try {
    return quoted.map((token) => JSON.parse(token) as string).join(' ');
  } catch {
    return args;
  }
}

function pairScore(entry: Comparable, instruction: Comparable): number {
  if (entry.keyword === null) {
    if (instruction.keyword !== 'RUN') return SCORE_MISMATCH;
    if (entry.args === instruction.args) return SCORE_EXACT;
    return entry.args.endsWith(` ${instruction.args}`) ? SCORE_SHELL_SUFFIX : SCORE_BARE_RUN;
  }
  if (entry.keyword !== instruction.keyword) return SCORE_MISMATCH;
  if (entry.args === instruction.args) return SCORE_EXACT;
  // A RUN after SHELL keeps that shell's prefix in the history.
  if (entry.keyword === 'RUN' && instruction.args !== '' && entry.args.endsWith(` ${instruction.args}`))
    return SCORE_SHELL_SUFFIX;
  if (entry.destination !== null && entry.destination === instruction.destination) return SCORE_DESTINATION;
  return SCORE_KEYWORD;
}

// ---------------------------------------------------------------------------------------------
// Comparing two images

/** How a comparison row's two sides were matched. */
export type ComparisonMatch =
  /** The same entry in both (the shared base: same layers, same history). */
  | 'shared'
  /** Different places in the history but the very same layer (same diff ID). */
  | 'same-layer'
  /** The same cleaned instruction text. */
  | 'same-instruction'
  /** The same keyword, in order, after the exact matches. */
  | 'same-keyword'
  | 'only-a'
  | 'only-b';

/** One line of a comparison. */
export interface ComparisonRow {
  match: ComparisonMatch;
  a: LayerEntry | null;
  b: LayerEntry | null;
  /** The instruction to show: b's when it has one, else a's. */
  instruction: string;
  aBytes: number;
  bBytes: number;
  /** b − a. */
  deltaBytes: number;
  /** Delta as a percentage of a; null when a is 0 and b is not. */
  deltaPercent: number | null;
}

/** Two images side by side. */
export interface ImageComparison {
  /** Entries both images share from the start (same layers and history), shown once. */
  sharedCount: number;
  sharedBytes: number;
  /** Every row, shared ones first, then the rest in history order. */
  rows: ComparisonRow[];
  totals: { aBytes: number; bBytes: number; deltaBytes: number; deltaPercent: number | null };
  /** The row that grew the most (positive delta), if any. */
  grewMost: ComparisonRow | null;
  /** The row that shrank the most (negative delta), if any. */
  shrankMost: ComparisonRow | null;
  /** One sentence saying what changed, in `docker images` units. */
  headline: string;
}

/**
 * Compares two images' histories, `a` → `b`: every delta is b − a, so pass the older image as
 * `a` (see `olderFirst`). With `labels`, the headline names the two sides in that order.
 *
 * Entries are shared while both images have the same layer (diff ID) or the same empty entry at
 * the same place: that prefix is the common base. The rest is matched by cleaned instruction
 * text (longest common subsequence), then, between those, by keyword in order; what is left
 * appears on one side only.
 */
export function compareImages(
  a: ImageDetails,
  b: ImageDetails,
  labels?: { a: string; b: string },
): ImageComparison {
  const rows: ComparisonRow[] = [];
  let shared = 0;
  while (shared < a.history.length && shared < b.history.length) {
    const left = a.history[shared]!;
    const right = b.history[shared]!;
    const same =
      left.emptyLayer === right.emptyLayer &&
      (left.emptyLayer
        ? left.createdBy === right.createdBy
        : left.diffId !== null && left.diffId === right.diffId);
    if (!same) break;
    rows.push(makeRow('shared', left, right));
    shared++;
  }
  const restA = a.history.slice(shared);
  const restB = b.history.slice(shared);
  const exact = longestCommonSubsequence(
    restA,
    restB,
    (x, y) => normalizeSpaces(x.instruction) === normalizeSpaces(y.instruction),
  );
  let previousA = 0;
  let previousB = 0;
  const emitGap = (endA: number, endB: number): void => {
    const gapA = restA.slice(previousA, endA);
    const gapB = restB.slice(previousB, endB);
    const byKeyword = longestCommonSubsequence(
      gapA,
      gapB,
      (x, y) =>
        (instructionKeyword(x.instruction) ?? x.instruction) ===
        (instructionKeyword(y.instruction) ?? y.instruction),
    );
    let ga = 0;
    let gb = 0;
    const stops: Array<[number, number]> = [...byKeyword, [gapA.length, gapB.length]];
    for (const [ia, ib] of stops) {
      while (ga < ia) rows.push(makeRow('only-a', gapA[ga++]!, null));
      while (gb < ib) rows.push(makeRow('only-b', null, gapB[gb++]!));
      if (ia < gapA.length && ib < gapB.length) {
        rows.push(
          makeRow(sameLayer(gapA[ia]!, gapB[ib]!) ? 'same-layer' : 'same-keyword', gapA[ia]!, gapB[ib]!),
        );
        ga++;
        gb++;
      }
    }
  };
  for (const [ia, ib] of exact) {
    emitGap(ia, ib);
    const left = restA[ia]!;
    const right = restB[ib]!;
    rows.push(makeRow(sameLayer(left, right) ? 'same-layer' : 'same-instruction', left, right));
    previousA = ia + 1;
    previousB = ib + 1;
  }
  emitGap(restA.length, restB.length);

  const aBytes = sum(a.history.map((entry) => entry.sizeBytes));
  const bBytes = sum(b.history.map((entry) => entry.sizeBytes));
  const grew = rows.reduce<ComparisonRow | null>(
    (best, row) => (row.deltaBytes > 0 && (!best || row.deltaBytes > best.deltaBytes) ? row : best),
    null,
  );
  const shrank = rows.reduce<ComparisonRow | null>(
    (best, row) => (row.deltaBytes < 0 && (!best || row.deltaBytes < best.deltaBytes) ? row : best),
    null,
  );
  const totals = { aBytes, bBytes, deltaBytes: bBytes - aBytes, deltaPercent: percent(aBytes, bBytes) };
  return {
    sharedCount: shared,
    sharedBytes: sum(rows.slice(0, shared).map((row) => row.aBytes)),
    rows,
    totals,
    grewMost: grew,
    shrankMost: shrank,
    headline: `${labels ? `${labels.a} → ${labels.b}: ` : ''}${comparisonHeadline(totals, grew, shrank)}`,
  };
}

function sameLayer(left: LayerEntry, right: LayerEntry): boolean {
  return left.diffId !== null && left.diffId === right.diffId;
}

function makeRow(match: ComparisonMatch, a: LayerEntry | null, b: LayerEntry | null): ComparisonRow {
  const aBytes = a?.sizeBytes ?? 0;
  const bBytes = b?.sizeBytes ?? 0;
  return {
    match,
    a,
    b,
    instruction: (b ?? a)!.instruction,
    aBytes,
    bBytes,
    deltaBytes: bBytes - aBytes,
    deltaPercent: percent(aBytes, bBytes),
  };
}

function percent(from: number, to: number): number | null {
  if (from === 0) return to === 0 ? 0 : null;
  return ((to - from) / from) * 100;
}

/** A signed size in `docker images` units: `+5.24MB`, `-12kB`, `0B`. */
export function formatSizeDelta(bytes: number): string {
  if (bytes === 0) return '0B';
  return `${bytes > 0 ? '+' : '-'}${formatSize(Math.abs(bytes))}`;
}

function formatPercent(value: number | null): string {
  if (value === null) return 'new';
  if (value !== 0 && Math.abs(value) < 0.05) return 'under 0.1%';
  const rounded = Math.abs(value) >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded > 0 ? '+' : ''}${rounded}%`;
}

function comparisonHeadline(
  totals: ImageComparison['totals'],
  grew: ComparisonRow | null,
  shrank: ComparisonRow | null,
): string {
  const parts = [
    totals.deltaBytes === 0
      ? `Same size (${formatSize(totals.aBytes)}).`
      : `${formatSize(totals.aBytes)} → ${formatSize(totals.bBytes)} (${formatSizeDelta(totals.deltaBytes)}, ${formatPercent(totals.deltaPercent)}).`,
  ];
  if (grew) parts.push(`Grew most: ${shorten(grew.instruction)} (${formatSizeDelta(grew.deltaBytes)}).`);
  if (shrank)
    parts.push(`Shrank most: ${shorten(shrank.instruction)} (${formatSizeDelta(shrank.deltaBytes)}).`);
  return parts.join(' ');
}

/** An instruction cut to fit in a sentence. */
export function shorten(instruction: string, max = 60): string {
  const flat = normalizeSpaces(instruction);
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function normalizeSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Index pairs of a longest common subsequence under `same`, in order. */
function longestCommonSubsequence<T>(a: T[], b: T[], same: (x: T, y: T) => boolean): Array<[number, number]> {
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] = same(a[i]!, b[j]!)
        ? lengths[(i + 1) * width + j + 1]! + 1
        : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (same(a[i]!, b[j]!) && lengths[i * width + j] === lengths[(i + 1) * width + j + 1]! + 1) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      i++;
    } else {
      j++;
    }
  }
  return pairs;
}
