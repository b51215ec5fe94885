import { resolve } from 'node:path';
import { build, type Rolldown } from 'vite';

const root = resolve(import.meta.dirname, '../../..');

/**
 * Bundles the app's own `createApi` as a browser script, so the page under test builds
 * `window.api` with the very code the Electron preload uses; only the transport differs.
 */
export async function buildBridgeScript(): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: resolve(root, 'src/shared/create-api.ts'), formats: ['iife'], name: 'DockwrightBridge' },
    },
  })) as Rolldown.RolldownOutput[] | Rolldown.RolldownOutput;
  const first = Array.isArray(output) ? output[0] : output;
  const chunk = first?.output.find((item) => item.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('Bundling create-api.ts produced no script');
  return chunk.code;
}

/**
 * The page-side glue: a transport over one Playwright binding (requests) and one delivery
 * function (events). Payloads cross as JSON strings, as they do over Electron IPC.
 */
export const TRANSPORT_GLUE = `
(() => {
  const subscribers = new Set();
  window.__dwDeliver = (event, json) => { for (const s of subscribers) s(event, JSON.parse(json)); };
  window.api = DockwrightBridge.createApi({
    invoke: async (channel, input) => JSON.parse(await window.__dwInvoke(channel, JSON.stringify(input))),
    subscribe: (listener) => { subscribers.add(listener); return () => subscribers.delete(listener); },
  });
})();
`;
