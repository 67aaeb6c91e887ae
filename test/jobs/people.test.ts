import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StandInCall } from '../../src/sandbox/slack-stand-in';
import { eventually, type JobsEnv, makeGroup, makeUnit, openJobsEnv, seedGroup, TEAM } from './support/env';

let env: JobsEnv;
beforeEach(async () => {
  env = await openJobsEnv();
  env.slack.workspace.addUser({
    id: 'U0WANG1',
    name: 'wang.wei',
    real_name: 'Wang Wei',
    tz: 'UTC',
    is_bot: false,
  });
  env.slack.workspace.addUser({ id: 'U0LI2', name: 'li.na', real_name: 'Li Na', tz: 'UTC', is_bot: false });
});
afterEach(() => env.cleanup());

const GROUP = 'C0GROUP';
const MENTION = /<@[UW][A-Z0-9]+>/;
const posts = () =>
  env.slack.delivered('chat.postMessage').filter((c) => c.body.channel === GROUP && c.status === 200);
const textOf = (c: StandInCall | undefined) => JSON.stringify(c?.body.blocks ?? []);
let asked = 0;

/** A `/dudao … now` job as the web role adds it, then its post in the channel. */
async function postNow(kind: 'digest' | 'reminder'): Promise<StandInCall | undefined> {
  asked += 1;
  const data = { trigger: 'now', teamId: TEAM, groupId: GROUP, requestedBy: 'U0LEAD', requestedAt: asked };
  const before = posts().length;
  await env.scheduling.queue(kind).add(kind, data, { jobId: `${kind}-${asked}` });
  await eventually(() => posts().length > before, 8_000, `the ${kind}`);
  return posts()[before];
}

const units = [makeUnit('moc', ['U0WANG1']), makeUnit('ndrc', ['U0LI2'])];

describe('mention=off: liaisons named in channel posts, never notified', () => {
  it('the digest and the agenda name liaisons; names are asked of Slack once, then read from the store', async () => {
    await seedGroup(env, makeGroup({ liaisonNames: 'name' }), units);
    await env.startWorkers();
    const digest = await postNow('digest');
    expect(textOf(digest)).not.toMatch(MENTION);
    expect(textOf(digest)).toContain('*Unit moc* · wang.wei ·');
    expect(textOf(digest)).toContain('*Unit ndrc* · li.na ·');
    // The leader and the two liaisons: one users.info each.
    expect(
      env.slack
        .callsTo('users.info')
        .map((c) => c.body.user)
        .sort(),
    ).toEqual(['U0LEAD', 'U0LI2', 'U0WANG1']);

    const agenda = await postNow('reminder');
    expect(textOf(agenda)).not.toMatch(MENTION);
    expect(textOf(agenda)).toContain('wang.wei');
    expect(env.slack.callsTo('users.info')).toHaveLength(3);
    // The DMs to the liaisons are unaffected: they still address their reader.
    await env.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'U0WANG1', 8_000);
    const dm = env.slack.delivered('chat.postMessage').find((c) => c.body.channel === 'U0WANG1');
    expect(textOf(dm)).toContain('<@U0WANG1>');
  });

  it('a name Slack will not give shows the id, without a mention, and the digest still goes out', async () => {
    env.slack.refuse('users.info', 'user_not_found');
    await seedGroup(env, makeGroup({ liaisonNames: 'name' }), units);
    await env.startWorkers();
    const digest = await postNow('digest');
    expect(textOf(digest)).not.toMatch(MENTION);
    expect(textOf(digest)).toContain('*Unit moc* · U0WANG1 ·');
  });

  it('mention=on (the default) mentions liaisons and asks Slack for no names', async () => {
    await seedGroup(env, makeGroup(), units);
    await env.startWorkers();
    const digest = await postNow('digest');
    expect(textOf(digest)).toContain('*Unit moc* · <@U0WANG1> ·');
    expect(env.slack.callsTo('users.info')).toEqual([]);
  });
});
