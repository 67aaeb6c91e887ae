import type { Button, KnownBlock } from '@slack/types';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PING_ACTIONS } from '../../src/views/ids';
import { DEFAULT_CHANNEL, type Harness, startHarness } from '../support/harness';
import { allKeys, ON_CLUSTER, testRedis } from '../support/redis';
import { type OwnRedis, ownRedis } from '../support/redis-server';

/**
 * Every key a full run writes, read from a Redis of the test's own (so nothing else writes there):
 * each must carry its team's hash tag or the queue prefix's, so that a team's data, and each
 * queue, sit in one Redis Cluster slot.
 */
describe('the keys a full run writes', () => {
  // On one server, a Redis of the test's own, whose every key is read; on the cluster of
  // `npm run test:cluster` (shared with other tests), every key naming this run's prefix.
  let server: OwnRedis | null = null;
  let h: Harness;
  let keys: string[] = [];

  const posted = (channel: string) =>
    h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === channel && c.status === 200,
      10_000,
    );

  /** Presses a button of a delivered ping DM, as the liaison. */
  async function press(blocks: KnownBlock[], actionId: string, user: string) {
    const row = blocks.find((b) => b.type === 'actions' && b.block_id?.startsWith('ping_unit:'));
    const button = (row?.type === 'actions' ? row.elements : []).find(
      (e) => (e as Button).action_id === actionId,
    ) as Button;
    const responseId = `r${Math.random().toString(36).slice(2, 10)}`;
    await h.interact({
      type: 'block_actions',
      user: { id: user, team_id: h.slack.identity.teamId },
      channel: { id: 'D0QUIET', name: 'directmessage' },
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'D0QUIET' },
      message: { type: 'message', ts: '1700000000.000100', text: 'ping', blocks },
      response_url: h.slack.responseUrl(responseId),
      actions: [
        { type: 'button', action_id: actionId, block_id: row?.block_id, value: button.value, action_ts: '1' },
      ],
    });
    await h.slack.waitFor((c) => c.method === 'response_url' && c.responseId === responseId, 5_000);
  }

  beforeAll(async () => {
    server = ON_CLUSTER ? null : await ownRedis();
    h = await startHarness(server ? { env: { REDIS_URL: server.url } } : {});
    await h.command('setup "Audit team" tz=Asia/Shanghai');
    await h.command('member add <@U0MEM|mem> role=member');
    await h.command('unit add "Ministry of Commerce" key=moc liaison=<@U0LIA|li>');
    await h.command('unit add "Quiet Bureau" key=quiet liaison=<@U0QUIET|q>');
    await h.command('log interview moc n=2 met the deputy director');
    await h.command('log research moc visited a branch');
    await h.command('undo');
    await h.command('finding add moc "Reports arrive late" due=2099-12-31');
    await h.command('finding done 1 fixed the schedule');
    await h.command('meeting mon 09:30');
    await h.command('digest fri 17:00');
    await h.command('coverage 5');
    await h.command('digest now');
    await posted(DEFAULT_CHANNEL);
    h.slack.reset();
    await h.command('remind now');
    await posted(DEFAULT_CHANNEL);
    const [dm] = await posted('U0QUIET');
    const blocks = (dm?.body.blocks ?? []) as KnownBlock[];
    await press(blocks, PING_ACTIONS.nothing, 'U0QUIET');
    await press(blocks, PING_ACTIONS.snooze, 'U0QUIET');
    await h.command('export');
    const redis = server ? new Redis(server.url) : testRedis();
    keys = await allKeys(redis, server ? '*' : `*${h.prefix}*`);
    redis.disconnect();
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
    if (!server) await h?.cleanup();
    await server?.dispose();
  });

  it('writes data, ping state, delivery records and queues', () => {
    const team = h.slack.identity.teamId;
    const has = (part: string) => keys.some((k) => k.includes(part));
    expect(has(`:{${team}}:ch:${DEFAULT_CHANNEL}`)).toBe(true);
    expect(has(`:{${team}}:g:${DEFAULT_CHANNEL}:acts`)).toBe(true);
    expect(has(`:{${team}}:g:${DEFAULT_CHANNEL}:ping:`)).toBe(true);
    expect(has(`:{${team}}:dlv:digest:`)).toBe(true);
    expect(has(`:{${team}}:dlv:reminder:`)).toBe(true);
    expect(has(`:{${team}}:dlv:dm:`)).toBe(true);
    expect(has(`{${h.prefix}}:digest:`)).toBe(true);
    expect(has(`{${h.prefix}}:dm:`)).toBe(true);
  });

  it("puts every key under the team's hash tag or the queue prefix's", () => {
    const team = h.slack.identity.teamId;
    const data = `${h.prefix}:{${team}}:`;
    const queues = `{${h.prefix}}:`;
    const stray = keys.filter((k) => !k.startsWith(data) && !k.startsWith(queues));
    expect(stray).toEqual([]);
    // Redis Cluster hashes only what is between the first `{` and the next `}`: one tag per team, one for the queues.
    const tags = new Set(keys.map((k) => /\{([^}]*)\}/.exec(k)?.[1]));
    expect([...tags].sort()).toEqual([team, h.prefix].sort());
  });
});
