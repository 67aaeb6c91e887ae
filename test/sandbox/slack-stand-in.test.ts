import type { WebAPIPlatformError, WebClient, WebClientOptions } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackStandIn } from '../../src/sandbox/slack-stand-in';
import { platformError, webClient } from './web-client';

const standIn = new SlackStandIn();
const client = (opts: WebClientOptions = {}): WebClient => webClient(standIn, opts);

beforeAll(async () => {
  await standIn.start();
});
afterAll(async () => {
  await standIn.stop();
});
beforeEach(() => {
  standIn.reset();
});

describe('SlackStandIn with a real WebClient', () => {
  it('answers auth.test with the team, bot user and bot id', async () => {
    const res = await client().auth.test();
    expect(res).toMatchObject({
      ok: true,
      team_id: 'T0SANDBOX',
      user_id: 'U0DUDAOBOT',
      bot_id: 'B0DUDAOBOT',
    });
  });

  it('posts a message and records its blocks as objects, with the token', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*3 units* covered' } }];
    const res = await client().chat.postMessage({ channel: 'C0GROUP', text: '3 units covered', blocks });
    expect(res.ok).toBe(true);
    expect(res.channel).toBe('C0GROUP');
    expect(res.ts).toMatch(/^\d+\.\d{6}$/);
    const [call] = standIn.callsTo('chat.postMessage');
    expect(call?.body.blocks).toEqual(blocks);
    expect(call?.token).toBe('xoxb-test');
    expect(standIn.delivered('chat.postMessage')).toHaveLength(1);
  });

  it('updates a posted message and refuses one it never saw', async () => {
    const web = client();
    const posted = await web.chat.postMessage({ channel: 'C0GROUP', text: 'draft' });
    const updated = await web.chat.update({ channel: 'C0GROUP', ts: String(posted.ts), text: 'final' });
    expect(updated.text).toBe('final');
    expect(await platformError(web.chat.update({ channel: 'C0GROUP', ts: '1.000001', text: 'x' }))).toBe(
      'message_not_found',
    );
  });

  it('answers an ephemeral message with message_ts, and requires the user', async () => {
    const web = client();
    const res = await web.chat.postEphemeral({ channel: 'C0GROUP', user: 'U0LEAD', text: 'only you' });
    expect(res.message_ts).toMatch(/^\d+\.\d{6}$/);
    const noUser = web.apiCall('chat.postEphemeral', { channel: 'C0GROUP', text: 'x' });
    expect(await platformError(noUser)).toBe('user_not_found');
  });

  it('refuses a message over Slack’s 50-block limit, as Slack does', async () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    const err = await client()
      .chat.postMessage({ channel: 'C0GROUP', text: 'x', blocks })
      .catch((e: unknown) => e);
    expect((err as WebAPIPlatformError).data.error).toBe('invalid_blocks');
    expect(standIn.delivered('chat.postMessage')).toHaveLength(0);
  });

  it('opens a modal once per trigger_id and updates it by view_id', async () => {
    const web = client();
    const view = {
      type: 'modal' as const,
      callback_id: 'log_activity',
      title: { type: 'plain_text' as const, text: 'Log activity' },
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Which unit?' } }],
    };
    const opened = await web.views.open({ trigger_id: '123.456.abc', view });
    const viewId = String(opened.view?.id);
    expect(viewId).toMatch(/^V/);
    expect(standIn.callsTo('views.open')[0]?.body.view).toMatchObject({ callback_id: 'log_activity' });
    expect(await platformError(web.views.open({ trigger_id: '123.456.abc', view }))).toBe(
      'exchanged_trigger_id',
    );
    const updated = await web.views.update({ view_id: viewId, view: { ...view, callback_id: 'log_done' } });
    expect(updated.view?.callback_id).toBe('log_done');
  });

  it('publishes a Home tab and refuses a modal title over 24 characters', async () => {
    const web = client();
    const home = {
      type: 'home' as const,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }],
    };
    expect((await web.views.publish({ user_id: 'U0LEAD', view: home })).ok).toBe(true);
    const long = {
      type: 'modal' as const,
      title: { type: 'plain_text' as const, text: 'x'.repeat(25) },
      blocks: [],
    };
    expect(await platformError(web.views.open({ trigger_id: 't2', view: long }))).toBe('invalid_arguments');
  });

  it('opens the same DM channel for the same user and describes users', async () => {
    const web = client();
    const a = await web.conversations.open({ users: 'U0ALICE' });
    const b = await web.conversations.open({ users: 'U0ALICE' });
    const c = await web.conversations.open({ users: 'U0BOB' });
    expect(a.channel?.id).toMatch(/^D/);
    expect(b.channel?.id).toBe(a.channel?.id);
    expect(c.channel?.id).not.toBe(a.channel?.id);
    standIn.setUser({ id: 'U0ALICE', real_name: 'Alice Wang', tz: 'Asia/Shanghai' });
    const info = await web.users.info({ user: 'U0ALICE' });
    expect(info.user).toMatchObject({ id: 'U0ALICE', real_name: 'Alice Wang', tz: 'Asia/Shanghai' });
    expect(await platformError(web.users.info({ user: 'nobody' }))).toBe('user_not_found');
  });

  it('takes a filesUploadV2 end to end and keeps the bytes', async () => {
    const csv = 'date,unit,type\n2025-03-03,moc,interview\n';
    const res = await client().filesUploadV2({
      channel_id: 'C0GROUP',
      filename: 'activities.csv',
      content: csv,
      initial_comment: 'Export',
    });
    const fileId = standIn.callsTo('upload')[0]?.body.file_id;
    expect(typeof fileId).toBe('string');
    expect(standIn.uploadedFile(String(fileId))).toBe(csv);
    const completed = standIn.callsTo('files.completeUploadExternal')[0];
    expect(completed?.body).toMatchObject({ channel_id: 'C0GROUP', initial_comment: 'Export' });
    expect(completed?.body.files).toEqual([{ id: fileId, title: 'activities.csv' }]);
    expect(JSON.stringify(res)).toContain(String(fileId));
  });

  it('refuses to complete an upload whose bytes never arrived', async () => {
    const web = client();
    const url = await web.files.getUploadURLExternal({ filename: 'a.csv', length: 3 });
    expect(url.upload_url).toBe(`${standIn.url.replace(/\/api\/$/, '')}/upload/${url.file_id}`);
    const files = [{ id: String(url.file_id) }] as [{ id: string }];
    expect(await platformError(web.files.completeUploadExternal({ files }))).toBe('file_not_found');
  });
});

describe('SlackStandIn over raw HTTP', () => {
  const post = (method: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${standIn.url}${method}`, { method: 'POST', body, headers });

  it('answers an unknown method and a missing or bad token as Slack does, with HTTP 200', async () => {
    const auth = { authorization: 'Bearer xoxb-test', 'content-type': 'application/x-www-form-urlencoded' };
    const unknown = await post('chat.frobnicate', 'channel=C1', auth);
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual({ ok: false, error: 'unknown_method' });
    const anon = await post('chat.postMessage', 'channel=C1&text=hi', {
      'content-type': auth['content-type'],
    });
    expect(await anon.json()).toEqual({ ok: false, error: 'not_authed' });
    const bad = await post('chat.postMessage', 'channel=C1&text=hi&token=nope', {
      'content-type': auth['content-type'],
    });
    expect(await bad.json()).toEqual({ ok: false, error: 'invalid_auth' });
  });

  it('parses JSON bodies sent with a bearer token', async () => {
    const body = JSON.stringify({ channel: 'C1', text: 'hi', blocks: [{ type: 'divider' }] });
    const res = await post('chat.postMessage', body, {
      authorization: 'Bearer xoxb-test',
      'content-type': 'application/json; charset=utf-8',
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: 'C1' });
    expect(standIn.callsTo('chat.postMessage')[0]?.body).toEqual({
      channel: 'C1',
      text: 'hi',
      blocks: [{ type: 'divider' }],
    });
  });

  it('records response_url posts, and stops taking one after its five uses', async () => {
    const url = standIn.responseUrl('cmd1');
    expect(url).toMatch(/\/response\/cmd1$/);
    const send = () =>
      fetch(url, {
        method: 'POST',
        body: JSON.stringify({ text: 'Logged' }),
        headers: { 'content-type': 'application/json' },
      });
    for (let i = 0; i < 5; i++) expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(404);
    const calls = standIn.callsTo('response_url');
    expect(calls[0]).toMatchObject({ responseId: 'cmd1', body: { text: 'Logged' } });
    expect(calls).toHaveLength(6);
  });

  it('waitFor resolves when the call arrives and names what it saw on timeout', async () => {
    setTimeout(() => void client().chat.postMessage({ channel: 'C9', text: 'late' }), 50);
    const found = await standIn.waitFor((c) => c.body.channel === 'C9', 2000);
    expect(found[0]?.body.text).toBe('late');
    await expect(standIn.waitFor('views.open', 100)).rejects.toThrow(
      /0\/1 matching calls.*chat\.postMessage:200/,
    );
  });
});
