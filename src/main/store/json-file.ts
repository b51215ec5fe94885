import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { writeFileAtomic } from './atomic-write';

/** What reading a JSON file found: its value, nothing yet, or why it could not be used. */
export type JsonFileRead<T> =
  { state: 'ok'; value: T } | { state: 'missing' } | { state: 'damaged'; reason: string };

/**
 * A small JSON document on disk, checked against a schema on every read.
 *
 * A damaged file is reported, not thrown: callers fall back to defaults and keep running.
 */
export function createJsonFile<S extends z.ZodType>(path: string, schema: S) {
  return {
    path,
    async read(): Promise<JsonFileRead<z.output<S>>> {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
        return { state: 'damaged', reason: (error as Error).message };
      }
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (error) {
        return { state: 'damaged', reason: `${path} is not valid JSON: ${(error as Error).message}` };
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        return {
          state: 'damaged',
          reason: `${path} has unexpected content: ${parsed.error.issues[0]?.message}`,
        };
      }
      return { state: 'ok', value: parsed.data };
    },
    async write(value: z.input<S>): Promise<void> {
      await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
    },
  };
}
