import { defineConfig } from 'vitest/config';

/** `npm run test:chaos`: the fault run of test/chaos, one file at a time (each starts processes and a Redis of its own). */
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    reporters: ['default'],
  },
});
