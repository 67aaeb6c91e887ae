import type { Harness } from './harness';

/** What a person's browser saw going through "Add to Slack". */
export interface InstallRun {
  /** The landing page's status and the authorize URL its button links to. */
  authorizeUrl: URL;
  /** The state cookie the landing page set, as the browser sends it back. */
  cookie: string;
  /** Where Slack's consent page sent the browser: the app's redirect URL with code and state. */
  redirect: string;
  status: number;
  html: string;
}

const unescapeHtml = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/** Opens the app's /slack/install and reads its button's link and the state cookie. */
export interface InstallPage {
  status: number;
  html: string;
  /** The authorize URL its button links to. */
  url: URL;
  cookie: string;
}

export async function openInstallPage(h: Harness): Promise<InstallPage> {
  const res = await fetch(`${h.app.url}/slack/install`);
  const html = await res.text();
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const href = /href="([^"]*\/oauth\/v2\/authorize[^"]*)"/.exec(html)?.[1];
  if (!href) throw new Error(`no authorize link on the install page (${res.status}): ${html.slice(0, 200)}`);
  return { status: res.status, html, url: new URL(unescapeHtml(href)), cookie };
}

/**
 * Installs the app the way a person does: the install page, Slack's consent page (the stand-in's)
 * for `teamId` (org-wide with `org`, Cancel with `deny`), and back to the app's redirect URL with
 * the browser's cookie (another browser's with `cookie`; a page opened earlier with `page`).
 */
export async function installApp(
  h: Harness,
  teamId: string,
  opts: { org?: boolean; deny?: boolean; cookie?: string; page?: InstallPage } = {},
): Promise<InstallRun> {
  const page = opts.page ?? (await openInstallPage(h));
  const consent = new URL(page.url);
  consent.searchParams.set('team', teamId);
  if (opts.org) consent.searchParams.set('org', '1');
  if (opts.deny) consent.searchParams.set('deny', '1');
  const approved = await fetch(consent, { redirect: 'manual' });
  const redirect = approved.headers.get('location');
  if (approved.status !== 302 || !redirect) {
    throw new Error(`consent page answered ${approved.status}: ${await approved.text()}`);
  }
  const cookie = opts.cookie ?? page.cookie;
  const back = await fetch(redirect, { headers: { cookie } });
  return { authorizeUrl: page.url, cookie, redirect, status: back.status, html: await back.text() };
}
