import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpLink } from '../../src/sandbox/app-link';
import { encodeMentions } from '../../src/sandbox/composer';
import { pageRoutes } from '../../src/sandbox/page/page-routes';
import { renderModalOf } from '../../src/sandbox/page/render-page';
import { SlackStandIn } from '../../src/sandbox/slack-stand-in';
import { SocketModeHub } from '../../src/sandbox/socket-mode';
import type { StateValues } from '../../src/sandbox/view-state';
import { SLACKBOT } from '../../src/sandbox/workspace';
import { LOG_MODAL_BLOCKS as B } from '../../src/views/ids';
import { DEFAULT_CHANNEL, DEFAULT_USER, type Harness, startHarness, TRANSPORTS } from '../support/harness';
import { attr, tagWithId } from './page/html-tags';

const OTHER = 'U0OTHER';

/** A person using the workspace, and the real app answering over each transport. */
describe.each(TRANSPORTS)('a person in the workspace, with the app over %s', (transport) => {
  let h: Harness;
  const ws = () => h.slack.workspace;
  const people = () => h.slack.people;
  const texts = (user: string) =>
    ws()
      .messagesOf(DEFAULT_CHANNEL, user)
      .map((m) => m.text);

  beforeAll(async () => {
    h = await startHarness({ transport });
    ws().addUser({ id: DEFAULT_USER, name: 'lead', real_name: 'Lena Lead', tz: 'UTC', is_bot: false });
    ws().addUser({ id: OTHER, name: 'other', real_name: 'Otto Other', tz: 'UTC', is_bot: false });
    ws().addChannel({ id: DEFAULT_CHANNEL, name: 'oversight', members: [DEFAULT_USER, OTHER] });
    await people().send(DEFAULT_USER, DEFAULT_CHANNEL, '/dudao setup "Group 14"');
    await people().send(DEFAULT_USER, DEFAULT_CHANNEL, '/dudao unit add "Ministry of Commerce" key=moc');
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('shows a command’s answer to the person who typed it, and to nobody else', async () => {
    await people().send(DEFAULT_USER, DEFAULT_CHANNEL, '/dudao status');
    const mine = ws().messagesOf(DEFAULT_CHANNEL, DEFAULT_USER).at(-1);
    expect(mine?.ephemeralFor).toBe(DEFAULT_USER);
    expect(JSON.stringify(mine?.blocks)).toContain('Ministry of Commerce');
    expect(
      ws()
        .messagesOf(DEFAULT_CHANNEL, OTHER)
        .some((m) => m.ts === mine?.ts),
    ).toBe(false);
  });

  it('runs a command typed once exactly once', async () => {
    const before = await h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL);
    await people().send(DEFAULT_USER, DEFAULT_CHANNEL, '/dudao log interview moc n=2 met the director');
    expect(await h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL)).toBe(before + 1);
    const answers = texts(DEFAULT_USER).filter((t) => t.includes('Ministry of Commerce'));
    expect(answers.length).toBeGreaterThan(0);
  });

  it('opens the log form for that person; Slack’s own check stops an empty unit, the app’s a future date', async () => {
    await people().send(DEFAULT_USER, DEFAULT_CHANNEL, '/dudao log');
    // The app opens the form after it has acknowledged the command.
    await h.slack.waitFor((c) => c.method === 'views.open' && c.status === 200);
    const view = ws().views.topModal(DEFAULT_USER);
    expect(view?.callback_id).toBeDefined();
    expect(ws().views.topModal(OTHER)).toBeUndefined();
    const id = String(view?.id);
    await people().submit(DEFAULT_USER, id, {});
    expect(ws().views.get(id)?.errors?.[B.unit]).toBe('Please complete this required field.');

    const values = (date: string): StateValues => ({
      [B.unit]: { [B.unitAction]: { type: 'static_select', selected_option: option('moc') } },
      [B.type]: { [B.typeAction]: { type: 'static_select', selected_option: option('research') } },
      [B.date]: { [B.dateAction]: { type: 'datepicker', selected_date: date } },
    });
    await people().submit(DEFAULT_USER, id, values('2999-01-01'));
    expect(ws().views.get(id)?.errors?.[B.date]).toBeTruthy();
    expect(ws().views.topModal(DEFAULT_USER)?.id).toBe(id);

    const before = await h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL);
    await people().submit(DEFAULT_USER, id, values(new Date().toISOString().slice(0, 10)));
    expect(ws().views.topModal(DEFAULT_USER)).toBeUndefined();
    expect(await h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL)).toBe(before + 1);
    await h.slack.waitFor((c) => c.method === 'chat.postEphemeral' && c.status === 200);
  });

  it('answers a command it does not know as Slack does, without bothering the app', async () => {
    const calls = h.slack.calls.length;
    await people().send(DEFAULT_USER, DEFAULT_CHANNEL, '/frobnicate now');
    const last = ws().messagesOf(DEFAULT_CHANNEL, DEFAULT_USER).at(-1);
    expect(last?.user).toBe(SLACKBOT);
    expect(last?.text).toContain('/frobnicate is not a valid command');
    expect(h.slack.calls.length).toBe(calls);
  });

  it('posts a plain message as the person’s, with mentions made into Slack’s form', async () => {
    await people().send(OTHER, DEFAULT_CHANNEL, 'hello @lead & team');
    const last = ws().messagesOf(DEFAULT_CHANNEL).at(-1);
    expect(last).toMatchObject({ user: OTHER, text: `hello <@${DEFAULT_USER}|lead> &amp; team` });
  });
});

describe('the workspace’s response_urls', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });
  const post = (url: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('shows answers where Slack would, replaces the original when asked, and refuses a sixth use', async () => {
    const ws = h.slack.workspace;
    const first = ws.post({ channel: 'C0ROOM', user: 'U0BOT', text: 'original', ephemeralFor: 'U0ME' });
    const url = h.slack.people.responseUrl('U0ME', 'C0ROOM', first.ts);
    expect((await post(url, { text: 'only you' })).status).toBe(200);
    expect(ws.messagesOf('C0ROOM', 'U0ME').at(-1)).toMatchObject({ text: 'only you', ephemeralFor: 'U0ME' });
    expect((await post(url, { response_type: 'in_channel', text: 'everyone' })).status).toBe(200);
    expect(ws.messagesOf('C0ROOM', 'U0SOMEONE').map((m) => m.text)).toEqual(['everyone']);
    expect((await post(url, { replace_original: true, text: 'replaced' })).status).toBe(200);
    expect(ws.findMessage('C0ROOM', first.ts)?.text).toBe('replaced');
    expect((await post(url, { delete_original: true })).status).toBe(200);
    expect(ws.findMessage('C0ROOM', first.ts)).toBeUndefined();
    expect((await post(url, { text: 'fifth' })).status).toBe(200);
    const sixth = await post(url, { text: 'sixth' });
    expect(sixth.status).toBe(404);
    expect(ws.messagesOf('C0ROOM', 'U0ME').some((m) => m.text === 'sixth')).toBe(false);
  });
});

describe('encodeMentions', () => {
  it('escapes &, < and > and turns known @names and #channels into Slack’s mentions', async () => {
    const h = await startHarness();
    try {
      const ws = h.slack.workspace;
      ws.addUser({ id: 'U0LIU', name: '刘洋', real_name: '刘洋', tz: 'Asia/Shanghai', is_bot: false });
      ws.addUser({ id: 'U0SAM', name: 'sam', real_name: 'Sam Okafor', tz: 'UTC', is_bot: false });
      ws.addChannel({ id: 'C0AUDIT', name: 'audit-team', members: [] });
      expect(encodeMentions(ws, 'member add @sam @刘洋 role=member')).toBe(
        'member add <@U0SAM|sam> <@U0LIU|刘洋> role=member',
      );
      expect(encodeMentions(ws, 'see #audit-team, not #nowhere or @nobody')).toBe(
        'see <#C0AUDIT|audit-team>, not #nowhere or @nobody',
      );
      expect(encodeMentions(ws, '<!channel> & <@U0SAM>')).toBe('&lt;!channel&gt; &amp; &lt;@U0SAM&gt;');
    } finally {
      await h.stop();
      await h.cleanup();
    }
  });
});

function option(value: string) {
  return { text: { type: 'plain_text' as const, text: value }, value };
}

describe('an app that does not answer in time', () => {
  it('is reported to the person as Slack reports it, over HTTP and over a socket nobody holds', async () => {
    // An app that takes the request and never answers it.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const standIn = new SlackStandIn();
    await standIn.start();
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/slack/events`;
      standIn.link = new HttpLink(url, 'secret-secret', 300);
      await standIn.people.send('U0ME', 'C0ROOM', '/dudao status');
      const notice = standIn.workspace.messagesOf('C0ROOM', 'U0ME').at(-1);
      expect(notice).toMatchObject({ user: SLACKBOT, ephemeralFor: 'U0ME' });
      expect(notice?.text).toBe('/dudao failed with the error "operation_timeout"');

      standIn.link = new SocketModeHub({ appId: 'A0DUDAO', ackTimeoutMs: 300 });
      await standIn.people.send('U0ME', 'C0ROOM', '/dudao status');
      expect(standIn.workspace.messagesOf('C0ROOM', 'U0ME').at(-1)?.text).toBe(
        '/dudao failed with the error "dispatch_failed"',
      );
    } finally {
      silent.closeAllConnections();
      silent.close();
      await standIn.stop();
    }
  });
});

describe('what the manifest lets people do', () => {
  it('keeps a read-only messages tab read-only, and tells the app when Home is opened', async () => {
    const received: { headers: Record<string, unknown>; body: string }[] = [];
    const app = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => {
        body += d.toString();
      });
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.end();
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const standIn = new SlackStandIn({ readOnlyMessagesTab: true, events: ['app_home_opened'] });
    await standIn.start();
    try {
      const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`;
      standIn.link = new HttpLink(url, 'secret-secret');
      const im = standIn.workspace.imOf('U0ME');
      await standIn.people.send('U0ME', im, 'hello bot');
      const last = standIn.workspace.messagesOf(im).at(-1);
      expect(last).toMatchObject({ user: SLACKBOT, ephemeralFor: 'U0ME' });
      expect(last?.text).toContain('turned off');
      expect(received).toHaveLength(0);

      await standIn.people.openHome('U0ME');
      expect(received).toHaveLength(1);
      const event = JSON.parse(received[0]!.body) as { type: string; event: Record<string, unknown> };
      expect(event).toMatchObject({
        type: 'event_callback',
        event: { type: 'app_home_opened', user: 'U0ME', tab: 'home', channel: im },
      });
      expect(received[0]!.headers['x-slack-signature']).toMatch(/^v0=[0-9a-f]{64}$/);
    } finally {
      app.close();
      await standIn.stop();
    }
  });
});

describe('a form with a file_input', () => {
  it('takes the files the page uploaded as Slack file objects, only the person’s own, at most max_files', async () => {
    const received: string[] = [];
    const app = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => {
        body += d.toString();
      });
      req.on('end', () => {
        received.push(body);
        res.end();
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const standIn: SlackStandIn = new SlackStandIn({ extraRoutes: pageRoutes(() => standIn) });
    await standIn.start();
    try {
      standIn.link = new HttpLink(
        `http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`,
        'secret-secret',
      );
      const ws = standIn.workspace;
      for (const id of ['U0ME', 'U0YOU'])
        ws.addUser({ id, name: id.toLowerCase(), real_name: id, tz: 'UTC', is_bot: false });
      const input = {
        type: 'input',
        block_id: 'files',
        optional: true,
        label: { type: 'plain_text', text: 'Evidence' },
        element: { type: 'file_input', action_id: 'files_input', max_files: 3 },
      };
      const view = ws.views.save({
        type: 'modal',
        title: { type: 'plain_text', text: 'Mark done' },
        blocks: [input],
      });
      ws.views.openModal('U0ME', view, false);
      const html = renderModalOf(ws, 'U0ME').html;
      const picker = tagWithId(html, `v${view.id}-files-files_input`);
      expect(picker).toMatch(/^<input type="file"/);
      expect(attr(picker, 'multiple')).toBe('multiple');
      expect(attr(picker, 'data-max-files')).toBe('3');
      expect(html).toContain(`for="v${view.id}-files-files_input"`);

      // What the page does with a picked file: an upload for it, then its bytes.
      const upload = async (user: string, filename: string, bytes: string) => {
        const made = await fetch(`${standIn.origin}/page/upload`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ user, filename, length: bytes.length }),
        });
        const { fileId } = (await made.json()) as { fileId: string };
        const sent = await fetch(`${standIn.origin}/upload/${fileId}`, { method: 'POST', body: bytes });
        expect(sent.status).toBe(200);
        return fileId;
      };
      const mine = await upload('U0ME', 'minutes.pdf', '%PDF-1.4 minutes');
      const second = await upload('U0ME', 'photo.png', 'png bytes');
      const theirs = await upload('U0YOU', 'theirs.pdf', 'not yours');
      const files = (...ids: string[]): StateValues => ({
        files: { files_input: { type: 'file_input', files: ids.map((id) => ({ id })) } },
      });

      await standIn.people.submit('U0ME', view.id, files(mine, second, theirs, 'F0FOURTH'));
      expect(ws.views.get(view.id)?.errors).toEqual({ files: 'You can upload up to 3 files.' });
      expect(received).toEqual([]);

      await standIn.people.submit('U0ME', view.id, files(mine, theirs, 'F0NEVER'));
      expect(received).toHaveLength(1);
      const payload = JSON.parse(new URLSearchParams(received[0]).get('payload') ?? '{}') as {
        type: string;
        view: { state: { values: Record<string, Record<string, { type: string; files: unknown[] }>> } };
      };
      expect(payload.type).toBe('view_submission');
      const url = `${standIn.origin}/files/${mine}/minutes.pdf`;
      expect(payload.view.state.values.files?.files_input).toEqual({
        type: 'file_input',
        files: [
          expect.objectContaining({
            id: mine,
            name: 'minutes.pdf',
            mimetype: 'application/pdf',
            size: 16,
            user: 'U0ME',
            url_private: url,
            permalink: url,
          }),
        ],
      });
      expect(await (await fetch(url)).text()).toBe('%PDF-1.4 minutes');
      expect(ws.views.topModal('U0ME')).toBeUndefined();
    } finally {
      app.close();
      await standIn.stop();
    }
  });
});
