import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { ClaimBusy, RateLimited, SlackRefused, SlackUnavailable } from '../src/domain/errors';
import { send } from '../src/slack/sender';
import type { DeliveryRecord } from '../src/store/deliveries';
import type { Message } from '../src/views/message';
import { findMarkedMessage, marker } from './find-message';

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
}

/** `found`: an earlier attempt had posted it and the ledger now says so. */
export type Delivered = 'sent' | 'found' | 'already_sent' | 'nothing' | 'failed';

/** A search after an interrupted send begins this long before the first claim (clock skew between Redis and Slack). */
const LOOKBACK_MS = 5 * 60_000;

/**
 * Posts `d` at most once per ledger record: claim (atomic, with a lease), then, if an earlier
 * holder may have posted, look for the marked message in Slack, then build, post with the marker
 * and record `sent`. Throws ClaimBusy, RateLimited, SlackUnavailable or SlackRefused for the
 * caller to delay, retry or fail the job; the record is left so that the next attempt does the
 * right thing.
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
  try {
    if (maybeOut) {
      const found = await lookUp(ctx, d, firstClaimed);
      if (found) {
        await d.record.markSent(owner, found);
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
    phase = 'send';
    const res = await send(ctx.client, (c) =>
      c.chat.postMessage({
        channel: d.channel,
        text: message.text,
        blocks: message.blocks,
        metadata: marker(d.record.id),
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
    phase = 'record';
    const recorded = await d.record.markSent(owner, {
      channel: res.channel ?? d.channel,
      ts: res.ts ?? '',
    });
    if (recorded !== 'ok')
      ctx.logger.warn({ delivery: d.record.id, recorded }, 'delivery lease ended before the send returned');
    return 'sent';
  } catch (err) {
    // After a successful post only the record failed (Redis): keep the claim; its lease ends and the next attempt finds the message.
    if (phase !== 'record') {
      const outcome = phase === 'send' ? sendOutcome(err) : maybeOut ? 'maybe' : 'not_sent';
      await settle(d.record, owner, outcome, err).catch((e: unknown) =>
        ctx.logger.warn({ err: e, delivery: d.record.id }, 'could not update the delivery record'),
      );
    }
    throw err;
  }
}

type Outcome = 'not_sent' | 'maybe' | 'refused';

function sendOutcome(err: unknown): Outcome {
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

/** Looks for the marked message; when Slack will not let us look, sends (a rare duplicate beats a lost message). */
async function lookUp(ctx: DeliveryContext, d: Delivery, first: number) {
  try {
    return await findMarkedMessage(ctx.client, d.channel, d.record.id, first - LOOKBACK_MS);
  } catch (err) {
    if (!(err instanceof SlackRefused)) throw err;
    ctx.logger.warn(
      { delivery: d.record.id, channel: d.channel, error: err.error },
      'cannot check whether an interrupted delivery went out; sending it again',
    );
    return null;
  }
}
