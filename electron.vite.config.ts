import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const shared = { '@shared': resolve(__dirname, 'src/shared') };

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      // ssh2's optional native addon must stay a runtime require, never bundled
      externalizeDeps: true,
      rollupOptions: {
        // browser.js is browser mode's server, run with plain node: it must never import electron.
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          browser: resolve(__dirname, 'src/main/browser/serve.ts'),
        },
        // What both entries share (services, handlers, engine) gets one plainly named chunk.
        output: { chunkFileNames: 'chunks/main-shared-[hash].js' },
      },
    },
  },
  preload: {
    resolve: { alias: shared },
    build: {
      // A sandboxed preload can only require('electron'): everything else is bundled into one CJS file.
      externalizeDeps: false,
      rollupOptions: { external: ['electron'] },
    },
  },
  renderer: {
    resolve: { alias: { ...shared, '@renderer': resolve(__dirname, 'src/renderer') } },
    plugins: [react()],
  },
});
