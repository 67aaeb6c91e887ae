import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import { ConfigError } from '../domain/errors';

/**
 * Options that make a lost Redis visible quickly: a command waits for at most one reconnect
 * attempt instead of queueing forever, so `/healthz` and handlers answer instead of hanging.
 * Commands issued before the first connect are still queued, so start-up needs no special wait.
 */
const DEFAULTS: RedisOptions = {
  maxRetriesPerRequest: 1,
  enableOfflineQueue: true,
  connectTimeout: 5_000,
  commandTimeout: 10_000,
  // Reconnect forever (Redis may come back), but never wait more than a second between tries.
  retryStrategy: (times) => Math.min(times * 100, 1_000),
};

/** A connection to Redis: one server (`REDIS_URL`) or a Redis Cluster (`REDIS_CLUSTER_NODES`). */
export type RedisClient = Redis | Cluster;

/**
 * Creates the ioredis client for data on one server. `opts` override the defaults; BullMQ workers
 * need their own connection with `maxRetriesPerRequest: null` and should not use this one.
 */
export function createRedis(url: string, opts: RedisOptions = {}): Redis {
  return new Redis(url, { ...DEFAULTS, ...opts });
}

/** One node of a Redis Cluster, as `REDIS_CLUSTER_NODES` names it. */
export interface RedisNode {
  host: string;
  port: number;
}

/**
 * Where Redis is: one server at `url`, or a Redis Cluster found through `clusterNodes` (any of its
 * nodes will do: the client learns the others and the slots from them). On a cluster the URL's
 * user, password and `rediss://` (TLS) apply to every node, and its database must be 0.
 */
export interface RedisTarget {
  url: string;
  clusterNodes: readonly RedisNode[] | null;
}

/** How a cluster client re-asks: a slot moved or a master failing over must not fail a user's command. */
const CLUSTER_DEFAULTS: ClusterOptions = {
  // Queue commands while the slots are (re)learnt at start-up and after a failover.
  enableOfflineQueue: true,
  // Reconnect to the cluster forever, as DEFAULTS do for one server.
  clusterRetryStrategy: (times) => Math.min(times * 100, 1_000),
  // MOVED and ASK answers (a resharding) are followed at once; TRYAGAIN (a script whose keys are
  // half moved, while their slot migrates) is asked again every retryDelayOnTryAgain: 64 of them
  // wait out some 6 s of a slot's migration, within which a command's answer is deferred, not lost.
  maxRedirections: 64,
  // A failover takes a few seconds (cluster-node-timeout plus the election): retry within it.
  retryDelayOnFailover: 200,
  retryDelayOnClusterDown: 200,
  retryDelayOnTryAgain: 100,
  // Reads and writes both go to the masters: a replica may lag behind what a user was just told.
  scaleReads: 'master',
};

/** Throws ConfigError when `url` names a database other than 0, which a Redis Cluster does not have. */
export function checkClusterUrl(url: string): void {
  const db = new URL(url).pathname.replace(/^\//, '');
  if (db !== '' && db !== '0') {
    throw new ConfigError(
      `REDIS_URL names database ${db}, but a Redis Cluster (REDIS_CLUSTER_NODES) has only database 0: remove /${db} from it`,
    );
  }
}

/** The URL's credentials and TLS as options of each cluster node. */
function nodeOptionsOf(url: string): RedisOptions {
  checkClusterUrl(url);
  const parsed = new URL(url);
  return {
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * Connects to `target`: one server, or a cluster. `opts` override the per-connection defaults
 * (on a cluster, of every node's connection). Each call opens connections of its own.
 */
export function connectRedis(target: RedisTarget, opts: RedisOptions = {}): RedisClient {
  if (!target.clusterNodes) return createRedis(target.url, opts);
  // Connecting late and queueing while away are the cluster's to decide, for all its nodes at once.
  const { lazyConnect, enableOfflineQueue, ...node } = opts;
  return new Cluster([...target.clusterNodes], {
    ...CLUSTER_DEFAULTS,
    ...(lazyConnect === undefined ? {} : { lazyConnect }),
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    redisOptions: { ...DEFAULTS, ...nodeOptionsOf(target.url), ...node },
  });
}

/** True when `redis` is a cluster client (its commands are routed by slot). */
export function isCluster(redis: RedisClient): redis is Cluster {
  return redis instanceof Cluster;
}

/** How long start-up waits for Redis to answer before going on (it may come up later). */
const CHECK_TIMEOUT_MS = 3_000;

/** Redis's answers that mean the credentials in the URL are wrong, not that Redis is away. */
const REFUSED = /^(WRONGPASS|NOAUTH|NOPERM)\b/;

/**
 * Asks Redis once, before anything is started, whether it accepts the credentials in the URL and
 * is the kind of Redis the settings say (a cluster node for `REDIS_CLUSTER_NODES`, a server for
 * `REDIS_URL` alone). Either mistake is a setting to fix, so start-up stops with one line naming
 * the variable; Redis being unreachable is not (it may come up later, and /healthz says so
 * meanwhile), so that goes on. Without this the workers wait for a connection that can never be
 * made, logging each refusal, or every command of a user fails with MOVED.
 */
export async function checkRedisCredentials(target: RedisTarget | string): Promise<void> {
  const { url, clusterNodes } = typeof target === 'string' ? { url: target, clusterNodes: null } : target;
  const probe: RedisOptions = {
    lazyConnect: true,
    connectTimeout: CHECK_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  };
  const seed = clusterNodes?.[0];
  const redis = seed
    ? new Redis({ ...probe, ...nodeOptionsOf(url), host: seed.host, port: seed.port })
    : new Redis(url, probe);
  // A refused AUTH arrives as an 'error' event; connect() then only says the connection closed.
  const seen: string[] = [];
  redis.on('error', (err: Error) => seen.push(err.message));
  let info: string;
  try {
    await redis.connect();
    info = await redis.info('cluster');
  } catch (err) {
    const message = [...seen, err instanceof Error ? err.message : String(err)].find((m) => REFUSED.test(m));
    if (message?.startsWith('NOAUTH')) {
      throw new ConfigError(
        'REDIS_URL: Redis asks for a password and none was given: redis://:password@host:6379',
      );
    }
    if (message) {
      throw new ConfigError(
        `REDIS_URL: Redis refused its credentials (${message.split(' ')[0]}): check the user name and password in it`,
      );
    }
    return;
  } finally {
    redis.disconnect();
  }
  const clustered = /^cluster_enabled:1\b/m.test(info);
  if (seed && !clustered) {
    throw new ConfigError(
      `REDIS_CLUSTER_NODES: ${seed.host}:${seed.port} is a Redis server without cluster support: set REDIS_URL to it instead, or name the nodes of a Redis Cluster`,
    );
  }
  if (!seed && clustered) {
    throw new ConfigError(
      'REDIS_URL names a node of a Redis Cluster: set REDIS_CLUSTER_NODES=host:port,… to its nodes instead',
    );
  }
}
