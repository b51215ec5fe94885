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
