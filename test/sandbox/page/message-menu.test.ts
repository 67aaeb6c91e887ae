import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pageRoutes } from '../../../src/sandbox/page/page-routes';
import { SLACKBOT } from '../../../src/sandbox/workspace';
import { browserSkipReason, launchBrowser } from '../../support/browser';
import { type BoltSandbox, startBoltSandbox } from '../bolt-app';

/**
 * A message's "More actions" menu and the App Home on the local page, in Chromium: what a person
 * chooses there reaches a Bolt app as Slack would send it.
 */

const reason = browserSkipReason();
if (reason) console.warn(`test/sandbox/page/message-menu.test.ts skipped: ${reason}`);

const ANNA = 'U0ANNA';
const BOB = 'U0BOB';
const ROOM = 'C0ROOM';
const SHORTCUTS = [
  { callbackId: 'log_activity', name: 'Log as activity' },
  { callbackId: 'raise_finding', name: 'Raise a finding' },
] as const;
/** A button on the Home that the app takes and never acknowledges. */
const BROKEN = 'home_broken';
const WAIT = { timeout: 10_000 };
const TEST_MS = 60_000;
const SHOTS = '.data/browser';

/** A Home as an app publishes one: a header, sections with buttons, context, an actions row. */
const HOME_VIEW = {
  type: 'home',
  blocks: [
    { type: 'header', text: { type: 'plain_text', text: 'Your units this week' } },
    {
      type: 'section',
      block_id: 'unit_moc',
      text: { type: 'mrkdwn', text: '*Ministry of Commerce* · last contact 3 days ago' },
      accessory: {
        type: 'button',
        action_id: 'home_log',
        text: { type: 'plain_text', text: 'Log activity' },
        value: '{"unit":"moc"}',
      },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'You are liaison for 1 unit.' }] },
    { type: 'divider' },
    {
      type: 'actions',
      block_id: 'home_actions',
      elements: [
        {
          type: 'button',
          action_id: 'home_status',
          style: 'primary',
          text: { type: 'plain_text', text: 'Status' },
        },
        { type: 'button', action_id: BROKEN, text: { type: 'plain_text', text: 'Export' } },
      ],
    },
  ],
};

describe.skipIf(reason)(
  `the local page's message menu and Home in Chromium${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    let s: BoltSandbox;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    const pageErrors: string[] = [];
    const ws = () => s.standIn.workspace;
    const article = (text: string) => page.getByRole('article').filter({ hasText: text });
    const menu = () => page.getByRole('menu');
    const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

    /** Opens the page as Anna on #oversight and waits for the message `text`. */
    async function openRoom(text: string): Promise<Locator> {
      await page.goto(`${s.standIn.origin}/#${ROOM}`);
      const found = article(text);
      await found.waitFor(WAIT);
      return found;
    }

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      let sandbox: BoltSandbox | null = null;
      const page = pageRoutes(() => (sandbox as BoltSandbox).standIn, { defaultUser: ANNA });
      sandbox = await startBoltSandbox(
        'socket',
        { shortcuts: SHORTCUTS, extraRoutes: page },
        { ackTimeoutMs: 1500, unanswered: [BROKEN] },
      );
      s = sandbox;
      ws().addUser({ id: ANNA, name: 'anna', real_name: 'Anna Auditor', tz: 'UTC', is_bot: false });
      ws().addUser({ id: BOB, name: 'bob', real_name: 'Bob Builder', tz: 'UTC', is_bot: false });
      ws().addChannel({ id: ROOM, name: 'oversight', members: [ANNA, BOB] });
      browser = await launchBrowser();
    }, TEST_MS);

    afterAll(async () => {
      await browser?.close();
      await s?.stop();
    }, TEST_MS);

    beforeEach(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      await context.addInitScript(`localStorage.setItem('dudao.user', ${JSON.stringify(ANNA)})`);
      page = await context.newPage();
      pageErrors.length = 0;
      page.on('pageerror', (e) => pageErrors.push(e.message));
      s.received.shortcuts.length = 0;
      s.received.actions.length = 0;
    });

    afterEach(async () => {
      await context?.close();
      expect(pageErrors).toEqual([]);
    });

    it(
      'opens "More actions" on a message, lists the app’s shortcuts, and "Log as activity" sends message_action',
      async () => {
        const said = ws().post({
          channel: ROOM,
          user: BOB,
          text: 'Met the director of the Ministry of Commerce',
        });
        const message = await openRoom('Met the director');
        await message.hover();
        const more = message.getByRole('button', { name: 'More actions' });
        await more.click(WAIT);
        await menu().waitFor(WAIT);
        expect(await more.getAttribute('aria-expanded')).toBe('true');
        expect(await menu().getByRole('menuitem').allTextContents()).toEqual([
          'Log as activity',
          'Raise a finding',
        ]);
        const axe = await new AxeBuilder({ page }).include('.msg-menu').include('article').analyze();
        expect(axe.violations.map((v) => v.id)).toEqual([]);
        await shot('message-menu-open');

        await menu().getByRole('menuitem', { name: 'Log as activity' }).click(WAIT);
        await expect.poll(() => s.received.shortcuts.length, WAIT).toBe(1);
        expect(s.received.shortcuts[0]).toMatchObject({
          type: 'message_action',
          callback_id: 'log_activity',
          message_ts: said.ts,
          channel: { id: ROOM, name: 'oversight' },
          user: { id: ANNA },
          message: { type: 'message', user: BOB, ts: said.ts, text: said.text },
        });
        await menu().waitFor({ state: 'hidden', ...WAIT });
        // Focus is back on the button that opened the menu.
        expect(await more.evaluate((el) => el.matches(':focus'))).toBe(true);
        expect(await more.getAttribute('aria-expanded')).toBe('false');
      },
      TEST_MS,
    );

    it(
      'works from the keyboard: Enter opens on the first item, arrows move, Escape closes back on the button',
      async () => {
        ws().post({ channel: ROOM, user: BOB, text: 'Keyboard people use shortcuts too' });
        const message = await openRoom('Keyboard people');
        const more = message.getByRole('button', { name: 'More actions' });
        // Focus it as a keyboard user would reach it; a live update re-rendering the message in
        // between takes the focus away, so it is given again until it holds.
        await expect
          .poll(async () => {
            await more.focus();
            return more.evaluate((el) => el.matches(':focus'));
          }, WAIT)
          .toBe(true);
        await page.keyboard.press('Enter');
        const focused = () => page.evaluate<string>("document.activeElement?.textContent ?? ''");
        await expect.poll(focused, WAIT).toBe('Log as activity');
        await page.keyboard.press('ArrowDown');
        expect(await focused()).toBe('Raise a finding');
        await page.keyboard.press('ArrowDown');
        expect(await focused()).toBe('Log as activity');
        await page.keyboard.press('End');
        expect(await focused()).toBe('Raise a finding');
        await page.keyboard.press('Escape');
        await menu().waitFor({ state: 'hidden', ...WAIT });
        expect(await more.evaluate((el) => el.matches(':focus'))).toBe(true);
        expect(s.received.shortcuts).toHaveLength(0);

        // Up arrow on the button opens on the last item; Enter chooses it.
        await page.keyboard.press('ArrowUp');
        await expect.poll(focused, WAIT).toBe('Raise a finding');
        await page.keyboard.press('Enter');
        await expect
          .poll(() => s.received.shortcuts.map((p) => p.callback_id), WAIT)
          .toEqual(['raise_finding']);
      },
      TEST_MS,
    );

    it(
      'closes the menu on a click elsewhere, and offers none on an ephemeral message',
      async () => {
        ws().post({ channel: ROOM, user: BOB, text: 'Click away from me' });
        ws().post({ channel: ROOM, user: SLACKBOT, text: 'Only for Anna', ephemeralFor: ANNA });
        const message = await openRoom('Click away from me');
        await message.hover();
        await message.getByRole('button', { name: 'More actions' }).click(WAIT);
        await menu().waitFor(WAIT);
        await page.getByRole('heading', { name: '#oversight' }).click();
        await menu().waitFor({ state: 'hidden', ...WAIT });
        const ephemeral = article('Only for Anna');
        await ephemeral.waitFor(WAIT);
        expect(await ephemeral.getByRole('button', { name: 'More actions' }).count()).toBe(0);
        expect(s.received.shortcuts).toHaveLength(0);
      },
      TEST_MS,
    );

    it(
      'shows a published Home (header, sections, buttons, context) whose buttons reach the app, and says when one is not answered',
      async () => {
        ws().views.publishHome(ANNA, HOME_VIEW);
        await page.goto(`${s.standIn.origin}/#${ROOM}`);
        await page
          .getByRole('navigation', { name: 'Channels' })
          .getByRole('link', { name: 'Home', exact: true })
          .click(WAIT);
        await page.getByRole('heading', { name: 'Your units this week' }).waitFor(WAIT);
        await page.getByText('You are liaison for 1 unit.').waitFor(WAIT);
        await shot('home-tab');

        await page.getByRole('button', { name: 'Log activity' }).click(WAIT);
        await expect.poll(() => s.received.actions.length, WAIT).toBe(1);
        const home = ws().views.home(ANNA);
        expect(s.received.actions[0]).toMatchObject({
          type: 'block_actions',
          user: { id: ANNA },
          container: { type: 'view', view_id: home?.id },
          view: { id: home?.id, type: 'home' },
          actions: [{ action_id: 'home_log', block_id: 'unit_moc', type: 'button', value: '{"unit":"moc"}' }],
        });
        await page.getByRole('button', { name: 'Status' }).click(WAIT);
        await expect.poll(() => s.received.actions.length, WAIT).toBe(2);

        await page.getByRole('button', { name: 'Export' }).click(WAIT);
        await page
          .getByRole('alert')
          .filter({ hasText: 'We had some trouble connecting. Try again?' })
          .waitFor(WAIT);
        // The Home is still there, buttons and all.
        await page.getByRole('button', { name: 'Log activity' }).waitFor(WAIT);
        await shot('home-tab-not-answered');
      },
      TEST_MS,
    );
  },
);
