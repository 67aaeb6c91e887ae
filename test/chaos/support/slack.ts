import type { TeamOptions } from '../../../src/sandbox/installs';
import { METHODS } from '../../../src/sandbox/slack-methods';
import { SlackStandIn } from '../../../src/sandbox/slack-stand-in';
import type { SandboxMessage } from '../../../src/sandbox/workspace';

/** The app's OAuth settings at Slack (the stand-in) and in every process. */
export const OAUTH_APP = {
  clientId: '3333333333.4444444444',
  clientSecret: 'chaos-client-secret',
  stateSecret: 'chaos-state-secret-0123456789abcdef',
} as const;

/** Slack as the run sees it: several workspaces, each to install the app in by OAuth. */
export async function startSlack(teams: readonly TeamOptions[]): Promise<SlackStandIn> {
  const slack = new SlackStandIn({
    oauth: { clientId: OAUTH_APP.clientId, clientSecret: OAUTH_APP.clientSecret },
    teams,
  });
  await slack.start();
  return slack;
}

/**
 * "Add to Slack" as a person's browser does it, on one web process: the install page and its state
 * cookie, Slack's consent page for `teamId`, back to the redirect URL. Throws unless it ends in 200.
 */
export async function install(webUrl: string, teamId: string): Promise<void> {
  const page = await fetch(`${webUrl}/slack/install`);
  const html = await page.text();
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const href = /href="([^"]*\/oauth\/v2\/authorize[^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
  if (!href) throw new Error(`no authorize link on the install page (${page.status})`);
  const consent = new URL(href);
  consent.searchParams.set('team', teamId);
  const approved = await fetch(consent, { redirect: 'manual' });
  const redirect = approved.headers.get('location');
  if (approved.status !== 302 || !redirect) throw new Error(`consent page answered ${approved.status}`);
  const back = await fetch(redirect, { headers: { cookie } });
  if (back.status !== 200) throw new Error(`oauth_redirect answered ${back.status}: ${await back.text()}`);
}

/** The Web API methods, the calls the fault windows hit; response_url and uploads are left alone. */
export const WEB_API_METHODS = Object.keys(METHODS);

/** What a delivered message is, read from Slack's side only: its channel and its text. */
export type PostKind = 'digest' | 'reminder' | 'ping' | 'chart' | 'other';

export interface BotPost {
  kind: PostKind;
  /** The group channel, or for a DM the user it went to. */
  to: string;
  ts: string;
  thread_ts?: string;
  text: string;
  /** The delivery marker in the message metadata, or null. */
  marker: string | null;
}

function markerOf(m: SandboxMessage): string | null {
  const payload = (m.metadata as { event_payload?: { delivery?: unknown } } | undefined)?.event_payload;
  return typeof payload?.delivery === 'string' ? payload.delivery : null;
}

function kindOf(m: SandboxMessage, isDm: boolean): PostKind {
  if (m.files?.length) return 'chart';
  if (isDm) return / needs? your attention\.$/.test(m.text) ? 'ping' : 'other';
  if (m.text.startsWith('Weekly digest of ')) return 'digest';
  if (/: the weekly meeting is |: the agenda of the week so far, /.test(m.text)) return 'reminder';
  return 'other';
}

/** Every message the bots posted, in every channel and DM of the workspace, as Slack holds them. */
export function botPosts(slack: SlackStandIn): BotPost[] {
  const ws = slack.workspace;
  return ws
    .snapshot()
    .messages.filter((m) => m.bot_id !== undefined)
    .map((m) => {
      const im = ws.channels.get(m.channel);
      const isDm = im?.isIm === true;
      return {
        kind: kindOf(m, isDm),
        to: isDm ? (im.user ?? m.channel) : m.channel,
        ts: m.ts,
        ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
        text: m.text,
        marker: markerOf(m),
      };
    });
}
