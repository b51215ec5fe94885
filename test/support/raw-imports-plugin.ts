import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'rolldown';

const SUFFIX = '?raw';

/**
 * Vite's `?raw` imports (a file's text as a string, used for the BuildKit session's .proto files)
 * for tests that bundle main-process code with plain rolldown instead of electron-vite.
 */
export function rawImports(): Plugin {
  return {
    name: 'dw-raw-imports',
    resolveId(source, importer) {
      if (!source.endsWith(SUFFIX) || !importer) return null;
      return `${resolve(dirname(importer), source.slice(0, -SUFFIX.length))}${SUFFIX}`;
    },
    load(id) {
      if (!id.endsWith(SUFFIX)) return null;
      return `export default ${JSON.stringify(readFileSync(id.slice(0, -SUFFIX.length), 'utf8'))};`;
    },
  };
}
