import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { ClaimBusy, SlackRefused } from '../src/domain/errors';
import { isoWeekKey } from '../src/domain/schedule';
import type { Group } from '../src/domain/types';
import { localDate } from '../src/domain/zoned-time';
import { isTokenRefusal } from '../src/slack/clients';
import type { Store } from '../src/store/types';
import type { WeekThread } from '../src/store/week-threads';
import { findMarkedMessage } from './find-message';

/**
 * Thread mode (`posts=thread`): the week's first post of a group (reminder, digest…) is a new
 * message and the later ones of that week reply to it. Which post is the first is claimed in the
 * store (src/store/week-threads.ts), with the delivery's own id, which is also its message marker:
 * a post that finds the first post's claim stale asks Slack for that marker before starting a
 * thread of its own, so a worker killed after Slack took the first post never splits the week.
 */

/** Where a delivery's post goes in thread mode: the week its first attempt saw, and that week's thread. */
export interface ThreadPlan {
  /** The ISO week (`2026-W03`) of the attempt, in the group's zone; the delivery keeps the first one. */
  week: string;
  thread(week: string): WeekThread;
}

/** The plan of a group post at `now`, or undefined when the group posts new messages. */
export function threadPlan(store: Store, group: Group, now: number): ThreadPlan | undefined {
  if (group.posts !== 'thread') return undefined;
  const team = store.forTeam(group.teamId);
  return {
    week: isoWeekKey(localDate(now, group.tz)),
    thread: (week) => team.weekThread(group.id, week),
  };
}

/** Where a post goes: a reply to `threadTs`, or (null) a new message that starts the week's thread. */
export interface Placement {
  threadTs: string | null;
  /** True when this post is the week's first: its ts is recorded once it is out. */
  root: boolean;
}

/** What placing a post needs of the delivery context (jobs/deliver.ts). */
interface ThreadContext {
  client: WebClient;
  logger: Logger;
  leaseMs: number;
}

/** Rounds of resolving a stale first-post claim before waiting for a live one instead. */
const STALE_ROUNDS = 3;

/**
 * Claims the place of delivery `me` in the week's thread. Throws ClaimBusy while another post is
 * being made as the week's first (the job waits for its lease); throws as `send` does when Slack
 * fails while looking for a stale first post.
 */
export async function placeInThread(
  ctx: ThreadContext,
  channel: string,
  thread: WeekThread,
  me: string,
  lookbackMs: number,
): Promise<Placement> {
  for (let round = 0; round < STALE_ROUNDS; round++) {
    const claim = await thread.claim(me, ctx.leaseMs);
    if (claim.state === 'reply') return { threadTs: claim.ts, root: false };
    if (claim.state === 'root') return { threadTs: null, root: true };
    if (claim.state === 'busy') throw new ClaimBusy(claim.retryInMs);
    // The first post's claim ended without a ts: its worker died or failed. Slack knows whether it went out.
    const found = await findStale(ctx, channel, claim.owner, claim.since - lookbackMs);
    if (found) await thread.setRoot(claim.owner, found);
    else await thread.takeOver(claim.owner, claim.since, me, ctx.leaseMs);
  }
  throw new ClaimBusy(ctx.leaseMs);
}

/** The ts of a stale first post, if Slack has it; when Slack will not say, a thread of our own beats waiting forever. */
async function findStale(ctx: ThreadContext, channel: string, owner: string, sinceMs: number) {
  try {
    return (await findMarkedMessage(ctx.client, channel, owner, sinceMs))?.ts ?? null;
  } catch (err) {
    if (!(err instanceof SlackRefused) || isTokenRefusal(err)) throw err;
    ctx.logger.warn(
      { delivery: owner, channel, error: err.error },
      "cannot check whether the week's first post went out; starting the thread again",
    );
    return null;
  }
}
