/**
 * `npm run test:cluster`: starts a Redis Cluster of its own (three masters on free ports, see
 * test/support/redis-cluster.ts), runs the integration tests against it with REDIS_CLUSTER_NODES
 * set, and stops it. Arguments replace the default list of test folders and files.
 */
import { spawn } from 'node:child_process';
import { startCluster } from '../test/support/redis-cluster';

/** What talks to Redis through the store and the queues: the store, the commands, the jobs, the installs. */
const INTEGRATION = [
  'test/store',
  'test/commands',
  'test/jobs',
  'test/app/oauth.test.ts',
  'test/slack',
  'test/cluster',
];

const only = process.argv.slice(2);
const cluster = await startCluster({ masters: 3 });
console.log(`Redis Cluster of 3 masters on ${cluster.nodes}`);
const started = Date.now();
const code = await new Promise<number>((resolve) => {
  const child = spawn(
    'npx',
    ['vitest', 'run', '--config', 'vitest.cluster.config.ts', ...(only.length > 0 ? only : INTEGRATION)],
    {
      stdio: 'inherit',
      env: { ...process.env, REDIS_CLUSTER_NODES: cluster.nodes },
    },
  );
  child.on('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0)));
});
await cluster.stop();
console.log(
  `test:cluster ${code === 0 ? 'passed' : 'failed'} in ${Math.round((Date.now() - started) / 1000)} s`,
);
process.exit(code);
