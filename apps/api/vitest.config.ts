import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ['test/support/interleaved-queries.ts'],
    // PGlite is WASM and memory-hungry; two workers on a 2-core machine is the sweet spot.
    pool: 'forks',
    maxWorkers: 2,
  },
});
