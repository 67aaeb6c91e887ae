import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The chaos run starts processes and Redis servers of its own for minutes (`npm run test:chaos`);
    // the cluster's faults run with the integration tests on a cluster (`npm run test:cluster`).
    exclude: ['test/chaos/**', 'test/cluster/**', '**/node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Integration tests each use their own key prefix and queue names, so files may run in parallel.
    pool: 'forks',
    // Vitest's default is one fork fewer than the cores: one on the 2-core machines that run CI. The
    // files mostly wait on Redis, the Slack stand-in and timers, so two at a time take about two
    // thirds of the time (244–262 s against 387 s for the whole suite) and pass alike.
    maxWorkers: 2,
    // In CI a JSON report lets .ci/run print one plain "N passed, N failed" line.
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: '.data/vitest-report.json' }]]
      : ['default'],
  },
});
