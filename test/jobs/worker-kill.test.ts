import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { StandInCall } from '../../src/sandbox/slack-stand-in';
import { allKeys } from '../support/redis';
import {
  eventually,
  type JobsEnv,
  makeGroup,
  makeUnit,
  openJobsEnv,
  REDIS_URL,
  seedGroup,
  TEAM,
} from './support/env';

let env: JobsEnv;
const children: ChildProcess[] = [];
beforeEach(async () => {
  env = await openJobsEnv();
});
afterEach(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await env.cleanup();
});

/** Starts test/jobs/support/worker-child.ts in its own Node process; resolves once it is ready. */
async function startChild(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/jobs/support/worker-child.ts'], {
    env: {
      ...process.env,
      REDIS_URL,
      DATA_PREFIX: env.prefix,
      QUEUE_PREFIX: env.queuePrefix,
      SLACK_API_URL: env.front.url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let errors = '';
  child.stderr?.on('data', (d: Buffer) => {
    errors += d.toString();
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${errors}`)));
  });
  return child;
}

const isDm = (c: StandInCall) => c.method === 'chat.postMessage' && String(c.body.channel).startsWith('U0');

it('a worker killed with SIGKILL while Slack holds its DMs, then restarted: every message once', async () => {
  const liaisons = Array.from({ length: 8 }, (_, i) => `U0LIA${i}`);
  const group = await seedGroup(
    env,
    makeGroup({ meeting: { weekday: 3, time: '15:00', remindMinutes: 60, skips: [] } }),
    liaisons.map((user, i) => makeUnit(`u${i}`, [user])),
  );
  const first = await startChild();
  // Slack takes each DM at once but its answer never reaches the first worker.
  env.front.hold = (method, raw) =>
    method === 'chat.postMessage' && raw.includes('channel=U0') ? 60_000 : 0;
  await env.scheduling.remindNow(group, 'U0LEAD');
  await env.slack.waitFor((c) => isDm(c) && c.status === 200, 10_000, 2);
  first.kill('SIGKILL');
  await new Promise((resolve) => first.once('exit', resolve));
  const postedBeforeKill = env.slack.delivered('chat.postMessage').filter(isDm).length;

  env.front.hold = () => 0;
  await startChild();
  await eventually(() => env.front.deliveriesByMarker().size >= 1 + liaisons.length, 20_000, 'every message');
  await eventually(
    async () => (await env.scheduling.queue('dm').getCompletedCount()) === liaisons.length,
    10_000,
    'the DM jobs to complete',
  );
  const byMarker = env.front.deliveriesByMarker();
  expect(byMarker.size).toBe(1 + liaisons.length);
  for (const calls of byMarker.values()) expect(calls).toHaveLength(1);
  // The DMs Slack had taken before the kill were found, not posted again.
  expect(postedBeforeKill).toBeGreaterThanOrEqual(2);
  expect(env.slack.callsTo('conversations.open').length).toBeGreaterThanOrEqual(postedBeforeKill);
  for (const user of liaisons) {
    expect(env.slack.delivered('chat.postMessage').filter((c) => c.body.channel === user)).toHaveLength(1);
  }
  // One delivery record per DM, each sent: the records are read through the store, by dedupe key.
  const keys = await allKeys(env.redis, `${env.prefix}:{${TEAM}}:dlv:dm:*`);
  expect(keys).toHaveLength(liaisons.length);
  const team = env.store.forTeam(TEAM);
  for (const key of keys) {
    const dedupeKey = key.slice(`${env.prefix}:{${TEAM}}:dlv:dm:`.length);
    expect((await team.delivery({ kind: 'dm', dedupeKey }).read()).state).toBe('sent');
  }
}, 60_000);

it('thread mode: a worker killed after Slack took its reply, then restarted: the reply is found in the thread, posted once', async () => {
  const group = await seedGroup(env, makeGroup({ posts: 'thread' }), [makeUnit('moc', [])]);
  const inChannel = (c: StandInCall) =>
    c.method === 'chat.postMessage' && c.body.channel === 'C0GROUP' && c.status === 200;
  const first = await startChild();
  await env.scheduling.digestNow(group, 'U0LEAD');
  await eventually(
    async () => (await env.scheduling.queue('digest').getCompletedCount()) === 1,
    10_000,
    "the week's first post",
  );
  // Slack takes the reminder's reply at once, but its answer never reaches the first worker.
  env.front.hold = (method, raw) => (method === 'chat.postMessage' && raw.includes('thread_ts') ? 60_000 : 0);
  await env.scheduling.remindNow(group, 'U0LEAD');
  await env.slack.waitFor((c) => inChannel(c) && c.body.thread_ts !== undefined, 10_000);
  first.kill('SIGKILL');
  await new Promise((resolve) => first.once('exit', resolve));

  env.front.hold = () => 0;
  await startChild();
  await eventually(
    async () => (await env.scheduling.queue('reminder').getCompletedCount()) === 1,
    20_000,
    'the reminder job to complete',
  );
  const [digest, reminder, ...more] = env.slack.delivered('chat.postMessage').filter(inChannel);
  expect(more).toEqual([]);
  const digestTs = (digest?.response as { ts?: string } | undefined)?.ts;
  expect(digestTs).toBeTruthy();
  expect(digest?.body.thread_ts).toBeUndefined();
  expect(reminder?.body.thread_ts).toBe(digestTs);
  for (const calls of env.front.deliveriesByMarker().values()) expect(calls).toHaveLength(1);
  // The channel's history does not list replies: the thread itself was searched.
  expect(env.front.lookups).toContainEqual({
    method: 'conversations.replies',
    channel: 'C0GROUP',
    ts: digestTs,
  });
}, 60_000);
