import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { pino } from 'pino';
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CHANNELS, DEMO_USERS } from '../../src/app/demo';
import { type LocalMode, startLocalMode } from '../../src/app/local-mode';
import { loadConfig } from '../../src/config';
import { findingStrings } from '../../src/i18n/findings';
import { homeStrings } from '../../src/i18n/home';
import { strings } from '../../src/i18n/index';
import { shortcutStrings } from '../../src/i18n/shortcuts';
import { browserSkipReason, launchBrowser } from '../support/browser';
import { deleteKeys, REDIS_URL } from '../support/harness';

/**
 * The local page as a person uses it, in Chromium, held by the accessible names of SPEC.md's
 * "Local mode". The tests share one local-mode instance and run in order: what the log form
 * records is what "Reset demo" removes at the end.
 */

const reason = browserSkipReason();
if (reason) console.warn(`test/app/local-page.test.ts skipped: ${reason}`);

const person = (id: string) => DEMO_USERS.find((u) => u.id === id)!;
const HELEN = person('U0HELEN');
const SAM = person('U0SAM');
const WANG = person('U0WANGJG');
const AUDIT = DEMO_CHANNELS.find((c) => c.name === 'audit-team')!;
const GROUP14 = DEMO_CHANNELS.find((c) => c.name === '第十四指导组')!;
const EN = strings('en');
const HOME_EN = homeStrings('en');
const FINDINGS_EN = findingStrings('en');
const SHORTCUTS_EN = shortcutStrings('en');
const ZH = strings('zh');

/** Enough for a command's round trip: Socket Mode, the app, a worker, the SSE stream, a re-render. */
const WAIT = { timeout: 10_000 };
const TEST_MS = 60_000;
const SHOTS = '.data/browser';
const HOUSING = 'Housing Authority (housing)';
const CHINESE_NOTES = '走访住建厅，了解老旧小区改造资金使用情况。';

/** The first line of `items`' rendered text that passes `test`, polled until there is one. */
async function lineOf(items: Locator, test: (line: string) => boolean): Promise<string> {
  let found = '';
  await expect
    .poll(async () => {
      found = (await items.allInnerTexts()).flatMap((t) => t.split('\n')).find(test) ?? '';
      return found;
    }, WAIT)
    .not.toBe('');
  return found;
}

/** The element that describes a form control (its error), by the control's aria-describedby. */
function descriptionOf(scope: Locator, control: Locator): Promise<string | null> {
  return control.getAttribute('aria-describedby').then((ids) => {
    const first = (ids ?? '').split(' ')[0];
    return first ? scope.locator(`[id="${first}"]`).textContent() : null;
  });
}

describe.skipIf(reason)(`the local page in Chromium${reason ? ` (skipped: ${reason})` : ''}`, () => {
  const prefix = `t-page-${process.pid}-${randomBytes(3).toString('hex')}`;
  let dir = '';
  let local: LocalMode;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const nav = () => page.getByRole('navigation', { name: 'Channels' });
  const userSelect = () => page.getByLabel('User');
  const box = () => page.getByRole('textbox', { name: 'Message' });
  const articles = () => page.getByRole('article');
  const ephemeral = () => articles().filter({ hasText: 'Only visible to you' });
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

  /** Clicks a sidebar link and waits until the page shows that conversation. */
  async function openLink(name: string): Promise<void> {
    const link = nav().getByRole('link', { name, exact: true });
    await link.click(WAIT);
    await expect.poll(() => link.getAttribute('aria-current'), WAIT).toBe('page');
  }

  /** Opens the page, picks `who` in "User" unless already chosen, and opens the sidebar link `name`. */
  async function open(who: { id: string }, name: string): Promise<void> {
    await page.goto(local.url);
    await userSelect()
      .locator(`option[value="${who.id}"]`)
      .waitFor({ state: 'attached', ...WAIT });
    if ((await userSelect().inputValue()) !== who.id) await userSelect().selectOption(who.id);
    await openLink(name);
  }

  /** Types a line into "Message" and sends it with Enter, as a person would. */
  async function send(text: string): Promise<void> {
    await box().fill(text);
    await box().press('Enter');
    await expect.poll(() => box().inputValue(), WAIT).toBe('');
  }

  /** Sends `/dudao status` and returns its answer, once a new one naming `unit` is shown. */
  async function status(unit: string, command = '/dudao status'): Promise<Locator> {
    const answers = ephemeral().filter({ hasText: unit });
    const before = await answers.count();
    await send(command);
    await expect.poll(() => answers.count(), WAIT).toBe(before + 1);
    return answers.last();
  }

  /** The Housing Authority's line of a status answer: the demo never visited it. */
  const housingLine = (answer: Locator) => lineOf(answer, (l) => l.includes(HOUSING));

  /** No serious or critical axe violation (WCAG 2.1 A and AA) on the page as it is now. */
  async function axeCheck(where: string): Promise<void> {
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${where}: ${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(' ')}`);
    expect(bad).toEqual([]);
  }

  /** Marks the document, so a test can tell that what it saw came without a reload. */
  const markDocument = () => page.evaluate("document.body.dataset.testMark = 'kept'");
  const markKept = () => page.evaluate('document.body.dataset.testMark');

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'dudao-page-'));
    local = await startLocalMode({
      config: loadConfig({ REDIS_URL, PORT: '0', OPS_PORT: '0', LOG_LEVEL: 'silent' }),
      logger: pino({ level: 'silent' }),
      prefix,
      queuePrefix: `{${prefix}}`,
      snapshotFile: join(dir, 'workspace.json'),
    });
    browser = await launchBrowser();
  }, TEST_MS);

  afterAll(async () => {
    await browser?.close();
    await local?.stop();
    await deleteKeys([`${prefix}:*`, `{${prefix}}:*`]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, TEST_MS);

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page = await context.newPage();
    pageErrors.length = 0;
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterEach(async () => {
    await context?.close();
    // An error thrown by the page's script fails the test even when what it looked at was right.
    expect(pageErrors).toEqual([]);
  });

  it(
    'loads as the team lead, with every demo person in "User" and her channels in "Channels"',
    async () => {
      await page.goto(local.url);
      const options = userSelect().locator('option');
      await options.nth(DEMO_USERS.length - 1).waitFor({ state: 'attached', ...WAIT });
      const labels = await options.allTextContents();
      expect(labels).toEqual(DEMO_USERS.map((u) => `${u.realName} · ${u.title}`));
      expect(await userSelect().inputValue()).toBe(HELEN.id);

      for (const name of ['# audit-team', '# general', 'dudao', 'Home'])
        await nav().getByRole('link', { name, exact: true }).waitFor(WAIT);
      expect(
        await nav()
          .getByRole('link', { name: `# ${GROUP14.name}` })
          .count(),
      ).toBe(0);
      await shot('01-loaded-as-helen');
    },
    TEST_MS,
  );

  it(
    'switches to 王建国 in "User": his group 第十四指导组 is in "Channels", and he stays chosen',
    async () => {
      await page.goto(local.url);
      await userSelect()
        .locator(`option[value="${WANG.id}"]`)
        .waitFor({ state: 'attached', ...WAIT });
      await nav().getByRole('link', { name: '# audit-team' }).waitFor(WAIT);

      // Answers may come back in any order. Hold the new person's sidebar until the page has
      // asked for anything else, and answer any reload of the previous person's sidebar last: the
      // person just chosen must still be the one shown.
      let previousAsked: () => void = () => {};
      const previousAskedFor = new Promise<void>((resolve) => {
        previousAsked = resolve;
      });
      let chosenAnswered: () => void = () => {};
      const chosenDone = new Promise<void>((resolve) => {
        chosenAnswered = resolve;
      });
      const late: Promise<Request>[] = [];
      await page.route(`**/page/state?user=${HELEN.id}`, async (route) => {
        previousAsked();
        late.push(page.waitForEvent('requestfinished', { predicate: (r) => r === route.request(), ...WAIT }));
        await chosenDone;
        await route.continue();
      });
      await page.route(`**/page/state?user=${WANG.id}`, async (route) => {
        const response = await route.fetch();
        await Promise.race([previousAskedFor, new Promise((r) => setTimeout(r, 1_000))]);
        await route.fulfill({ response });
        chosenAnswered();
      });

      await userSelect().selectOption(WANG.id);
      await chosenDone;
      await nav()
        .getByRole('link', { name: `# ${GROUP14.name}` })
        .waitFor(WAIT);
      await Promise.all(late);
      // Two frames after the last answer: whatever the page did with it is on screen.
      await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
      expect(await userSelect().inputValue()).toBe(WANG.id);
      expect(
        await nav()
          .getByRole('link', { name: `# ${GROUP14.name}` })
          .count(),
      ).toBe(1);
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await shot('01-switched-to-wang');
    },
    TEST_MS,
  );

  it(
    'has no serious accessibility problems (axe, WCAG 2.1 A and AA): a status, and the log form with its errors',
    async () => {
      const check = axeCheck;
      await open(HELEN, '# audit-team');
      await status('Water Utility');
      await check('status');
      await send('/dudao log');
      const dialog = page.getByRole('dialog', { name: 'Log activity' });
      await dialog.waitFor(WAIT);
      await dialog.getByRole('button', { name: 'Log' }).click();
      await dialog.getByText('Please complete this required field.').first().waitFor(WAIT);
      await check('log form with errors');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden', ...WAIT });
      await open(WANG, `# ${GROUP14.name}`);
      await status('省财政厅', '/dudao 状态');
      await check('a status in Chinese');
    },
    TEST_MS,
  );

  it(
    'catches up after its live stream was cut: a message posted meanwhile appears without a reload',
    async () => {
      await open(HELEN, '# audit-team');
      await markDocument();
      await context.setOffline(true);
      // Posted while the page cannot hear of it (someone else's message, through the workspace).
      const other = AUDIT.members.find((m) => m !== HELEN.id)!;
      await local.standIn.people.send(other, AUDIT.id, 'posted while the page was offline');
      await page.waitForTimeout(300);
      await context.setOffline(false);
      await articles().filter({ hasText: 'posted while the page was offline' }).waitFor(WAIT);
      expect(await markKept()).toBe('kept');
    },
    TEST_MS,
  );

  it(
    'answers "/dudao status" in #audit-team to the leader only, listing the units',
    async () => {
      await open(HELEN, '# audit-team');
      const answer = await status('Water Utility');
      const text = (await answer.textContent()) ?? '';
      expect(text).toContain('Only visible to you');
      expect(text).toContain('Northern Region Audit Team');
      for (const unit of ['Finance Department', 'Water Utility', 'City Hospital', HOUSING])
        expect(text).toContain(unit);
      expect(await housingLine(answer)).toContain('never contacted');
      await shot('02-status-as-leader');
    },
    TEST_MS,
  );

  it(
    'opens "Log activity" from "/dudao log", shows errors under their fields, and logs',
    async () => {
      await open(HELEN, '# audit-team');
      await send('/dudao log');
      const dialog = page.getByRole('dialog', { name: EN.modal.title });
      await dialog.waitFor(WAIT);
      await shot('03-log-dialog-open');

      // Nothing chosen: the workspace refuses the empty required field, as Slack's client does.
      const submit = dialog.getByRole('button', { name: EN.modal.submit });
      await submit.click();
      const unit = dialog.getByLabel(EN.modal.unit);
      await expect.poll(() => unit.getAttribute('aria-invalid'), WAIT).toBe('true');
      expect(await descriptionOf(dialog, unit)).toBe('Please complete this required field.');
      await shot('03-log-dialog-required');

      // A date in the future is refused by the app, under the Date field, and the rest is kept.
      await unit.selectOption({ label: HOUSING });
      await dialog.getByLabel(EN.modal.type).selectOption({ label: 'field research' });
      const date = dialog.getByLabel(EN.modal.date);
      const today = await date.inputValue();
      expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      await date.fill(tomorrow);
      await dialog.getByLabel(EN.modal.notes).fill('Met the housing director about the repairs backlog');
      await submit.click();
      await expect.poll(() => date.getAttribute('aria-invalid'), WAIT).toBe('true');
      expect(await descriptionOf(dialog, date)).toBe(EN.formErrors.futureDate);
      expect(await unit.getAttribute('aria-invalid')).toBeNull();
      expect(await unit.locator('option:checked').textContent()).toBe(HOUSING);
      expect(await dialog.getByLabel(EN.modal.notes).inputValue()).toContain('repairs backlog');
      await shot('03-log-dialog-future-date');

      await date.fill(today);
      await submit.click();
      await dialog.waitFor({ state: 'hidden', ...WAIT });
      const confirmation = articles().filter({ hasText: 'Logged:' }).filter({ hasText: 'Housing Authority' });
      await confirmation.first().waitFor(WAIT);
      expect(await confirmation.first().textContent()).toContain('repairs backlog');
      await shot('03-log-confirmed');

      const line = await housingLine(await status('Housing Authority'));
      expect(line).toContain('last contact today');
      expect(line).toContain('1 this week');
      await shot('03-status-after-log');
    },
    TEST_MS,
  );

  it(
    'posts the digest of "/dudao digest now" to the channel, live, for everyone to see',
    async () => {
      await open(HELEN, '# audit-team');
      await markDocument();
      const digests = articles().filter({ has: page.getByRole('heading', { name: /^Weekly digest/ }) });
      const before = await digests.count();
      await send('/dudao digest now');
      await expect.poll(() => digests.count(), WAIT).toBe(before + 1);
      const text = (await digests.last().textContent()) ?? '';
      expect(text).not.toContain('Only visible to you');
      expect(text).toContain('Northern Region Audit Team');
      expect(await markKept()).toBe('kept');
      await shot('04-digest-live');
    },
    TEST_MS,
  );

  it(
    'pings Sam after "/dudao remind now"; his "Nothing to report" updates that same DM',
    async () => {
      await open(HELEN, '# audit-team');
      const reminders = articles().filter({ has: page.getByRole('heading', { name: /^Meeting reminder/ }) });
      const before = await reminders.count();
      await send('/dudao remind now');
      await expect.poll(() => reminders.count(), WAIT).toBe(before + 1);
      await shot('05-reminder-in-channel');

      await userSelect().selectOption(SAM.id);
      await nav()
        .getByRole('link', { name: `# ${AUDIT.name}`, exact: true })
        .waitFor(WAIT);
      await openLink('dudao');
      const ping = articles()
        .filter({ hasText: 'Water Utility' })
        .filter({ has: page.getByRole('button', { name: 'Nothing to report' }) })
        .last();
      await ping.waitFor(WAIT);
      const ts = await ping.getAttribute('data-ts');
      const waterRow = page.locator(`article[data-ts="${ts}"] button[data-block-id="ping_unit:water"]`);
      expect(await waterRow.allTextContents()).toEqual(['Log activity', 'Nothing to report', 'Snooze 1 day']);
      await markDocument();
      await shot('05-sam-dm-ping');

      await waterRow.filter({ hasText: 'Nothing to report' }).click();
      const same = page.locator(`article[data-ts="${ts}"]`);
      await expect.poll(() => waterRow.count(), WAIT).toBe(0);
      await same.getByText(/Nothing to report: recorded/).waitFor(WAIT);
      expect(await same.textContent()).toContain('Water Utility');
      expect(await markKept()).toBe('kept');
      await shot('05-sam-dm-answered');
    },
    TEST_MS,
  );

  it(
    'speaks Chinese in 第十四指导组: "/dudao 状态", the log form with Chinese notes, the confirmation',
    async () => {
      await open(WANG, `# ${GROUP14.name}`);
      const answer = await status('省财政厅', '/dudao 状态');
      const text = (await answer.textContent()) ?? '';
      expect(text).toContain('仅你可见');
      expect(text).toContain('第十四指导组');
      expect(text).toContain('联系单位 7 个');
      expect(await lineOf(answer, (l) => l.includes('省住房城乡建设厅'))).toContain('从未联系');
      await shot('06-zh-status');

      await send('/dudao 记录');
      const dialog = page.getByRole('dialog', { name: ZH.modal.title });
      await dialog.waitFor(WAIT);
      const submit = dialog.getByRole('button', { name: ZH.modal.submit });
      await submit.click();
      const unit = dialog.getByLabel(ZH.modal.unit);
      await expect.poll(() => unit.getAttribute('aria-invalid'), WAIT).toBe('true');
      expect(await descriptionOf(dialog, unit)).toBe('请填写此必填字段。');
      await shot('06-zh-log-required');

      await unit.selectOption({ label: '省住房城乡建设厅 (zjt)' });
      await dialog.getByLabel(ZH.modal.type).selectOption({ label: '调研' });
      await dialog.getByLabel(ZH.modal.notes).click();
      await page.keyboard.type(CHINESE_NOTES);
      expect(await dialog.getByLabel(ZH.modal.notes).inputValue()).toBe(CHINESE_NOTES);
      await shot('06-zh-log-filled');
      await submit.click();
      await dialog.waitFor({ state: 'hidden', ...WAIT });
      const confirmation = articles().filter({ hasText: '已记录' }).filter({ hasText: '省住房城乡建设厅' });
      await confirmation.first().waitFor(WAIT);
      expect(await confirmation.first().textContent()).toContain(CHINESE_NOTES);
      await shot('06-zh-log-confirmed');
    },
    TEST_MS,
  );

  it(
    'shows Sam his units on Home; "Log activity" opens the form with his units first; the log shows on Home',
    async () => {
      await open(SAM, 'Home');
      const home = page.getByRole('region', { name: 'Messages' });
      const logButton = home.getByRole('button', { name: HOME_EN.logButton });
      await logButton.waitFor(WAIT);
      const water = () => lineOf(home, (l) => l.includes('Water Utility'));
      expect(await water()).toContain('last contact 11 days ago');
      expect(await home.textContent()).toContain('Your units (2)');
      await shot('10-home-sam');

      await logButton.click();
      const dialog = page.getByRole('dialog', { name: EN.modal.title });
      await dialog.waitFor(WAIT);
      const unit = dialog.getByLabel(EN.modal.unit);
      // His two units come first, before the group's others.
      const options = (await unit.locator('option').allTextContents()).filter((o) => o.includes('('));
      expect(options.slice(0, 2).sort()).toEqual(['City Hospital (hospital)', 'Water Utility (water)']);
      await unit.selectOption({ label: 'Water Utility (water)' });
      await dialog.getByLabel(EN.modal.type).selectOption({ label: 'interview' });
      await dialog.getByLabel(EN.modal.notes).fill('Walked the pump station with the duty engineer');
      await dialog.getByRole('button', { name: EN.modal.submit }).click();
      await dialog.waitFor({ state: 'hidden', ...WAIT });
      // The Home is published again after the log, without opening the tab anew.
      await expect.poll(water, WAIT).toContain('last contact today');
      await shot('10-home-sam-after-log');
    },
    TEST_MS,
  );

  it(
    'raises a finding from a message with "More actions": its text, the unit it names and a link back',
    async () => {
      await open(HELEN, '# audit-team');
      const said = 'Water Utility: the pump maintenance log has gaps since March';
      await send(said);
      const message = articles().filter({ hasText: said }).last();
      await message.waitFor(WAIT);
      await message.getByRole('button', { name: 'More actions' }).click();
      await page.getByRole('menuitem', { name: 'Raise a finding' }).click();
      const dialog = page.getByRole('dialog', { name: SHORTCUTS_EN.finding.title });
      await dialog.waitFor(WAIT);
      expect(await dialog.getByLabel(SHORTCUTS_EN.finding.text).inputValue()).toBe(said);
      const unit = dialog.getByLabel(EN.modal.unit);
      expect(await unit.locator('option:checked').textContent()).toBe('Water Utility (water)');
      const back = dialog.getByRole('link', { name: 'this message' });
      expect(await back.getAttribute('href')).toMatch(/\/archives\/C[A-Z0-9]+\/p\d+/);
      await shot('11-raise-finding-form');

      await dialog.getByRole('button', { name: SHORTCUTS_EN.finding.submit }).click();
      await dialog.waitFor({ state: 'hidden', ...WAIT });
      const confirmation = ephemeral().filter({ hasText: 'pump maintenance log' }).last();
      await confirmation.waitFor(WAIT);
      expect(await confirmation.getByRole('link', { name: 'this message' }).count()).toBe(1);

      const lists = ephemeral().filter({ has: page.getByRole('heading', { name: 'Findings' }) });
      const before = await lists.count();
      await send('/dudao finding list');
      await expect.poll(() => lists.count(), WAIT).toBe(before + 1);
      const listed = await lineOf(lists.last(), (l) => l.includes('pump maintenance log'));
      expect(listed).toContain('Water Utility');
      await shot('11-finding-listed');
    },
    TEST_MS,
  );

  it(
    'Sam marks his finding done from Home with a file attached; Helen verifies it from hers',
    async () => {
      const rota = 'No named owner for the agency staff rota controls';
      await open(SAM, 'Home');
      const home = page.getByRole('region', { name: 'Messages' });
      const row = home.locator('.bk-section', { hasText: rota });
      await row.getByRole('button', { name: FINDINGS_EN.buttons.done }).click(WAIT);
      const dialog = page.getByRole('dialog', { name: FINDINGS_EN.form.title.done });
      await dialog.waitFor(WAIT);
      expect(await dialog.textContent()).toContain(rota);
      await dialog
        .getByLabel(FINDINGS_EN.form.notes.done)
        .fill('Named the ward manager as owner; signed rota attached');
      const evidence = dialog.getByLabel(FINDINGS_EN.form.files);
      expect(await evidence.getAttribute('type')).toBe('file');
      await evidence.setInputFiles({
        name: 'rota-controls.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4 signed rota'),
      });
      await shot('12-finding-step-form');
      await axeCheck('the step form with a file chosen');
      await dialog.getByRole('button', { name: FINDINGS_EN.form.submit.done }).click();
      await dialog.waitFor({ state: 'hidden', ...WAIT });
      await expect.poll(() => row.getByRole('button').count(), WAIT).toBe(0);
      await openLink('dudao');
      await articles()
        .filter({ hasText: 'is marked done' })
        .filter({ hasText: 'City Hospital' })
        .first()
        .waitFor(WAIT);

      await userSelect().selectOption(HELEN.id);
      await nav().getByRole('link', { name: 'Home', exact: true }).waitFor(WAIT);
      await openLink('Home');
      const verify = home
        .locator('.bk-section', { hasText: rota })
        .getByRole('button', { name: FINDINGS_EN.buttons.verify });
      await verify.click(WAIT);
      await openLink('dudao');
      const id = /#(\d+)/.exec(await lineOf(articles(), (l) => l.includes('is verified and closed')))?.[1];
      await shot('12-finding-verified');

      await openLink(`# ${AUDIT.name}`);
      const shows = ephemeral().filter({ hasText: rota });
      const before = await shows.count();
      await send(`/dudao finding show ${id}`);
      await expect.poll(() => shows.count(), WAIT).toBe(before + 1);
      const link = shows.last().getByRole('link', { name: 'rota-controls.pdf' }).first();
      const href = (await link.getAttribute('href')) ?? '';
      expect(href).toMatch(/\/files\/F[A-Z0-9]+\/rota-controls\.pdf$/);
      expect(await (await page.request.get(href)).text()).toBe('%PDF-1.4 signed rota');
      expect(await shows.last().textContent()).toContain('closed');
    },
    TEST_MS,
  );

  it(
    'uploads a CSV for "/dudao export" whose download holds the seeded and the new notes',
    async () => {
      await open(HELEN, '# audit-team');
      const links = page.locator('article a[download][href^="/files/"]');
      const before = await links.count();
      await send('/dudao export');
      await expect.poll(() => links.count(), WAIT).toBe(before + 1);
      const link = links.last();
      expect(await link.getAttribute('href')).toMatch(/^\/files\/[^/]+\/[^/]+\.csv$/);
      await shot('07-export-link');

      const [download] = await Promise.all([page.waitForEvent('download', WAIT), link.click()]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const file = join(dir, download.suggestedFilename());
      await download.saveAs(file);
      const csv = readFileSync(file, 'utf8');
      expect(csv).toContain('2027 budget plan');
      expect(csv).toContain('repairs backlog');
    },
    TEST_MS,
  );

  it(
    '"Reset demo" brings back the seeded demo: the activity logged above is gone',
    async () => {
      await open(HELEN, '# audit-team');
      expect(await housingLine(await status('Housing Authority'))).toContain('last contact today');

      page.once('dialog', (d) => void d.accept());
      await page.getByRole('button', { name: 'Reset demo' }).click();
      await page.getByText('No messages yet.').waitFor(WAIT);
      await shot('08-reset');

      const line = await housingLine(await status('Housing Authority'));
      expect(line).toContain('never contacted');
      expect(line).toContain('0 this week');
      await shot('08-status-after-reset');
    },
    TEST_MS,
  );

  it(
    '"Reset demo" says in the page’s status line that the demo is as first seeded',
    async () => {
      await open(HELEN, '# audit-team');
      page.once('dialog', (d) => void d.accept());
      await page.getByRole('button', { name: 'Reset demo' }).click();
      await page.getByText('No messages yet.').waitFor(WAIT);
      // A command answered live means the page is settled on its new event stream.
      await status('Housing Authority');
      expect(await page.getByRole('status').textContent()).toBe('The demo is as it was first seeded.');
      await shot('09-reset-status-line');
    },
    TEST_MS,
  );
  it(
    'stays open across a restart of local mode: the page reconnects and shows what was kept',
    async () => {
      await open(HELEN, '# audit-team');
      await send('before the restart');
      await articles().filter({ hasText: 'before the restart' }).waitFor(WAIT);
      await markDocument();
      const port = String(local.port);
      await local.stop();
      local = await startLocalMode({
        config: loadConfig({ REDIS_URL, PORT: port, OPS_PORT: '0', LOG_LEVEL: 'silent' }),
        logger: pino({ level: 'silent' }),
        prefix,
        queuePrefix: `{${prefix}}`,
        snapshotFile: join(dir, 'workspace.json'),
      });
      // Without a reload: the page's stream comes back to the new process and it draws again.
      await send('after the restart');
      await articles().filter({ hasText: 'after the restart' }).waitFor(WAIT);
      expect(await articles().filter({ hasText: 'before the restart' }).count()).toBe(1);
      await status('Housing Authority');
      expect(await markKept()).toBe('kept');
      await shot('10-after-restart');
    },
    TEST_MS,
  );
});
