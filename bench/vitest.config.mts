import { defineConfig } from 'vitest/config';

// Benchmarks print ratios against a reference measured in the same run; they never run in npm test.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    globalSetup: ['test/setup/global-setup.ts'],
    name: 'bench',
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
