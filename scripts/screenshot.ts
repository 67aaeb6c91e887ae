import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Browser, Page } from 'playwright-core';
import { DEMO_CHANNELS, DEMO_USERS } from '../src/app/demo';
import { type LocalMode, startLocalMode } from '../src/app/local-mode';
import { ensureLocalRedis } from '../src/app/local-redis';
import { loadConfig } from '../src/config';
import { browserSkipReason, launchBrowser } from '../test/support/browser';
import { deleteKeys } from '../test/support/harness';

/**
 * `npm run screenshot`: pictures of local mode for the docs, always of the freshly seeded demo.
 * Starts a local mode of its own (prefix `ddshot`, a temporary workspace file, a free port), drives
 * Chromium to the team lead's `/dudao status` in #audit-team, 王建国's `/dudao 状态` in
 * #第十四指导组 and the liaison Sam's App Home, writes docs/local-mode.png, docs/local-mode-zh.png
 * and docs/local-mode-home.png (1280×800), then stops everything and erases its keys.
 */

const PREFIX = 'ddshot';
const VIEWPORT = { width: 1280, height: 800 };
const WAIT = { timeout: 15_000 };
/** `channel` null is the App Home; `command` null takes the picture as the page first shows it. */
const SHOTS = [
  { file: 'docs/local-mode.png', user: 'U0HELEN', channel: 'audit-team', command: '/dudao status' },
  { file: 'docs/local-mode-zh.png', user: 'U0WANGJG', channel: '第十四指导组', command: '/dudao 状态' },
  { file: 'docs/local-mode-home.png', user: 'U0SAM', channel: null, command: null },
] as const;

/** Erases the data and queue keys of PREFIX (SCAN + UNLINK, never FLUSHDB). */
const eraseKeys = () => deleteKeys([`${PREFIX}:*`, `{${PREFIX}}:*`]);

/** One picture: `user` in `channel` after typing `command`, once its answer is on screen. */
async function picture(browser: Browser, local: LocalMode, shot: (typeof SHOTS)[number]): Promise<void> {
  const channel = shot.channel === null ? null : DEMO_CHANNELS.find((c) => c.name === shot.channel);
  const user = DEMO_USERS.find((u) => u.id === shot.user);
  if (channel === undefined || !user) throw new Error(`the demo has no ${shot.channel} or ${shot.user}`);
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    // The page remembers who was using it; starting as that person avoids a switch in "User"
    // racing the sidebar refresh of the previous person.
    await context.addInitScript(`localStorage.setItem('dudao.user', ${JSON.stringify(user.id)})`);
    const page = await context.newPage();
    await page.goto(channel ? `${local.url}/#${channel.id}` : local.url);
    await open(page, user.id, channel ? `# ${channel.name}` : 'Home');
    const box = page.getByRole('textbox', { name: 'Message' });
    if (shot.command) {
      await box.fill(shot.command);
      await box.press('Enter');
      await page.getByRole('article').filter({ hasText: 'Only visible to you' }).first().waitFor(WAIT);
    } else {
      // The Home as the app publishes it when the tab is opened.
      await page.getByRole('button', { name: 'Log activity' }).first().waitFor(WAIT);
    }
    await page.evaluate('document.fonts.ready');
    // The caret would blink into the picture; Home has no composer.
    if (shot.command) await box.blur();
    await page.screenshot({ path: shot.file });
  } finally {
    await context.close();
  }
}

/** Waits until the page acts as `userId` and shows the conversation of the sidebar link `link`. */
async function open(page: Page, userId: string, link: string): Promise<void> {
  const select = page.getByLabel('User');
  await select.locator(`option[value="${userId}"]`).waitFor({ state: 'attached', ...WAIT });
  if ((await select.inputValue()) !== userId) throw new Error(`the page did not open as ${userId}`);
  const target = page.getByRole('navigation', { name: 'Channels' }).getByRole('link', { name: link });
  await target.click(WAIT);
  await page.locator('#pane-title', { hasText: link.replace('# ', '#') }).waitFor(WAIT);
}

async function main(): Promise<number> {
  if (browserSkipReason()) {
    process.stderr.write(
      'dudao screenshot: Chromium is not installed: apt-get install -y chromium, or set CHROMIUM_PATH\n',
    );
    return 1;
  }
  const config = loadConfig({
    REDIS_URL: process.env.REDIS_URL,
    PORT: '0',
    OPS_PORT: '0',
    LOG_LEVEL: 'silent',
  });
  const stopRedis = config.redisUrlDefaulted ? await ensureLocalRedis() : null;
  const dir = mkdtempSync(join(tmpdir(), 'dudao-shot-'));
  let local: LocalMode | null = null;
  let browser: Browser | null = null;
  try {
    // No keys of the prefix: local mode seeds the demo afresh, whatever a previous run left.
    await eraseKeys();
    local = await startLocalMode({
      config,
      logger: pino({ level: 'silent' }),
      prefix: PREFIX,
      queuePrefix: `{${PREFIX}}`,
      snapshotFile: join(dir, 'workspace.json'),
    });
    browser = await launchBrowser();
    mkdirSync('docs', { recursive: true });
    for (const shot of SHOTS) {
      await picture(browser, local, shot);
      process.stdout.write(`dudao screenshot: wrote ${shot.file}\n`);
    }
    return 0;
  } finally {
    await browser?.close();
    await local?.stop();
    await eraseKeys();
    rmSync(dir, { recursive: true, force: true });
    stopRedis?.();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`dudao screenshot: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
