import type { Redis } from 'ioredis';

/**
 * The delivery ledger: one Redis hash per thing to deliver (a group's digest of a week, a
 * meeting's reminder, one DM), under the team's hash tag. Its state moves
 * claimed → sent | failed, or back to released when the send surely had no effect. A claim
 * holds a lease; only an expired lease can be taken over, and the taker is told the earlier
 * holder may have sent ("uncertain"). Every transition is one Lua script, timed by Redis's own
 * clock so that workers with skewed clocks agree.
 */

/** What a claim found. `first` is when the record was first claimed (ms), to bound a search for the message. */
export type Claim =
  | { state: 'fresh' | 'uncertain'; first: number }
  | { state: 'sent' }
  | { state: 'failed' }
  | { state: 'busy'; retryInMs: number };

/** Delivery records are kept longer than any retry or dedupe window (weeks). */
const TTL_SECONDS = 45 * 24 * 3600;

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

const CLAIM = `${NOW}
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'sent' or state == 'failed' then return {state, 0} end
local outcome = 'fresh'
if state == 'claimed' then
  local lease = tonumber(redis.call('HGET', KEYS[1], 'lease') or '0')
  if lease > now then return {'busy', lease - now} end
  outcome = 'uncertain'
end
if not state then redis.call('HSET', KEYS[1], 'first', now) end
redis.call('HSET', KEYS[1], 'state', 'claimed', 'owner', ARGV[1], 'lease', now + tonumber(ARGV[2]))
redis.call('HINCRBY', KEYS[1], 'claims', 1)
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {outcome, tonumber(redis.call('HGET', KEYS[1], 'first'))}`;

// ARGV: owner, ttl, channel, ts. Recorded even if the lease was lost meanwhile: the message is out.
const SENT = `${NOW}
if redis.call('HGET', KEYS[1], 'state') == 'sent' then return 'already' end
local mine = redis.call('HGET', KEYS[1], 'owner') == ARGV[1]
redis.call('HSET', KEYS[1], 'state', 'sent', 'at', now, 'channel', ARGV[3], 'ts', ARGV[4])
redis.call('HDEL', KEYS[1], 'owner', 'lease')
redis.call('EXPIRE', KEYS[1], ARGV[2])
if mine then return 'ok' end
return 'lease_lost'`;

// ARGV: owner, ttl, how (released | unknown | failed), error. Only the lease holder may do this.
const SETTLE = `if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] or redis.call('HGET', KEYS[1], 'state') ~= 'claimed' then
  return 0
end
if ARGV[3] == 'released' then
  redis.call('HSET', KEYS[1], 'state', 'released')
  redis.call('HDEL', KEYS[1], 'owner', 'lease')
elseif ARGV[3] == 'unknown' then
  redis.call('HSET', KEYS[1], 'lease', 0)
else
  redis.call('HSET', KEYS[1], 'state', 'failed', 'error', ARGV[4])
  redis.call('HDEL', KEYS[1], 'owner', 'lease')
end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1`;

type ScriptCall = (key: string, ...args: (string | number)[]) => Promise<unknown>;

/** A one-key Lua script as a command of `redis` (run by EVALSHA, loaded on first use). */
function script(redis: Redis, name: string, lua: string): ScriptCall {
  if (!(name in redis)) redis.defineCommand(name, { numberOfKeys: 1, lua });
  const command = (redis as unknown as Record<string, ScriptCall>)[name];
  if (!command) throw new Error(`could not define the Redis script ${name}`);
  return command.bind(redis);
}

export interface Ledger {
  /** Takes the record for `owner` for `leaseMs`, unless it is sent, failed, or held by a live lease. */
  claim(key: string, owner: string, leaseMs: number): Promise<Claim>;
  /** Records the delivery (`channel`/`ts` of the message; empty when there was nothing to send). */
  markSent(
    key: string,
    owner: string,
    where: { channel: string; ts: string },
  ): Promise<'ok' | 'already' | 'lease_lost'>;
  /** The send surely had no effect (e.g. a 429): the next claim is fresh. */
  release(key: string, owner: string): Promise<void>;
  /** The send may have had an effect (5xx, timeout): the lease ends now and the next claim is uncertain. */
  releaseUncertain(key: string, owner: string): Promise<void>;
  /** Slack refused for good; later claims see `failed` and stop. */
  markFailed(key: string, owner: string, error: string): Promise<void>;
  /** The record, for tests and the dashboard of an operator. */
  read(key: string): Promise<Record<string, string>>;
}

/** The ledger on `redis` (the data connection). Keys are `${prefix}:{${teamId}}:dlv:…`: see {@link deliveryKey}. */
export function createLedger(redis: Redis): Ledger {
  const claim = script(redis, 'dudaoLedgerClaim', CLAIM);
  const sent = script(redis, 'dudaoLedgerSent', SENT);
  const settle = script(redis, 'dudaoLedgerSettle', SETTLE);
  return {
    async claim(key, owner, leaseMs) {
      const [state, n] = (await claim(key, owner, leaseMs, TTL_SECONDS)) as [string, number];
      if (state === 'busy') return { state, retryInMs: Number(n) };
      if (state === 'fresh' || state === 'uncertain') return { state, first: Number(n) };
      return state === 'sent' ? { state: 'sent' } : { state: 'failed' };
    },
    async markSent(key, owner, where) {
      return (await sent(key, owner, TTL_SECONDS, where.channel, where.ts)) as
        | 'ok'
        | 'already'
        | 'lease_lost';
    },
    async release(key, owner) {
      await settle(key, owner, TTL_SECONDS, 'released', '');
    },
    async releaseUncertain(key, owner) {
      await settle(key, owner, TTL_SECONDS, 'unknown', '');
    },
    async markFailed(key, owner, error) {
      await settle(key, owner, TTL_SECONDS, 'failed', error);
    },
    read: (key) => redis.hgetall(key),
  };
}

/**
 * The ledger key of one delivery: `${prefix}:{${teamId}}:dlv:${what}`, in the team's slot like
 * the rest of its data. `what` names the thing, e.g. `digest:C123:2026-W03`,
 * `reminder:C123:2026-01-12` or `dm:<dedupe key>`.
 */
export function deliveryKey(prefix: string, teamId: string, what: string): string {
  return `${prefix}:{${teamId}}:dlv:${what}`;
}
