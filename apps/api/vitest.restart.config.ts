import { defineConfig } from 'vitest/config';

// The PostgreSQL-restart test runs alone, after the suites (see test-restart/pg-restart.test.ts).
export default defineConfig({
  test: {
    include: ['test-restart/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
