/**
 * An image's history as the Layers screen shows it: one entry per history record with the
 * instruction cleaned up and its layer (if any). map-history-to-dockerfile adds the Dockerfile
 * line each came from; compare-images sets two images side by side.
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
import { DOCKERFILE_INSTRUCTIONS } from '../dockerfile/dockerfile-instructions';
import type { ImageStore } from './size-kinds';

/** What the Layers screen shows about an image besides its history. */
export interface ImageDetails {
  id: string;
  /** `repo:tag` references, without `<none>:<none>`. */
  tags: string[];
  /** `repo@sha256:…` references, without `<none>@<none>`. */
  digests: string[];
  /** Seconds since epoch, with the engine's milliseconds as a fraction (two builds in one second still order). */
  created: number;
  /**
   * The engine's own size (`docker image inspect` .Size): content bytes on the classic store,
   * the compressed blobs on the containerd store (see size-kinds, `imageSizeKind`).
   */
  sizeBytes: number;
  /** Which store the engine keeps images in: it decides what `sizeBytes` and history sizes count. */
  imageStore: ImageStore;
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
  /**
   * Bytes of the entry's layer as the engine's history counts them (0 for an empty entry):
   * content on the classic store, on disk on the containerd store (see `historySizeKind`).
   */
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

const DOCKERFILE_KEYWORDS: ReadonlySet<string> = new Set(DOCKERFILE_INSTRUCTIONS);

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
  const goMap = /^EXPOSE map\[(.*)\]$/.exec(text);
  // BuildKit records EXPOSE as Go prints its port set (`EXPOSE map[80/tcp:{} 53/udp:{}]`): show the ports.
  if (goMap) return { instruction: `EXPOSE ${goMap[1]!.replace(/:\{\}/g, '')}`.trimEnd(), buildArgs: {} };
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

/** An instruction cut to fit in a sentence. */
export function shorten(instruction: string, max = 60): string {
  const flat = normalizeSpaces(instruction);
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Runs of whitespace as one space, trimmed: how instructions compare as text. */
export function normalizeSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
