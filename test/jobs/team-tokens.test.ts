import type { Job } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schedulerId } from '../../jobs/queues';
import { TOKEN_REFRESH } from '../../jobs/refresh-tokens';
import { NotInstalled } from '../../src/domain/errors';
import type { Group } from '../../src/domain/types';
import type { StandInCall } from '../../src/sandbox/slack-stand-in';
import type { BotCredentials, TeamRef, TokenSource } from '../../src/slack/tokens';
import { eventually, type JobsEnv, makeGroup, makeUnit, openJobsEnv, seedGroup, TEAM } from './support/env';

let env: JobsEnv;
beforeEach(async () => {
  env = await openJobsEnv();
});
afterEach(() => env.cleanup());

/**
 * A token source over a map of installations, answering as the OAuth one does: a workspace install
 * by team, else an org-wide install by enterprise; an installation reported dead is inactive from
 * then on (NotInstalled). It records what it was asked.
 */
class MapTokens implements TokenSource {
  readonly asked: TeamRef[] = [];
  readonly refused: [TeamRef, string][] = [];
  readonly refreshed: number[] = [];
  private readonly inactive = new Set<string>();

  constructor(
    readonly mode: 'single' | 'oauth',
    private readonly installs: Record<string, string>,
  ) {}

  async botToken(ref: TeamRef): Promise<BotCredentials> {
    this.asked.push(ref);
    const key = ref.teamId in this.installs ? ref.teamId : ref.enterpriseId;
    const token = key && !this.inactive.has(key) ? this.installs[key] : undefined;
    if (!token) throw new NotInstalled(ref);
    return { token };
  }

  async tokenRefused(ref: TeamRef, error: string): Promise<boolean> {
    this.refused.push([ref, error]);
    if (this.mode !== 'oauth' || this.inactive.has(ref.teamId)) return false;
    this.inactive.add(ref.teamId);
    return true;
  }

  async refreshExpiring(withinMs: number): Promise<number> {
    this.refreshed.push(withinMs);
    return 0;
  }
}

const OTHER_TEAM = 'T0TWO';
const ORG_TEAM = 'T0ORG';
const ORG = 'E0ORG';
const meeting = { weekday: 1 as const, time: '10:00', remindMinutes: 60, skips: [] };
const weekly = { meeting, digest: { weekday: 5 as const, time: '17:00' } };
const KINDS = ['reminder', 'digest', 'pings', 'findings'] as const;

async function outcomes(kind: string): Promise<Record<string, number>> {
  const metric = await env.metrics.jobs.get();
  return Object.fromEntries(
    metric.values.filter((v) => v.labels.kind === kind).map((v) => [v.labels.outcome, v.value]),
  );
}

const postsTo = (channel: string) => (c: StandInCall) =>
  c.method === 'chat.postMessage' && c.body.channel === channel;

/** The group's four schedulers (reminder, digest, pings, findings), or undefined where there is none. */
function schedulersOf(group: Group) {
  return Promise.all(
    KINDS.map((kind) =>
      env.scheduling.queue(kind).getJobScheduler(schedulerId(kind, group.teamId, group.id)),
    ),
  );
}

/** Waits until the queue has `count` failed jobs and returns the first. */
async function failedJob(queueName: 'digest' | 'dm', count = 1): Promise<Job> {
  const queue = env.scheduling.queue(queueName);
  await eventually(async () => (await queue.getFailedCount()) >= count, 8_000, `${queueName} to fail`);
  const [job] = await queue.getFailed();
  if (!job) throw new Error('no failed job');
  return job;
}

const dm = (group: Group, userId: string) => ({
  userId,
  dedupeKey: `${group.teamId}:${group.id}:test:${userId}`,
  message: { text: `hello from ${group.name}`, blocks: [] },
});

describe('each job speaks as its own workspace', () => {
  it("two workspaces and an org's workspace: each digest, chart and DM goes out with its team's token", async () => {
    const tokens = new MapTokens('oauth', {
      [TEAM]: 'xoxb-alpha',
      [OTHER_TEAM]: 'xoxb-beta',
      [ORG]: 'xoxb-org',
    });
    const alpha = await seedGroup(env, makeGroup({ id: 'C0ALPHA', name: 'Alpha' }));
    const beta = await seedGroup(env, makeGroup({ id: 'C0BETA', teamId: OTHER_TEAM, name: 'Beta' }));
    // A workspace of an Enterprise Grid org served by an org-wide install: found by its enterprise.
    const gamma = await seedGroup(
      env,
      makeGroup({ id: 'C0GAMMA', teamId: ORG_TEAM, enterpriseId: ORG, name: 'Gamma' }),
      [makeUnit('moc', ['U0LIA1'])],
    );
    await env.startWorkers({}, Date.now, tokens);
    for (const group of [alpha, beta, gamma]) {
      await env.scheduling.digestNow(group, 'U0LEAD');
      await env.scheduling.sendDms(group, [dm(group, 'U0READER')]);
    }

    const [a] = await env.slack.waitFor(postsTo('C0ALPHA'), 8_000);
    const [b] = await env.slack.waitFor(postsTo('C0BETA'), 8_000);
    const [g] = await env.slack.waitFor(postsTo('C0GAMMA'), 8_000);
    expect([a?.token, b?.token, g?.token]).toEqual(['xoxb-alpha', 'xoxb-beta', 'xoxb-org']);
    const dms = await env.slack.waitFor(postsTo('U0READER'), 8_000, 3);
    const byText = Object.fromEntries(dms.map((c) => [String(c.body.text), c.token]));
    expect(byText).toEqual({
      'hello from Alpha': 'xoxb-alpha',
      'hello from Beta': 'xoxb-beta',
      'hello from Gamma': 'xoxb-org',
    });
    // Gamma's chart follows its digest, in its thread, with the org's token too.
    const [share] = await env.slack.waitFor('files.completeUploadExternal', 15_000);
    expect(share?.token).toBe('xoxb-org');
    expect(tokens.asked).toContainEqual({ teamId: ORG_TEAM, enterpriseId: ORG });

    // Job data names the workspace (and its org), never a token.
    const queues = (['digest', 'dm', 'charts'] as const).map((q) => env.scheduling.queue(q));
    await eventually(
      async () => {
        const counts = await Promise.all(queues.map((q) => q.getJobCounts('completed', 'failed')));
        return counts.every((c) => c.completed === 3 && c.failed === 0);
      },
      15_000,
      'every digest, DM and chart job',
    );
    const jobs = await Promise.all(queues.map((q) => q.getJobs(['completed'])));
    const data = jobs.flat().map((j) => j.data as Record<string, unknown>);
    expect(JSON.stringify(data)).not.toContain('xoxb-');
    const gammas = data.filter((d) => d.teamId === ORG_TEAM);
    expect(gammas.map((d) => d.enterpriseId)).toEqual(['E0ORG', 'E0ORG', 'E0ORG']);
    expect(data.filter((d) => d.teamId !== ORG_TEAM).every((d) => !('enterpriseId' in d))).toBe(true);
  }, 40_000);

  it('a workspace without an installation: its jobs fail once, nothing reaches Slack', async () => {
    const tokens = new MapTokens('oauth', { [OTHER_TEAM]: 'xoxb-beta' });
    const alpha = await seedGroup(env, makeGroup({ id: 'C0ALPHA' }));
    await env.startWorkers({}, Date.now, tokens);
    await env.scheduling.digestNow(alpha, 'U0LEAD');
    await env.scheduling.sendDms(alpha, [dm(alpha, 'U0READER')]);

    expect((await failedJob('digest')).attemptsMade).toBe(1);
    expect((await failedJob('dm')).attemptsMade).toBe(1);
    expect((await outcomes('digest')).not_installed).toBe(1);
    expect((await outcomes('dm')).not_installed).toBe(1);
    expect(env.slack.calls).toHaveLength(0);
  });
});

describe('a token Slack calls dead', () => {
  it('with OAuth: reported once, that team paused (its schedulers gone), the job tried once; other teams go on', async () => {
    const tokens = new MapTokens('oauth', { [TEAM]: 'xoxb-alpha', [OTHER_TEAM]: 'xoxb-beta' });
    const alpha = await seedGroup(env, makeGroup({ id: 'C0ALPHA', ...weekly }));
    const alpha2 = await seedGroup(env, makeGroup({ id: 'C0ALPHA2', ...weekly }));
    const beta = await seedGroup(env, makeGroup({ id: 'C0BETA', teamId: OTHER_TEAM, ...weekly }));
    for (const group of [alpha, alpha2, beta]) await env.scheduling.syncGroup(group);
    env.slack.refuse('chat.postMessage', 'token_revoked');
    await env.startWorkers({}, Date.now, tokens);

    await env.scheduling.digestNow(alpha, 'U0LEAD');
    const job = await failedJob('digest');
    expect(job.attemptsMade).toBe(1);
    expect(tokens.refused).toEqual([[{ teamId: TEAM }, 'token_revoked']]);
    expect((await outcomes('digest')).token_refused).toBe(1);
    expect(env.slack.callsTo('chat.postMessage')).toHaveLength(1);
    // Every group of the team lost its schedulers; the other team kept its own.
    expect(await schedulersOf(alpha)).toEqual([undefined, undefined, undefined, undefined]);
    expect(await schedulersOf(alpha2)).toEqual([undefined, undefined, undefined, undefined]);
    expect((await schedulersOf(beta)).every(Boolean)).toBe(true);
    // Nothing was posted: the digest's record is released, for a run after a reinstall.
    const record = await env.store
      .forTeam(TEAM)
      .delivery({ kind: 'digest', groupId: alpha.id, occurrence: `now-${job.data.requestedAt}` })
      .read();
    expect(record.state).toBe('released');

    // From now on the team's work stops before Slack; the other team's goes out.
    env.slack.refuse('chat.postMessage', null);
    await env.scheduling.digestNow(alpha2, 'U0LEAD');
    await failedJob('digest', 2);
    expect((await outcomes('digest')).not_installed).toBe(1);
    await env.scheduling.digestNow(beta, 'U0LEAD');
    const [posted] = await env.slack.waitFor((c) => postsTo('C0BETA')(c) && c.status === 200, 8_000);
    expect(posted?.token).toBe('xoxb-beta');
    expect(env.slack.callsTo('chat.postMessage')).toHaveLength(2);
    expect(tokens.refused).toHaveLength(1);
  });

  it('with a single token: refused like any refusal, no retry, and nothing paused', async () => {
    const tokens = new MapTokens('single', { [TEAM]: 'xoxb-test' });
    const alpha = await seedGroup(env, makeGroup({ id: 'C0ALPHA', ...weekly }));
    await env.scheduling.syncGroup(alpha);
    env.slack.refuse('chat.postMessage', 'invalid_auth');
    await env.startWorkers({}, Date.now, tokens);

    await env.scheduling.digestNow(alpha, 'U0LEAD');
    expect((await failedJob('digest')).attemptsMade).toBe(1);
    expect(tokens.refused).toEqual([[{ teamId: TEAM }, 'invalid_auth']]);
    expect(await outcomes('digest')).toMatchObject({ refused: 1 });
    expect((await outcomes('digest')).token_refused).toBeUndefined();
    expect((await schedulersOf(alpha)).every(Boolean)).toBe(true);
  });
});

describe('a token refused on the way', () => {
  it('a chart whose upload meets a dead token stops the team too, tried once (no retries of the chart)', async () => {
    const tokens = new MapTokens('oauth', { [TEAM]: 'xoxb-alpha' });
    const alpha = await seedGroup(env, makeGroup({ id: 'C0ALPHA', ...weekly }), [
      makeUnit('moc', ['U0LIA1']),
    ]);
    await env.scheduling.syncGroup(alpha);
    env.slack.refuse('files.getUploadURLExternal', 'token_revoked');
    await env.startWorkers({}, Date.now, tokens);
    await env.scheduling.digestNow(alpha, 'U0LEAD');

    await env.slack.waitFor((c) => postsTo('C0ALPHA')(c) && c.status === 200, 8_000);
    const charts = env.scheduling.queue('charts');
    await eventually(async () => (await charts.getFailedCount()) === 1, 15_000, 'the chart job to fail');
    const [chart] = await charts.getFailed();
    expect(chart?.attemptsMade).toBe(1);
    expect((await outcomes('charts')).token_refused).toBe(1);
    expect(tokens.refused).toEqual([[{ teamId: TEAM }, 'token_revoked']]);
    expect(await schedulersOf(alpha)).toEqual([undefined, undefined, undefined, undefined]);
    expect(env.slack.callsTo('files.getUploadURLExternal')).toHaveLength(1);
  }, 30_000);

  it('an expired token is retried (the retry gets the refreshed one), and the message goes out once', async () => {
    const tokens = new MapTokens('oauth', { [TEAM]: 'xoxb-alpha' });
    const alpha = await seedGroup(env, makeGroup({ id: 'C0ALPHA' }));
    env.slack.refuse('chat.postMessage', 'token_expired');
    await env.startWorkers({}, Date.now, tokens);
    await env.scheduling.digestNow(alpha, 'U0LEAD');

    await env.slack.waitFor(postsTo('C0ALPHA'), 8_000, 2);
    env.slack.refuse('chat.postMessage', null);
    await eventually(
      async () => (await env.scheduling.queue('digest').getCompletedCount()) === 1,
      8_000,
      'the digest to go out',
    );
    expect(env.slack.delivered('chat.postMessage')).toHaveLength(1);
    expect(tokens.refused).toEqual([]);
    expect((await outcomes('digest')).retry).toBeGreaterThanOrEqual(2);
  });
});

describe('pausing and resuming a team', () => {
  it("removes each group's four schedulers with a job already due, and puts them back as they were", async () => {
    const alpha = makeGroup({ id: 'C0ALPHA', ...weekly });
    await env.scheduling.syncGroup(alpha);
    const before = await schedulersOf(alpha);
    expect(before.every(Boolean)).toBe(true);
    // The digest's next job is due: waiting for a worker, which removeJobScheduler alone leaves.
    const digests = env.scheduling.queue('digest');
    const [pending] = await digests.getDelayed();
    await pending?.promote();
    expect(await digests.getWaitingCount()).toBe(1);

    await env.scheduling.pauseGroups([alpha]);
    expect(await schedulersOf(alpha)).toEqual([undefined, undefined, undefined, undefined]);
    expect(await digests.getJobCounts('waiting', 'delayed', 'prioritized')).toMatchObject({
      waiting: 0,
      delayed: 0,
      prioritized: 0,
    });

    await env.scheduling.resumeGroups([alpha]);
    const after = await schedulersOf(alpha);
    expect(after.map((s) => [s?.pattern, s?.tz, s?.next])).toEqual(
      before.map((s) => [s?.pattern, s?.tz, s?.next]),
    );
  });

  it('a group whose schedule is now refused (daylight saving) is skipped on resume, not fatal', async () => {
    const refused = makeGroup({
      id: 'C0SANTIAGO',
      tz: 'America/Santiago',
      digest: { weekday: 7, time: '00:15' },
    });
    const fine = makeGroup({ id: 'C0FINE', ...weekly });
    await env.scheduling.resumeGroups([refused, fine]);
    expect((await schedulersOf(fine)).every(Boolean)).toBe(true);
    const [reminder, digest, pings, findings] = await schedulersOf(refused);
    expect([reminder, digest]).toEqual([undefined, undefined]);
    // The hourly and daily looks need no weekly time: they are back.
    expect(pings?.tz).toBe('America/Santiago');
    expect(findings?.tz).toBe('America/Santiago');
  });

  it('a job its scheduler left behind does nothing once the scheduler is gone', async () => {
    const alpha = await seedGroup(env, makeGroup({ id: 'C0ALPHA', ...weekly }));
    await env.scheduling.syncGroup(alpha);
    const digests = env.scheduling.queue('digest');
    const [pending] = await digests.getDelayed();
    await pending?.promote();
    // BullMQ's own removal, as when a worker took the job while the team was being paused.
    await digests.removeJobScheduler(schedulerId('digest', TEAM, alpha.id));
    expect(await digests.getWaitingCount()).toBe(1);

    await env.startWorkers();
    await eventually(async () => (await outcomes('digest')).unscheduled === 1, 8_000, 'the left-over job');
    expect(env.slack.calls).toHaveLength(0);
  });
});

describe('the refresh of rotating tokens', () => {
  it('with OAuth the workers keep one refresh scheduler, whose job refreshes what expires within the window', async () => {
    const tokens = new MapTokens('oauth', {});
    const queue = env.scheduling.queue('tokens');
    const workers = await env.startWorkers({}, Date.now, tokens);
    const scheduler = await queue.getJobScheduler(TOKEN_REFRESH.schedulerId);
    expect(scheduler?.every).toBe(TOKEN_REFRESH.everyMs);
    // Its first run is at once; each asks for tokens expiring well past the next run.
    await eventually(() => tokens.refreshed.length > 0, 8_000, 'the first refresh');
    expect(tokens.refreshed[0]).toBe(TOKEN_REFRESH.windowMs);
    expect(TOKEN_REFRESH.windowMs).toBeGreaterThanOrEqual(2 * TOKEN_REFRESH.everyMs);
    await eventually(async () => (await outcomes('tokens')).nothing === 1, 5_000, 'the refresh outcome');

    // A second start leaves the scheduler and its pending run as they are.
    const next = (await queue.getJobScheduler(TOKEN_REFRESH.schedulerId))?.next;
    await env.startWorkers({}, Date.now, tokens);
    expect((await queue.getJobScheduler(TOKEN_REFRESH.schedulerId))?.next).toBe(next);
    expect(await queue.getJobSchedulersCount()).toBe(1);
    await workers.close();

    // A single token has nothing to refresh: the scheduler goes.
    await env.startWorkers({}, Date.now, new MapTokens('single', { [TEAM]: 'xoxb-test' }));
    expect(await queue.getJobScheduler(TOKEN_REFRESH.schedulerId)).toBeUndefined();
  });
});

describe('producers', () => {
  it("put the group's enterprise in every job and scheduler template, and nothing when it has none", async () => {
    const plain = makeGroup({ id: 'C0PLAIN', ...weekly });
    const org = makeGroup({ id: 'C0ORGGRP', teamId: ORG_TEAM, ...weekly });
    await env.scheduling.syncGroup(plain);
    await env.scheduling.syncGroup(org);
    // The org arrives later (a workspace joining a Grid org): the findings look is upserted again.
    const inOrg = { ...org, enterpriseId: ORG };
    await env.scheduling.syncGroup(inOrg);
    const templates = async (group: Group) =>
      (await schedulersOf(group)).map((s) => (s?.template?.data as Record<string, unknown>)?.enterpriseId);
    expect(await templates(plain)).toEqual([undefined, undefined, undefined, undefined]);
    expect(await templates(inOrg)).toEqual([ORG, ORG, ORG, ORG]);

    await env.scheduling.digestNow(inOrg, 'U0LEAD');
    await env.scheduling.remindNow(inOrg, 'U0LEAD');
    await env.scheduling.sendDms(inOrg, [dm(inOrg, 'U0READER')]);
    for (const name of ['digest', 'reminder', 'dm'] as const) {
      const [job] = await env.scheduling.queue(name).getWaiting();
      expect(job?.data).toMatchObject({ teamId: ORG_TEAM, enterpriseId: ORG });
    }
  });
});
