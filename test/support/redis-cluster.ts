import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isListening } from '../../src/app/local-redis';
import { freePort } from './redis-server';

const run = promisify(execFile);

/**
 * A Redis Cluster of the test's own on 127.0.0.1: `masters` masters (3 at least, as Redis asks),
 * each with `replicas` replicas, every node with its append-only file in one fresh folder.
 */
export interface OwnCluster {
  /** `127.0.0.1:p1,127.0.0.1:p2,…`: the value of REDIS_CLUSTER_NODES. */
  nodes: string;
  ports: number[];
  /** `redis-cli -p <port> <args…>`, its output. */
  cli(port: number, ...args: string[]): Promise<string>;
  /** The ports of the masters now, by CLUSTER NODES. */
  masters(): Promise<number[]>;
  /**
   * Moves one slot from its master to the master at `toPort`, as `redis-cli --cluster reshard`
   * does (IMPORTING / MIGRATING, MIGRATE `batch` keys at a time, then SETSLOT NODE everywhere),
   * pausing `pauseMs` between batches so that commands meet the slot half moved (ASK, TRYAGAIN).
   */
  moveSlot(slot: number, toPort: number, opts?: { batch?: number; pauseMs?: number }): Promise<number>;
  /** Kills one node at once, as a crash would. */
  kill(port: number): Promise<void>;
  /** Resolves once every node still running says the cluster is ok and all 16384 slots are served. */
  waitHealthy(timeoutMs?: number): Promise<void>;
  /** Stops every node and deletes the folder. */
  stop(): Promise<void>;
}

/** Ports `p` whose cluster bus port (`p + 10000`) is free too. */
async function clusterPort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port < 55_000 && !(await isListening('127.0.0.1', port + 10_000))) return port;
  }
}

export async function startCluster(opts: { masters?: number; replicas?: number } = {}): Promise<OwnCluster> {
  const masters = opts.masters ?? 3;
  const replicas = opts.replicas ?? 0;
  const dir = mkdtempSync(join(tmpdir(), 'dudao-cluster-'));
  const ports: number[] = [];
  while (ports.length < masters * (1 + replicas)) {
    const port = await clusterPort();
    if (!ports.includes(port)) ports.push(port);
  }
  const children = new Map<number, ChildProcess>();
  for (const port of ports) {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        `nodes-${port}.conf`,
        // A failed master is replaced within seconds, so a failover fits in a test.
        '--cluster-node-timeout',
        '2000',
        '--appendonly',
        'yes',
        '--appendfilename',
        `appendonly-${port}.aof`,
        '--appenddirname',
        `aof-${port}`,
        // One folder for all: each node's files are named after its port (a replica's full sync
        // writes the RDB file; a shared one could hand it another node's data).
        '--dbfilename',
        `dump-${port}.rdb`,
        '--save',
        '',
      ],
      { stdio: 'ignore' },
    );
    children.set(port, child);
  }
  for (const port of ports) {
    for (let i = 0; i < 100 && !(await isListening('127.0.0.1', port)); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const cli = async (port: number, ...args: string[]) =>
    (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { maxBuffer: 1 << 26 })).stdout;
  await run('redis-cli', [
    '--cluster',
    'create',
    ...ports.map((p) => `127.0.0.1:${p}`),
    '--cluster-replicas',
    String(replicas),
    '--cluster-yes',
  ]);
  const running = () =>
    ports.filter((p) => children.get(p)?.exitCode === null && !children.get(p)?.signalCode);
  const cluster: OwnCluster = {
    nodes: ports.map((p) => `127.0.0.1:${p}`).join(','),
    ports,
    cli,
    async masters() {
      const [first] = running();
      const table = await cli(first ?? ports[0]!, 'cluster', 'nodes');
      return table
        .split('\n')
        .filter(
          (line) => / master /.test(` ${line.split(' ')[2]?.replace(/,/g, ' ')} `) && !line.includes('fail'),
        )
        .map((line) => Number(/:(\d+)@/.exec(line)?.[1]));
    },
    async moveSlot(slot, toPort, { batch = 10, pauseMs = 20 } = {}) {
      const table = await cli(toPort, 'cluster', 'nodes');
      const rows = table
        .trim()
        .split('\n')
        .map((line) => line.split(' '));
      const portOf = (address: string | undefined) => Number(/:(\d+)@/.exec(address ?? '')?.[1]);
      const serves = (ranges: string[]) =>
        ranges.some((r) => {
          const [a, b] = r.split('-').map(Number);
          return a !== undefined && slot >= a && slot <= (b ?? a);
        });
      const source = rows.find(
        ([, , flags, , , , , , ...ranges]) => flags?.includes('master') && serves(ranges),
      );
      const target = rows.find(([, address]) => portOf(address) === toPort);
      if (!source?.[0] || !target?.[0])
        throw new Error(`slot ${slot} has no master, or ${toPort} is no node`);
      const fromPort = portOf(source[1]);
      if (fromPort === toPort) return 0;
      await cli(toPort, 'cluster', 'setslot', String(slot), 'importing', source[0]);
      await cli(fromPort, 'cluster', 'setslot', String(slot), 'migrating', target[0]);
      let moved = 0;
      for (;;) {
        const keys = (await cli(fromPort, 'cluster', 'getkeysinslot', String(slot), String(batch)))
          .split('\n')
          .filter(Boolean);
        if (keys.length === 0) break;
        await cli(fromPort, 'migrate', '127.0.0.1', String(toPort), '', '0', '5000', 'KEYS', ...keys);
        moved += keys.length;
        await new Promise((r) => setTimeout(r, pauseMs));
      }
      // The target first, then the source, then the others, as redis-cli does: the source never
      // points at a target that does not yet know the slot is its own.
      const others = rows
        .filter(
          ([id, , flags]) =>
            flags?.includes('master') && !flags.includes('fail') && id !== target[0] && id !== source[0],
        )
        .map(([, address]) => portOf(address));
      for (const port of [toPort, fromPort, ...others]) {
        await cli(port, 'cluster', 'setslot', String(slot), 'node', target[0]);
      }
      // Replicas learn the move by gossip: wait until every node running says the target serves it.
      const until = Date.now() + 15_000;
      for (;;) {
        const views = await Promise.all(running().map((p) => cli(p, 'cluster', 'nodes').catch(() => '')));
        const agreed = views.every((view) =>
          view
            .trim()
            .split('\n')
            .map((line) => line.split(' '))
            .some(
              ([id, , flags, , , , , , ...ranges]) =>
                id === target[0] && flags?.includes('master') && serves(ranges),
            ),
        );
        if (agreed) return moved;
        if (Date.now() > until) throw new Error(`the nodes do not agree that ${toPort} serves slot ${slot}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    kill: (port) =>
      new Promise<void>((resolve) => {
        const child = children.get(port);
        if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
    async waitHealthy(timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const infos = await Promise.all(running().map((p) => cli(p, 'cluster', 'info').catch(() => '')));
        if (infos.every((i) => /cluster_state:ok/.test(i) && /cluster_slots_ok:16384/.test(i))) return;
        if (Date.now() > until) throw new Error(`the cluster did not become healthy: ${infos.join(' | ')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      await Promise.all(ports.map((p) => cluster.kill(p)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.waitHealthy();
  return cluster;
}
