import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/** `npm run test:cluster`: the integration tests on a Redis Cluster, and the cluster's own fault tests. */
export default defineConfig({
  test: {
    ...base.test,
    exclude: ['test/chaos/**', '**/node_modules/**'],
    // A command may wait out a slot's move or a failover: a few seconds more than on one server.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
