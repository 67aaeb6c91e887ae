import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { ClaimBusy, RateLimited, SlackRefused, SlackUnavailable } from '../src/domain/errors';
import { isTokenRefusal } from '../src/slack/clients';
import { send } from '../src/slack/sender';
import type { DeliveryRecord } from '../src/store/deliveries';
import type { WeekThread } from '../src/store/week-threads';
import type { Message } from '../src/views/message';
import { findMarkedMessage, marker } from './find-message';
import { type Placement, placeInThread, type ThreadPlan } from './thread';

export interface DeliveryContext {
  client: WebClient;
  logger: Logger;
  /** How long a claim holds; longer than the Slack client's timeout, so a live send never loses it. */
  leaseMs: number;
}

export interface Delivery {
  /** Its ledger record (`team.delivery(ref)`). */
  record: DeliveryRecord;
  /** A channel id, or a user id for a DM. */
  channel: string;
  /** The message, built only once the delivery is claimed; null when there is nothing to send. */
  build(): Promise<Message | null>;
  /** Thread mode: the post is the week's first message or a reply to it (jobs/thread.ts). */
  thread?: ThreadPlan | undefined;
}

/** `found`: an earlier attempt had posted it and the ledger now says so. */
export type Delivered = 'sent' | 'found' | 'already_sent' | 'nothing' | 'failed';

/** A search after an interrupted send begins this long before the first claim (clock skew between Redis and Slack). */
const LOOKBACK_MS = 5 * 60_000;

/**
 * Posts `d` at most once per ledger record: claim (atomic, with a lease), then, if an earlier
 * holder may have posted, look for the marked message in Slack (in the week's thread too, in
 * thread mode), then build, take the post's place in the thread, post with the marker and record
 * `sent`. Throws ClaimBusy, RateLimited, SlackUnavailable or SlackRefused for the caller to
 * delay, retry or fail the job; the record is left so that the next attempt does the right thing.
 */
export async function deliverOnce(ctx: DeliveryContext, d: Delivery): Promise<Delivered> {
  const owner = randomUUID();
  const claim = await d.record.claim(owner, ctx.leaseMs);
  if (claim.state === 'sent') return 'already_sent';
  if (claim.state === 'failed') return 'failed';
  if (claim.state === 'busy') throw new ClaimBusy(claim.retryInMs);
  const firstClaimed = claim.first;

  // True while the message may be out without the ledger knowing it.
  let maybeOut = claim.state === 'uncertain';
  let phase: 'check' | 'build' | 'send' | 'record' = 'check';
  let thread: WeekThread | null = null;
  let place: Placement | null = null;
  try {
    // Every attempt of the delivery uses the week its first attempt saw, however late it runs.
    if (d.thread) thread = d.thread.thread(await d.record.pinWeek(d.thread.week));
    if (maybeOut) {
      const found = await lookUp(ctx, d, firstClaimed, thread);
      if (found) {
        await d.record.markSent(owner, found);
        if (thread && !found.reply) await thread.setRoot(d.record.id, found.ts);
        return 'found';
      }
      maybeOut = false;
    }
    phase = 'build';
    const message = await d.build();
    if (!message) {
      await d.record.markSent(owner, { channel: '', ts: '' });
      return 'nothing';
    }
    if (thread) place = await placeInThread(ctx, d.channel, thread, d.record.id, LOOKBACK_MS);
    const threadTs = place?.threadTs ?? null;
    phase = 'send';
    const res = await send(ctx.client, (c) =>
      c.chat.postMessage({
        channel: d.channel,
        text: message.text,
        blocks: message.blocks,
        metadata: marker(d.record.id),
        unfurl_links: false,
        unfurl_media: false,
        // A reply stays in its thread; the week's first post is what the channel shows.
        ...(threadTs ? { thread_ts: threadTs, reply_broadcast: false } : {}),
      }),
    );
    phase = 'record';
    const where = { channel: res.channel ?? d.channel, ts: res.ts ?? '' };
    const recorded = await d.record.markSent(owner, where);
    if (recorded !== 'ok')
      ctx.logger.warn({ delivery: d.record.id, recorded }, 'delivery lease ended before the send returned');
    if (thread && place?.root) await thread.setRoot(d.record.id, where.ts);
    return 'sent';
  } catch (err) {
    // After a successful post only the record failed (Redis): keep the claim; its lease ends and the next attempt finds the message.
    if (phase !== 'record') {
      const outcome = phase === 'send' ? sendOutcome(err) : maybeOut ? 'maybe' : 'not_sent';
      await settle(d.record, owner, outcome, err).catch((e: unknown) =>
        ctx.logger.warn({ err: e, delivery: d.record.id }, 'could not update the delivery record'),
      );
      // A first post that surely did not go out lets the week's next post start the thread.
      if (thread && place?.root && outcome !== 'maybe') {
        await thread
          .release(d.record.id)
          .catch((e: unknown) =>
            ctx.logger.warn({ err: e, delivery: d.record.id }, 'could not release the thread claim'),
          );
      }
    }
    throw err;
  }
}

type Outcome = 'not_sent' | 'maybe' | 'refused';

function sendOutcome(err: unknown): Outcome {
  // Refused for its token (revoked, expired), not for what it said: a later run with a good token posts it.
  if (isTokenRefusal(err)) return 'not_sent';
  if (err instanceof SlackRefused) return 'refused';
  if (err instanceof RateLimited) return 'not_sent';
  if (err instanceof SlackUnavailable && !err.maybeDelivered) return 'not_sent';
  return 'maybe';
}

async function settle(record: DeliveryRecord, owner: string, outcome: Outcome, err: unknown) {
  if (outcome === 'refused') return record.markFailed(owner, (err as SlackRefused).error);
  if (outcome === 'maybe') return record.releaseUncertain(owner);
  return record.release(owner);
}

/**
 * Looks for the marked message: in the channel, then, in thread mode, among the replies of the
 * week's first post (an earlier attempt may have replied there). When Slack will not let us look,
 * sends (a rare duplicate beats a lost message).
 */
async function lookUp(
  ctx: DeliveryContext,
  d: Delivery,
  first: number,
  thread: WeekThread | null,
): Promise<{ channel: string; ts: string; reply: boolean } | null> {
  try {
    const since = first - LOOKBACK_MS;
    const top = await findMarkedMessage(ctx.client, d.channel, d.record.id, since);
    if (top) return { ...top, reply: false };
    const rootTs = thread ? await thread.rootTs() : null;
    if (!rootTs) return null;
    const reply = await findMarkedMessage(ctx.client, d.channel, d.record.id, since, rootTs);
    return reply ? { ...reply, reply: true } : null;
  } catch (err) {
    // Without a working token nothing can be posted either: the job stops (jobs/run-job.ts).
    if (!(err instanceof SlackRefused) || isTokenRefusal(err)) throw err;
    ctx.logger.warn(
      { delivery: d.record.id, channel: d.channel, error: err.error },
      'cannot check whether an interrupted delivery went out; sending it again',
    );
    return null;
  }
}
