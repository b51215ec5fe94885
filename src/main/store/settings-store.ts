import { join } from 'node:path';
import { z } from 'zod';
import type { EngineOverride } from '../../shared/engine-status';
import { createJsonFile } from './json-file';

const settingsSchema = z.object({
  engineOverride: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('context'), name: z.string().min(1) }),
      z.object({ kind: z.literal('address'), address: z.string().min(1) }),
    ])
    .nullable()
    .default(null),
});

/** The user's app settings, as stored in `<dataDir>/settings.json`. */
export type Settings = z.output<typeof settingsSchema>;

/** Settings that survive restarts; a damaged file means defaults, with the reason kept for the UI. */
export interface SettingsStore {
  get(): Promise<Settings>;
  setEngineOverride(override: EngineOverride | null): Promise<void>;
}

export function createSettingsStore(dataDir: string): SettingsStore {
  const file = createJsonFile(join(dataDir, 'settings.json'), settingsSchema);
  const defaults: Settings = { engineOverride: null };
  const get = async (): Promise<Settings> => {
    const read = await file.read();
    return read.state === 'ok' ? read.value : defaults;
  };
  return {
    get,
    async setEngineOverride(override) {
      await file.write({ ...(await get()), engineOverride: override });
    },
  };
}
