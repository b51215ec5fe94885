import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import type { EngineOverride } from '../../shared/engine-status';
import { DEFAULT_SHOWN_LINES, shownLinesSchema } from '../../shared/log-view-settings';
import { createJsonFile } from './json-file';

const settingsSchema = z.object({
  engineOverride: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('context'), name: z.string().min(1) }),
      z.object({ kind: z.literal('address'), address: z.string().min(1) }),
    ])
    .nullable()
    .default(null),
  /** Lines a log view shows before folding its middle; a bad value means the default. */
  logShownLines: shownLinesSchema.catch(DEFAULT_SHOWN_LINES).default(DEFAULT_SHOWN_LINES),
  /** A random id of this installation: BuildKit session transfers are keyed by it (buildSharedKey). */
  installId: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
});

/** The user's app settings, as stored in `<dataDir>/settings.json`. */
export type Settings = z.output<typeof settingsSchema>;

/** Settings that survive restarts; a damaged file means defaults, with the reason kept for the UI. */
export interface SettingsStore {
  get(): Promise<Settings>;
  setEngineOverride(override: EngineOverride | null): Promise<void>;
  setLogShownLines(lines: number): Promise<void>;
}

/** The settings store as main wires it: settings, and this installation's id. */
export interface AppSettingsStore extends SettingsStore {
  /** This installation's random id, made and saved on first use (kept for this run if saving fails). */
  installId(): Promise<string>;
}

export function createSettingsStore(dataDir: string): AppSettingsStore {
  const file = createJsonFile(join(dataDir, 'settings.json'), settingsSchema);
  const defaults: Settings = { engineOverride: null, logShownLines: DEFAULT_SHOWN_LINES };
  const get = async (): Promise<Settings> => {
    const read = await file.read();
    return read.state === 'ok' ? read.value : defaults;
  };
  let installId: Promise<string> | null = null;
  return {
    get,
    async setEngineOverride(override) {
      await file.write({ ...(await get()), engineOverride: override });
    },
    async setLogShownLines(lines) {
      await file.write({ ...(await get()), logShownLines: lines });
    },
    installId() {
      // One promise: two builds started at once on a fresh install must not make two ids.
      installId ??= (async () => {
        const read = await file.read();
        if (read.state === 'ok' && read.value.installId) return read.value.installId;
        const id = randomBytes(16).toString('hex');
        // A damaged file is left for the user to see; the id then lasts for this run only.
        if (read.state !== 'damaged')
          await file
            .write({ ...(read.state === 'ok' ? read.value : defaults), installId: id })
            .catch(() => undefined);
        return id;
      })();
      return installId;
    },
  };
}
