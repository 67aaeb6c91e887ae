import { loadImage } from '@napi-rs/canvas';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobContext } from '../../jobs/context';
import { postDigestChart } from '../../jobs/digest-chart';
import { type ChartFont, ChartFonts } from '../../src/chart/fonts';
import { chartSize } from '../../src/chart/render';
import { addDays } from '../../src/domain/dates';
import type { Group } from '../../src/domain/types';
import { localDate } from '../../src/domain/zoned-time';
import type { StandInCall } from '../../src/sandbox/slack-stand-in';
import {
  eventually,
  type JobsEnv,
  makeGroup,
  makeUnit,
  openJobsEnv,
  seedGroup,
  TEAM,
} from '../jobs/support/env';

let env: JobsEnv;
beforeEach(async () => {
  env = await openJobsEnv();
});
afterEach(() => env.cleanup());

const GROUP = 'C0GROUP';
let asked = 0;
let jobs = 0;

/** A group of 30 units, each with activities on some of the last weeks' days. */
async function thirtyUnits(overrides: Partial<Group> = {}): Promise<Group> {
  const group = await seedGroup(
    env,
    makeGroup(overrides),
    Array.from({ length: 30 }, (_, i) => makeUnit(`u${i}`, [`U0LIA${i % 5}`])),
  );
  const team = env.store.forTeam(TEAM);
  const today = localDate(Date.now(), group.tz);
  for (let i = 0; i < 60; i++) {
    await team.addActivity(
      GROUP,
      {
        unitKey: `u${i % 25}`,
        type: 'interview',
        date: addDays(today, -((i * 3) % 50)),
        count: 1,
        notes: '',
        userId: 'U0LEAD',
        createdAt: Date.now(),
      },
      { userId: 'U0LEAD', now: Date.now() },
    );
  }
  return group;
}

/** Adds digest jobs of one occurrence (`/dudao digest now` once, its job run `times` times). */
async function digestJobs(times: number, requestedAt = ++asked): Promise<void> {
  const data = { trigger: 'now', teamId: TEAM, groupId: GROUP, requestedBy: 'U0LEAD', requestedAt };
  const queue = env.scheduling.queue('digest');
  for (let i = 0; i < times; i++)
    await queue.add('digest', data, { jobId: `digest-${requestedAt}-${++jobs}` });
}

/** `count` digest jobs finished (none failed), and the chart jobs they queued settled. */
async function jobsDone(count: number): Promise<void> {
  const queue = env.scheduling.queue('digest');
  await eventually(
    async () => (await queue.getCompletedCount()) + (await queue.getFailedCount()) >= count,
    15_000,
    'the digest jobs',
  );
  expect(await queue.getFailedCount()).toBe(0);
  await chartsSettled();
}

/** No chart job waiting, running or waiting for a retry. */
async function chartsSettled(): Promise<void> {
  const charts = env.scheduling.queue('charts');
  await eventually(
    async () => {
      const c = await charts.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(c).every((n) => n === 0);
    },
    20_000,
    'the chart jobs',
  );
}

const digests = () => env.slack.delivered('chat.postMessage').filter((c) => c.body.channel === GROUP);
const shares = () => env.slack.delivered('files.completeUploadExternal');
const tsOf = (call: StandInCall | undefined) => (call?.response as { ts?: string } | undefined)?.ts;
/** What the channel shows: messages carrying files, with the thread they are in. */
const fileMessages = () => env.slack.workspace.messagesOf(GROUP).filter((m) => (m.files?.length ?? 0) > 0);
const chartRecord = (requestedAt: number) =>
  env.store
    .forTeam(TEAM)
    .delivery({ kind: 'chart', groupId: GROUP, occurrence: `now-${requestedAt}` })
    .read();

describe('the digest chart', () => {
  it('the digest job run twice at once, then again: one digest, one chart PNG in its thread', async () => {
    await thirtyUnits();
    await env.startWorkers();
    const requestedAt = ++asked;
    await digestJobs(2, requestedAt);
    await jobsDone(2);
    await digestJobs(1, requestedAt);
    await jobsDone(3);

    expect(digests()).toHaveLength(1);
    expect(shares()).toHaveLength(1);
    const [chart] = fileMessages();
    expect(fileMessages()).toHaveLength(1);
    expect(chart?.thread_ts).toBe(tsOf(digests()[0]));
    expect(chart?.bot_id).toBe(env.slack.identity.botId);

    const upload = env.slack.workspace.uploads.get(chart?.files?.[0] ?? '');
    expect(upload?.filename).toMatch(/^coverage-\d{4}-W\d{2}\.png$/);
    expect(upload?.title).toBe('Coverage of the last 8 weeks · Guidance group');
    const image = await loadImage(upload?.bytes ?? Buffer.alloc(0));
    expect({ width: image.width, height: image.height }).toEqual(chartSize(30));
    expect((await chartRecord(requestedAt)).state).toBe('sent');
  });

  it('in thread mode the chart goes in the week’s thread, after a digest that replies to the reminder', async () => {
    await thirtyUnits({ posts: 'thread', lang: 'zh' });
    await env.startWorkers();
    await env.scheduling
      .queue('reminder')
      .add(
        'reminder',
        { trigger: 'now', teamId: TEAM, groupId: GROUP, requestedBy: 'U0LEAD', requestedAt: ++asked },
        { jobId: `reminder-${asked}` },
      );
    await eventually(() => digests().length === 1, 8_000, 'the reminder');
    await digestJobs(1);
    await jobsDone(1);

    const [reminder, digest] = digests();
    expect(digest?.body.thread_ts).toBe(tsOf(reminder));
    const [chart] = fileMessages();
    expect(chart?.thread_ts).toBe(tsOf(reminder));
    const upload = env.slack.workspace.uploads.get(chart?.files?.[0] ?? '');
    expect(upload?.title).toBe('近 8 周联系覆盖情况 · Guidance group');
  });

  it('Slack refusing the upload leaves the digest sent, the job done, and no second try', async () => {
    await thirtyUnits();
    env.slack.refuse('files.completeUploadExternal', 'missing_scope');
    await env.startWorkers();
    const requestedAt = ++asked;
    await digestJobs(1, requestedAt);
    await jobsDone(1);
    expect(digests()).toHaveLength(1);
    expect(fileMessages()).toHaveLength(0);
    expect(await chartRecord(requestedAt)).toMatchObject({ state: 'failed', error: 'missing_scope' });

    env.slack.refuse('files.completeUploadExternal', null);
    await digestJobs(1, requestedAt);
    await jobsDone(2);
    expect(digests()).toHaveLength(1);
    expect(env.slack.callsTo('files.completeUploadExternal')).toHaveLength(1);
  });

  it('the upload URL refused (internal_error): the digest is sent at once; its chart job tries again and posts it once', async () => {
    await thirtyUnits();
    env.slack.refuse('files.getUploadURLExternal', 'internal_error');
    await env.startWorkers();
    const requestedAt = ++asked;
    await digestJobs(1, requestedAt);
    const queue = env.scheduling.queue('digest');
    await eventually(async () => (await queue.getCompletedCount()) === 1, 15_000, 'the digest job');
    expect(digests()).toHaveLength(1);
    // The chart job fails its attempts while Slack refuses, and nothing is shared meanwhile.
    await eventually(() => env.slack.callsTo('files.getUploadURLExternal').length >= 2, 10_000, 'a retry');
    expect(fileMessages()).toHaveLength(0);
    expect((await chartRecord(requestedAt)).state).toBe('released');
    env.slack.refuse('files.getUploadURLExternal', null);
    await eventually(() => fileMessages().length === 1, 15_000, 'the chart');
    await chartsSettled();
    expect(fileMessages()).toHaveLength(1);
    expect(fileMessages()[0]?.thread_ts).toBe(tsOf(digests()[0]));
    expect(digests()).toHaveLength(1);
    expect((await chartRecord(requestedAt)).state).toBe('sent');
  });

  it('a 429 on the upload delays the job; the chart then follows once, the digest is not posted again', async () => {
    await thirtyUnits();
    let limited = 0;
    env.front.rateLimit = (method) => (method === 'files.getUploadURLExternal' && limited++ === 0 ? 1 : 0);
    await env.startWorkers();
    await digestJobs(1);
    await eventually(() => fileMessages().length === 1, 10_000, 'the chart');
    await jobsDone(1);
    expect(limited).toBeGreaterThanOrEqual(2);
    expect(digests()).toHaveLength(1);
    expect(fileMessages()[0]?.thread_ts).toBe(tsOf(digests()[0]));
  });

  it('when an earlier attempt may have shared it (no answer in time), it is not shared a second time', async () => {
    await thirtyUnits();
    // Slack takes the share but answers after the client's timeout (1.5 s in these tests).
    env.front.hold = (method) => (method === 'files.completeUploadExternal' ? 2_500 : 0);
    await env.startWorkers();
    const requestedAt = ++asked;
    await digestJobs(1, requestedAt);
    await jobsDone(1);
    expect(fileMessages()).toHaveLength(1);
    env.front.hold = () => 0;
    await digestJobs(1, requestedAt);
    await jobsDone(2);
    expect(env.slack.callsTo('files.completeUploadExternal')).toHaveLength(1);
    expect(fileMessages()).toHaveLength(1);
    expect(await chartRecord(requestedAt)).toMatchObject({ state: 'failed', error: 'maybe_posted' });
  });

  it('a chart that cannot be drawn is not posted, and a later attempt still posts it once', async () => {
    const group = await thirtyUnits();
    // A digest out in the channel, as its job leaves it, with no chart job behind it.
    const posted = await env.client.chat.postMessage({ channel: GROUP, text: 'the digest' });
    const requestedAt = ++asked;
    const occurrence = `now-${requestedAt}`;
    const record = env.store.forTeam(TEAM).delivery({ kind: 'digest', groupId: GROUP, occurrence });
    await record.claim('test', 3_000);
    await record.markSent('test', { channel: GROUP, ts: String(posted.ts) });
    const logger = pino({ level: 'silent' });
    const ctx: JobContext = {
      store: env.store,
      slackFor: async () => ({ client: env.client, logger, leaseMs: 3_000 }),
      dmQueue: env.scheduling.queue('dm'),
      logger,
      now: Date.now,
    };
    const broken = new (class extends ChartFonts {
      override async get(): Promise<ChartFont> {
        throw new Error('the font file is damaged');
      }
    })();
    expect(await postDigestChart(ctx, group, occurrence, Date.now(), broken)).toBe('not_sent');
    expect(env.slack.callsTo('files.getUploadURLExternal')).toHaveLength(0);
    expect((await chartRecord(requestedAt)).state).toBe('released');

    expect(await postDigestChart(ctx, group, occurrence, Date.now())).toBe('sent');
    expect(await postDigestChart(ctx, group, occurrence, Date.now())).toBe('already_sent');
    expect(fileMessages()).toHaveLength(1);
    expect(fileMessages()[0]?.thread_ts).toBe(String(posted.ts));
  });

  it('a group without units gets its digest and no chart', async () => {
    await seedGroup(env, makeGroup());
    await env.startWorkers();
    await digestJobs(1);
    await jobsDone(1);
    expect(digests()).toHaveLength(1);
    expect(env.slack.callsTo('files.getUploadURLExternal')).toHaveLength(0);
  });
});
