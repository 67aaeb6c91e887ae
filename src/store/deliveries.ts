import { createHash } from 'node:crypto';
import type { StoreContext } from './context';
import type { DeliveryRef } from './keys';
import { runScript } from './scripts';

/**
 * The delivery ledger: one Redis hash per thing to deliver (a group's digest of a week, the chart
 * in its thread, a meeting's reminder, one DM), in the team's slot. Its state moves claimed →
 * sent | failed, or back to released when the send surely had no effect. A claim holds a lease;
 * only an expired lease can be taken over, and the taker is told the earlier holder may have sent
 * ("uncertain").
 * Every transition is one Lua script timed by Redis's own clock (src/store/job-scripts.ts).
 */

/** What a claim found. `first` is when the record was first claimed (ms), to bound a search for the message. */
export type Claim =
  | { state: 'fresh' | 'uncertain'; first: number }
  | { state: 'sent' }
  | { state: 'failed' }
  | { state: 'busy'; retryInMs: number };

/** Delivery records are kept longer than any retry or dedupe window (weeks). */
const TTL_SECONDS = 45 * 24 * 3600;

/** The record of one delivery. */
export interface DeliveryRecord {
  /** An opaque id of the delivery, for message metadata and logs: it names no Redis layout. */
  readonly id: string;
  /** Takes the record for `owner` for `leaseMs`, unless it is sent, failed, or held by a live lease. */
  claim(owner: string, leaseMs: number): Promise<Claim>;
  /** Records the delivery (`channel`/`ts` of the message; empty when there was nothing to send). */
  markSent(owner: string, where: { channel: string; ts: string }): Promise<'ok' | 'already' | 'lease_lost'>;
  /** The send surely had no effect (e.g. a 429): the next claim is fresh. */
  release(owner: string): Promise<void>;
  /** The send may have had an effect (5xx, timeout): the lease ends now and the next claim is uncertain. */
  releaseUncertain(owner: string): Promise<void>;
  /** Slack refused for good; later claims see `failed` and stop. */
  markFailed(owner: string, error: string): Promise<void>;
  /**
   * The week (`2026-W03`) whose thread the post goes in: `week` the first time it is asked, the
   * first answer ever after, so that every attempt of one delivery looks in and posts to the
   * same thread however late it runs. Asked only while the record is claimed.
   */
  pinWeek(week: string): Promise<string>;
  /** The stored fields, for tests and an operator's look. */
  read(): Promise<Record<string, string>>;
}

/** The ledger record of `ref`; the key is built (and its ids checked) when this is called. */
export function deliveryRecord(ctx: StoreContext, ref: DeliveryRef): DeliveryRecord {
  const key = ctx.keys.delivery(ref);
  const settle = async (owner: string, how: string, error: string) => {
    await runScript(ctx.redis, 'ddDeliverySettle', [key], [owner, TTL_SECONDS, how, error]);
  };
  return {
    id: createHash('sha256').update(key).digest('hex').slice(0, 32),
    async claim(owner, leaseMs) {
      const [state, n] = (await runScript(
        ctx.redis,
        'ddDeliveryClaim',
        [key],
        [owner, leaseMs, TTL_SECONDS],
      )) as [string, number];
      if (state === 'busy') return { state, retryInMs: Number(n) };
      if (state === 'fresh' || state === 'uncertain') return { state, first: Number(n) };
      return state === 'sent' ? { state: 'sent' } : { state: 'failed' };
    },
    async markSent(owner, where) {
      return (await runScript(
        ctx.redis,
        'ddDeliverySent',
        [key],
        [owner, TTL_SECONDS, where.channel, where.ts],
      )) as 'ok' | 'already' | 'lease_lost';
    },
    release: (owner) => settle(owner, 'released', ''),
    releaseUncertain: (owner) => settle(owner, 'unknown', ''),
    markFailed: (owner, error) => settle(owner, 'failed', error),
    async pinWeek(week) {
      const res = await ctx.redis.multi().hsetnx(key, 'week', week).hget(key, 'week').exec();
      const [err, pinned] = res?.[1] ?? [new Error('transaction aborted'), null];
      if (err) throw err;
      return typeof pinned === 'string' ? pinned : week;
    },
    read: () => ctx.redis.hgetall(key),
  };
}
