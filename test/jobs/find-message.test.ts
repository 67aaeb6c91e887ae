import type { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverOnce } from '../../jobs/deliver';
import { findMarkedMessage, marker } from '../../jobs/find-message';
import { createJobClient } from '../../src/slack/sender';
import { type JobsEnv, openJobsEnv, TEAM } from './support/env';

let env: JobsEnv;
/** Straight to the stand-in, whose history holds what anyone posted, other apps included. */
let client: WebClient;
beforeEach(async () => {
  env = await openJobsEnv();
  client = createJobClient({ token: 'xoxb-test', slackApiUrl: env.slack.url });
});
afterEach(() => env.cleanup());

const record = () =>
  env.store.forTeam(TEAM).delivery({ kind: 'digest', groupId: 'C0GROUP', occurrence: '2026-W02' });
const message = { text: 'Weekly digest', blocks: [] };
const posts = () => env.slack.delivered('chat.postMessage');

/** Another app in the channel posts a message carrying our marker for the record. */
function foreignCopy(): void {
  env.slack.workspace.post({
    channel: 'C0GROUP',
    user: 'U0OTHERAPP',
    bot_id: 'B0OTHERAPP',
    text: 'Weekly digest',
    metadata: marker(record().id),
  });
}

describe('crash recovery looks only for the bot’s own marked message', () => {
  it('after a holder died, another app’s copy of the marker does not stop the re-send', async () => {
    await record().claim('dead-worker', 50);
    foreignCopy();
    await new Promise((r) => setTimeout(r, 80));
    const ctx = { client, logger: pino({ level: 'silent' }), leaseMs: 2_000 };
    expect(await deliverOnce(ctx, { record: record(), channel: 'C0GROUP', build: async () => message })).toBe(
      'sent',
    );
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.body.metadata).toEqual(marker(record().id));
  });

  it('finds the bot’s own message next to a foreign one, asking who the bot is only once', async () => {
    const since = Date.now() - 60_000;
    foreignCopy();
    expect(await findMarkedMessage(client, 'C0GROUP', record().id, since)).toBeNull();
    const own = await client.chat.postMessage({
      channel: 'C0GROUP',
      text: 'x',
      metadata: marker(record().id),
    });
    expect(await findMarkedMessage(client, 'C0GROUP', record().id, since)).toEqual({
      channel: 'C0GROUP',
      ts: own.ts,
    });
    expect(env.slack.callsTo('auth.test')).toHaveLength(1);
  });

  it('finds a reply in its thread only: the channel history lists the top level', async () => {
    const since = Date.now() - 60_000;
    const parent = await client.chat.postMessage({ channel: 'C0GROUP', text: 'first post of the week' });
    env.slack.workspace.post({
      channel: 'C0GROUP',
      user: 'U0OTHERAPP',
      bot_id: 'B0OTHERAPP',
      text: 'copy',
      thread_ts: parent.ts,
      metadata: marker(record().id),
    });
    const threadTs = parent.ts as string;
    expect(await findMarkedMessage(client, 'C0GROUP', record().id, since, threadTs)).toBeNull();
    const reply = await client.chat.postMessage({
      channel: 'C0GROUP',
      text: 'digest',
      thread_ts: threadTs,
      reply_broadcast: false,
      metadata: marker(record().id),
    });
    expect(await findMarkedMessage(client, 'C0GROUP', record().id, since)).toBeNull();
    expect(await findMarkedMessage(client, 'C0GROUP', record().id, since, threadTs)).toEqual({
      channel: 'C0GROUP',
      ts: reply.ts,
    });
  });
});
