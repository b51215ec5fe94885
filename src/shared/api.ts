/**
 * The one IPC contract between the renderer and main.
 *
 * Every request channel is declared once here with a zod schema for its input (main validates
 * every input with it before acting) and its output type; every event channel with its payload.
 * Preload, the e2e bridge and browser mode all derive `window.api` from these types.
 */
import { z } from 'zod';
import type { EngineChoices, EngineStatus } from './engine-status';
import type { ImageSummary, PruneResult } from './images';
import type { Result } from './result';

const empty = z.strictObject({});

const engineOverride = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('context'), name: z.string().min(1, 'Pick a context') }),
  z.strictObject({
    kind: z.literal('address'),
    address: z
      .string()
      .trim()
      .regex(/^(unix|tcp|npipe|ssh):\/\//, 'Use unix://, tcp://, npipe:// or ssh:// followed by the address'),
  }),
]);

/** Input schemas, one per request channel ('feature:verb'). */
export const requestSchemas = {
  'engine:status': empty,
  'engine:reconnect': empty,
  'engine:choices': empty,
  'engine:set-override': z.strictObject({ override: engineOverride.nullable() }),
  'images:list': empty,
  'images:remove': z.strictObject({
    /** Image id (removes the image) or a `repo:tag` (removes that tag; the image goes with its last tag). */
    ref: z.string().min(1, 'Name the image or tag to remove'),
    force: z.boolean().default(false),
  }),
  'images:prune': empty,
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
  'images:list': ImageSummary[];
  'images:remove': { removed: string[]; untagged: string[] };
  'images:prune': PruneResult;
  'shell:open-external': null;
}

/** Payload of each event channel (main → renderer). */
export interface EventPayloads {
  'engine:status': EngineStatus;
  /** The engine reported image changes (ours or anyone's, e.g. a `docker build` in a terminal). */
  'images:changed': { action: string };
}

export type RequestChannel = keyof typeof requestSchemas;
export type EventChannel = keyof EventPayloads;
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
