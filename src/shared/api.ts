/**
 * The one IPC contract between the renderer and main.
 *
 * Every request channel is declared once here with a zod schema for its input (main validates
 * every input with it before acting) and its output type; every event channel with its payload.
 * Preload, the e2e bridge and browser mode all derive `window.api` from these types.
 */
import { z } from 'zod';
import { engineOverrideSchema, type EngineChoices, type EngineStatus } from './engine-status';
import { shownLinesSchema, type LogViewSettings } from './log-view-settings';
import type { DiskUsage, ImagePlatforms, ImageSummary, PruneResult } from './images';
import type { Result } from './result';
import type {
  BuildEvent,
  BuildRecord,
  BuildSummary,
  ContextSummary,
  DockerfileOutline,
} from './builds/build-record';
import { parseImageReference } from './image-reference';
import { absolutePath, dockerfilePath, fileText, imageTag } from './request-fields';
import { imageInsightSchemas } from './api-image-insight';
import { buildRequestSchema } from './builds/build-request';
import { runRequestSchema } from './run-request';
import type { ContainerDetails, ContainerEvent, ContainerSummary, RunDefaults } from './containers';
import type { PushEvent } from './push/push-model';
import type { PushPreflight } from './push/push-preflight';
import type { PullEvent } from './pull/pull-progress';
import type { RegistryLogin, RegistryLogins, RegistryPlace } from './registry';
import type { AnalysisEvent, LayersComparison, LayersView, WasteStatus } from './layers/layers-view';
import type { WasteFixEvent } from './layers/waste-fix-verification';
import type { BuildOnlyAnswer, MultiStageEvent } from './layers/build-only-content-offer';
import type { FileDiffEvent } from './layers/file-diff-view';
import type { PackageList } from './packages/list-image-packages';
import type { PackageComparison } from './packages/compare-packages';
import type { ProjectDetection } from './wizard/project-detection';
import type { RunCheckResult } from './wizard/run-check';
import type { CachePrediction } from './cache/cache-model';
import type { DebugBuild } from './builds/debug-dockerfile';
import {
  terminalAckSchema,
  terminalAttachSchema,
  terminalCloseSchema,
  terminalInputSchema,
  terminalOpenSchema,
  terminalResizeSchema,
  type TerminalEvent,
  type TerminalSession,
} from './terminal';

const empty = z.strictObject({});

const containerId = z.strictObject({
  id: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/, 'Not a container id or name'),
});

/** Any valid reference (tag or digest), checked with the engine's grammar. */
const imageReference = z
  .string()
  .trim()
  .superRefine((value, context) => {
    const parsed = parseImageReference(value);
    if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.message });
  });

/** How long a "Run & check" may wait: at most ten minutes, like a slow server's first start. */
const checkSeconds = z.number().int().min(1).max(600);

/**
 * Input schemas, one per request channel, named 'feature:verb'. Each feature's events come on
 * its one 'feature:event' channel (see EventPayloads): `build:start` → `build:event`.
 */
export const requestSchemas = {
  'engine:status': empty,
  'engine:reconnect': empty,
  'engine:choices': empty,
  'engine:set-override': z.strictObject({ override: engineOverrideSchema.nullable() }),
  'settings:log-view': empty,
  'settings:set-log-view': z.strictObject({ shownLines: shownLinesSchema }),
  'images:list': empty,
  'images:remove': z.strictObject({
    /** Image id (removes the image) or a `repo:tag` (removes that tag; the image goes with its last tag). */
    ref: z.string().min(1, 'Name the image or tag to remove'),
    force: z.boolean().default(false),
  }),
  'images:prune': empty,
  /** Platforms of one image (by id or reference), read from its export: engines below API 1.47 list none. */
  'images:platforms': z.strictObject({ ref: z.string().trim().min(1, 'Name the image') }),
  /** The archive path must end in .tar: a renderer can never be made to overwrite another kind of file. */
  'images:save': z.strictObject({
    ref: z.string().trim().min(1),
    path: absolutePath('archive file').refine((path) => /\.tar$/i.test(path), {
      error: 'Save the archive as a .tar file',
    }),
  }),
  'images:load': z.strictObject({
    path: absolutePath('archive file').refine((path) => /\.(tar|tar\.gz|tgz)$/i.test(path), {
      error: 'Choose a .tar (or .tar.gz) archive made by docker save',
    }),
  }),
  'dialog:save-file': z.strictObject({
    title: z.string().max(200),
    defaultPath: z.string().nullable().default(null),
  }),
  'system:disk-usage': empty,
  'system:prune-build-cache': empty,
  'images:tag': z.strictObject({
    source: z.string().trim().min(1, 'Choose the image to tag'),
    target: imageTag,
  }),
  'dockerfile:open': z.strictObject({ path: dockerfilePath }),
  'dockerfile:mtime': z.strictObject({ path: dockerfilePath }),
  'dockerfile:save': z.strictObject({
    path: dockerfilePath,
    text: fileText,
    /** When the editor read the file; a different time on disk means someone else changed it. */
    expectedMtimeMs: z.number().nullable(),
  }),
  'wizard:detect': z.strictObject({ dir: absolutePath('project folder') }),
  'wizard:read-files': z.strictObject({ dir: absolutePath('project folder') }),
  'wizard:write-files': z.strictObject({
    dir: absolutePath('project folder'),
    dockerfile: fileText.min(1, 'The Dockerfile is empty'),
    dockerignore: fileText,
    /** What the user was shown as the current files: a file changed since then is not overwritten. */
    expected: z.strictObject({ dockerfile: fileText.nullable(), dockerignore: fileText.nullable() }),
  }),
  ...imageInsightSchemas,
  'registry:list': empty,
  'registry:place': z.strictObject({ registry: z.string().trim() }),
  'registry:login': z.strictObject({
    /** Empty means Docker Hub. */
    registry: z.string().trim().default(''),
    username: z.string().trim().min(1, 'Enter your user name'),
    password: z.string().min(1, 'Enter your password or access token'),
    /** How to keep the login beyond this session (see KeepLogin). */
    keep: z.enum(['default', 'session', 'config-file']).default('default'),
  }),
  'registry:logout': z.strictObject({ registry: z.string().trim() }),
  'pull:start': z.strictObject({ reference: imageReference }),
  'pull:cancel': z.strictObject({ id: z.string().min(1) }),
  'push:start': z.strictObject({ reference: imageReference, allTags: z.boolean().default(false) }),
  'push:cancel': z.strictObject({ id: z.string().min(1) }),
  /** Reads only: the destination, the login, the layers the registry has and the bytes left to send. */
  'push:preflight': z.strictObject({ reference: imageReference }),
  'app:info': empty,
  /** Absolute only: a relative path would be resolved against wherever the server runs. */
  'fs:list-folders': z.strictObject({ path: absolutePath('folder').nullable().default(null) }),
  'dialog:pick-folder': z.strictObject({
    title: z.string().max(200),
    defaultPath: z.string().nullable().default(null),
  }),
  'dialog:pick-file': z.strictObject({
    title: z.string().max(200),
    defaultPath: z.string().nullable().default(null),
  }),
  'build:outline-dockerfile': z.strictObject({
    contextDir: absolutePath('build context folder'),
    dockerfile: dockerfilePath.nullable().default(null),
  }),
  'build:summarize-context': z.strictObject({
    contextDir: absolutePath('build context folder'),
    dockerfile: dockerfilePath.nullable().default(null),
  }),
  'build:ignore-paths': z.strictObject({
    contextDir: absolutePath('build context folder'),
    patterns: z.array(z.string().trim().min(1)).min(1).max(50),
  }),
  'build:start': buildRequestSchema,
  'build:cancel': z.strictObject({ id: z.string().min(1) }),
  /** `dockerfileText`: the editor's unsaved text, predicted instead of the file on disk. */
  'cache:predict': buildRequestSchema.extend({ dockerfileText: fileText.optional() }),
  /** A debug build of a recorded build's Dockerfile, cut before (or after) the step at `line`. */
  'debug:start': z.strictObject({
    buildId: z.string().min(1),
    line: z.number().int().min(1).max(1_000_000),
    at: z.enum(['before', 'after']),
  }),
  /** A container of a debug image with its shell on a TTY, for `terminal:attach`. */
  'debug:shell': z.strictObject({
    image: z.string().regex(/^dockwright-debug\/[a-z0-9]+:line-\d+$/, 'Not a debug image'),
    pending: z.string().max(65536).nullable(),
    pendingCommand: z.string().max(65536).nullable(),
  }),
  'history:list': empty,
  'history:get': z.strictObject({ id: z.string().min(1) }),
  /** Bytes each Dockerfile line of a build added to its image (the editor's gutter), from `docker history`. */
  'history:line-sizes': z.strictObject({ id: z.string().min(1) }),
  // The whole raw log of an ended build, from its saved record, into a file the user chose.
  /** The log path must end in .log or .txt: a renderer can never be made to overwrite another kind of file. */
  'history:save-log': z.strictObject({
    id: z.string().min(1),
    path: absolutePath('log file').refine((path) => /\.(log|txt)$/i.test(path), {
      error: 'Save the log as a .log or .txt file',
    }),
  }),
  'history:delete': z.strictObject({ id: z.string().min(1) }),
  'history:clear': empty,
  'run:defaults': z.strictObject({ image: z.string().trim().min(1) }),
  'run:start': runRequestSchema,
  /** The wizard's "Run & check": start a built image and check it works (see shared/wizard/run-check.ts). */
  'wizard:run-check': z.strictObject({
    image: z.string().trim().min(1, 'Build the image first'),
    /** The container's name, chosen by the page so it can stop the check before it ends. */
    name: runRequestSchema.shape.name,
    plan: z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('port'),
        port: z.number().int().min(1).max(65535),
        seconds: checkSeconds,
      }),
      z.strictObject({ kind: z.literal('exits'), seconds: checkSeconds }),
      z.strictObject({ kind: z.literal('stays-up'), seconds: checkSeconds }),
    ]),
  }),
  'containers:list': z.strictObject({ all: z.boolean().default(false) }),
  'containers:follow': containerId,
  'containers:inspect': containerId,
  'containers:unfollow': containerId,
  'containers:stop': containerId.extend({ timeoutSeconds: z.number().int().min(0).max(600).default(10) }),
  'containers:start': containerId,
  'containers:restart': containerId,
  'containers:remove': containerId,
  /** A terminal into a running container (docker exec -it); its output comes on `terminal:event`. */
  'terminal:open': terminalOpenSchema,
  /** The terminal of a container's main process, for containers run interactively (-it). */
  'terminal:attach': terminalAttachSchema,
  'terminal:input': terminalInputSchema,
  'terminal:resize': terminalResizeSchema,
  'terminal:ack': terminalAckSchema,
  'terminal:close': terminalCloseSchema,
  'shell:open-external': z.strictObject({
    url: z.url({ protocol: /^https?$/, error: 'Only http(s) links open in the browser' }),
  }),
} as const;

/** Output type of each request channel. */
export interface RequestOutputs {
  'engine:status': EngineStatus;
  'engine:reconnect': EngineStatus;
  'engine:choices': EngineChoices;
  'engine:set-override': EngineStatus;
  'settings:log-view': LogViewSettings;
  'settings:set-log-view': LogViewSettings;
  'images:list': ImageSummary[];
  'images:remove': { removed: string[]; untagged: string[] };
  'images:prune': PruneResult;
  'images:platforms': ImagePlatforms;
  'images:save': { bytes: number };
  'images:load': { loaded: string[] };
  'dialog:save-file': string | null;
  'system:disk-usage': DiskUsage;
  'system:prune-build-cache': { reclaimedBytes: number };
  'images:tag': { reference: string };
  'dockerfile:open': { path: string; text: string; mtimeMs: number };
  'dockerfile:mtime': { mtimeMs: number | null };
  'dockerfile:save': { path: string; text: string; mtimeMs: number };
  'wizard:detect': ProjectDetection;
  'wizard:read-files': { dockerfile: string | null; dockerignore: string | null };
  'wizard:write-files': { written: string[] };
  'layers:details': LayersView;
  'layers:compare': LayersComparison;
  'layers:previous-build': { buildId: string; imageId: string } | null;
  'analysis:start': { id: string };
  'analysis:cancel': null;
  'layers:file-diff': { id: string };
  'waste:get': WasteStatus;
  'waste:cancel': null;
  'packages:list': PackageList;
  'packages:compare': PackageComparison;
  'packages:export': { bytes: number; packages: number };
  'waste:verify-fix': { id: string };
  'waste:verify-cancel': null;
  'layers:build-only': BuildOnlyAnswer;
  'layers:try-multi-stage': { id: string };
  'layers:try-multi-stage-cancel': null;
  'registry:list': RegistryLogins;
  'registry:place': RegistryPlace;
  'registry:login': RegistryLogin;
  'registry:logout': { erasedFrom: string[] };
  'pull:start': { id: string };
  'pull:cancel': null;
  'push:start': { id: string };
  'push:cancel': null;
  'push:preflight': PushPreflight;
  'app:info': AppInfo;
  'fs:list-folders': FolderListing;
  'dialog:pick-folder': string | null;
  'dialog:pick-file': string | null;
  'build:outline-dockerfile': DockerfileOutline;
  'build:summarize-context': ContextSummary;
  'build:ignore-paths': ContextSummary;
  'build:start': BuildSummary;
  'build:cancel': null;
  'cache:predict': CachePrediction;
  'debug:start': DebugBuild;
  'debug:shell': { containerId: string };
  'history:list': { builds: BuildSummary[]; skipped: string[] };
  'history:get': BuildRecord;
  /** `[line, bytes]` pairs; null when the build made no image or the image is gone. */
  'history:line-sizes': [line: number, bytes: number][] | null;
  'history:save-log': { bytes: number };
  'history:delete': null;
  'history:clear': null;
  'run:defaults': RunDefaults;
  'run:start': { id: string; name: string };
  'wizard:run-check': RunCheckResult;
  'containers:list': ContainerSummary[];
  'containers:follow': null;
  'containers:inspect': ContainerDetails;
  'containers:unfollow': null;
  'containers:stop': null;
  'containers:start': null;
  'containers:restart': null;
  'containers:remove': null;
  'terminal:open': TerminalSession;
  'terminal:attach': TerminalSession;
  'terminal:input': null;
  'terminal:resize': null;
  'terminal:ack': null;
  'terminal:close': null;
  'shell:open-external': null;
}

/** How the app is being shown: Electron (native dialogs) or browser mode (the in-page folder picker). */
export interface AppInfo {
  mode: 'electron' | 'browser';
  homeDir: string;
  platform: string;
  version: string;
}

/** One folder's sub-folders (and files, for picking a Dockerfile), for browser mode's picker. */
export interface FolderListing {
  path: string;
  parent: string | null;
  /** From the root to `path`, for breadcrumbs. */
  crumbs: { name: string; path: string }[];
  entries: { name: string; path: string; kind: 'folder' | 'file' }[];
}

/** Payload of each event channel (main → renderer), one per feature, named 'feature:event'. */
export interface EventPayloads {
  /** The engine connection changed (same shape as `engine:status` answers). */
  'engine:event': EngineStatus;
  /** The engine reported image changes (ours or anyone's, e.g. a `docker build` in a terminal). */
  'images:event': { action: string };
  /** Progress of one build, tagged with its id. */
  'build:event': { id: string; event: BuildEvent };
  /** Output and state of a followed container. */
  'containers:event': { id: string; event: ContainerEvent };
  /** Progress of one image contents analysis, tagged with its id. */
  'analysis:event': { id: string; event: AnalysisEvent };
  /** Progress and result of one file diff between two images (`layers:file-diff`), tagged with its id. */
  'file-diff:event': { id: string; event: FileDiffEvent };
  /** Where the background search for an image's wasted bytes stands. */
  'waste:event': { imageId: string; status: WasteStatus };
  /** Progress and result of one waste-fix verification (`waste:verify-fix`), tagged with its id. */
  'waste-fix:event': { id: string; event: WasteFixEvent };
  /** Progress and result of one multi-stage trial (`layers:try-multi-stage`), tagged with its id. */
  'multi-stage:event': { id: string; event: MultiStageEvent };
  /** Progress of one pull, tagged with its id. */
  'pull:event': { id: string; event: PullEvent };
  /** Progress of one push, tagged with its id. */
  'push:event': { id: string; event: PushEvent };
  /** Output and end of one terminal session, sent only to the page that opened it. */
  'terminal:event': { sessionId: string; event: TerminalEvent };
}

export type RequestChannel = keyof typeof requestSchemas;
export type EventChannel = keyof EventPayloads;
/** Main's side of `Api.on`: sends an event to every renderer listening. */
export type EventSink = <E extends EventChannel>(event: E, payload: EventPayloads[E]) => void;
/** What the renderer passes (defaults may be omitted). */
export type RequestInput<C extends RequestChannel> = z.input<(typeof requestSchemas)[C]>;
/** What a handler receives after validation (defaults filled in). */
export type ValidInput<C extends RequestChannel> = z.output<(typeof requestSchemas)[C]>;
export type RequestOutput<C extends RequestChannel> = RequestOutputs[C];

/** The renderer's whole view of main: `window.api`. */
export interface Api {
  invoke<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<Result<RequestOutput<C>>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** True when `name` is a declared request channel (checked before anything reaches a handler). */
export function isRequestChannel(name: string): name is RequestChannel {
  return Object.hasOwn(requestSchemas, name);
}

/** Compile-time proof that every event channel is named 'feature:event'. */
const eventChannelsFollowForm: EventChannel extends `${string}:event` ? true : false = true;
void eventChannelsFollowForm;
