import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/**
 * Flags Debian's Chromium needs here: as root it runs only without its sandbox, and without the
 * background-networking switches it keeps trying to reach Google's servers and stalls.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Debian's Chromium from PATH (or CHROMIUM_PATH), or null. */
function chromiumPath(): string | null {
  const given = process.env.CHROMIUM_PATH;
  if (given) return existsSync(given) ? given : null;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

/** Why browser tests cannot run here, in one line, or null when they can. */
export function browserSkipReason(): string | null {
  return chromiumPath()
    ? null
    : 'Chromium is not installed (apt-get install -y chromium, or set CHROMIUM_PATH): the browser tests are skipped';
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(browserSkipReason() ?? 'no Chromium');
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}
