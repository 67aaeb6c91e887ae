import { afterEach, beforeEach, expect, it } from 'vitest';
import type { StandInCall } from '../../src/sandbox/slack-stand-in';
import { eventually, type JobsEnv, openJobsEnv } from './support/env';

let env: JobsEnv;
beforeEach(async () => {
  env = await openJobsEnv();
});
afterEach(() => env.cleanup());

/**
 * The production pace's five DMs, over two seconds rather than one: the stand-in sees each send
 * some time after its grant, and the longer window keeps that lag a small part of it.
 */
const PACE = { max: 5, duration: 2_000 };
/** Two workspaces of one Enterprise Grid org (an org-wide install): each has a pace of its own. */
const ORG = 'E0ORG';
const A = { teamId: 'T0AAA', users: Array.from({ length: 20 }, (_, i) => `U0A${i}`) };
const B = { teamId: 'T0BBB', users: Array.from({ length: 8 }, (_, i) => `U0B${i}`) };

const dm = (teamId: string, userId: string) => ({
  name: 'dm',
  data: {
    teamId,
    enterpriseId: ORG,
    groupId: 'C0GROUP',
    userId,
    dedupeKey: `pace:${userId}`,
    message: { text: `hello ${userId}`, blocks: [] },
  },
  opts: { jobId: `dm-pace-${userId}` },
});

/** When the stand-in took each of the team's DMs, in order. */
function deliveredTo(users: readonly string[]): number[] {
  return env.slack
    .delivered('chat.postMessage')
    .filter((c: StandInCall) => users.includes(String(c.body.channel)))
    .map((c) => c.at)
    .sort((x, y) => x - y);
}

/**
 * A send is granted by Redis's clock and reaches the stand-in a little later: the first sends of a
 * burst, made while every worker is busy with it, later than the rest (several hundred ms when the
 * machine is loaded). The windows counted at the stand-in are shortened by that much; the exact
 * pace, at the grants, is checked by test/store/dm-pace.test.ts.
 */
const LAG_MS = 600;

/** The most DMs of one team in any window of the pace's length, less the lag. */
function busiestWindow(at: readonly number[]): number {
  let most = 0;
  for (const from of at) {
    most = Math.max(most, at.filter((t) => t >= from && t < from + PACE.duration - LAG_MS).length);
  }
  return most;
}

it("one workspace's burst of DMs holds up no other's, and neither goes faster than its pace", async () => {
  await env.startWorkers({ dmRate: PACE });
  await env.startWorkers({ dmRate: PACE });
  const queue = env.scheduling.queue('dm');
  // A's burst is queued first: with one pace for everyone, B's DMs would come after all of A's.
  await queue.addBulk(A.users.map((u) => dm(A.teamId, u)));
  await queue.addBulk(B.users.map((u) => dm(B.teamId, u)));

  await eventually(() => deliveredTo(B.users).length === B.users.length, 6_000, "B's DMs");
  await eventually(() => deliveredTo(A.users).length === A.users.length, 12_000, "A's DMs");
  const a = deliveredTo(A.users);
  const b = deliveredTo(B.users);

  // B's eight DMs take two windows of five, A's twenty four: B's last came before A's third window,
  // though all of A's were queued first.
  expect(b.at(-1) as number).toBeLessThan(a[2 * PACE.max] as number);
  expect((a.at(-1) as number) - (a[0] as number)).toBeGreaterThan(3 * PACE.duration - LAG_MS);
  // Neither workspace had more than its pace in any window, over the two workers.
  expect(busiestWindow(a)).toBeLessThanOrEqual(PACE.max);
  expect(busiestWindow(b)).toBeLessThanOrEqual(PACE.max);
  // Each DM once; the waits spent no attempt (the paced DMs went back to the delayed set).
  expect(env.slack.delivered('chat.postMessage')).toHaveLength(A.users.length + B.users.length);
  await eventually(
    async () => (await queue.getCompletedCount()) === A.users.length + B.users.length,
    3_000,
    'the DM jobs to complete',
  );
  const jobs = await queue.getJobs(['completed']);
  expect(new Set(jobs.map((j) => j.attemptsMade))).toEqual(new Set([jobs[0]?.attemptsMade]));
  expect(jobs.filter((j) => (j.attemptsStarted ?? 0) > 1).length).toBeGreaterThanOrEqual(
    A.users.length - PACE.max,
  );
  expect(await queue.getFailedCount()).toBe(0);
}, 20_000);
