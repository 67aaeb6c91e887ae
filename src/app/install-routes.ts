import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Logger as SlackLogger } from '@slack/logger';
import { type Installation, InstallProvider, ErrorCode as OAuthError } from '@slack/oauth';
import { ErrorCode as WebApiError } from '@slack/web-api';
import type { Logger } from 'pino';
import type { OAuthSettings } from '../config';
import type { Lang } from '../domain/types';
import { type InstallWords, installWords } from '../i18n/install';
import { installationStore, stateStore } from '../slack/install-stores';
import { boltLogger } from '../slack/logger';
import { BOT_SCOPES } from '../slack/scopes';
import type { InstallationRecords } from '../store/installations';
import { installationIdOf } from '../store/installations';
import type { InstallationId } from '../store/keys';

/** Where "Add to Slack" starts and where Slack sends the person back (Bolt's default paths). */
const INSTALL_PATH = '/slack/install';
const REDIRECT_PATH = '/slack/oauth_redirect';

export interface InstallRoutesOptions {
  oauth: OAuthSettings;
  records: InstallationRecords;
  /** SLACK_API_URL: oauth.v2.access is there, and the authorize page next to it. */
  apiUrl: string;
  defaultLang: Lang;
  logger: Logger;
  /** Runs after an installation is stored, before the success page (e.g. the schedules resume). */
  onInstalled(id: InstallationId, installation: Installation): Promise<void>;
  now?: () => number;
}

/**
 * Slack's authorize page for an API URL: slack.com's for the real Slack, and the same path next to
 * `/api/` for a stand-in (the local workspace serves it there).
 */
function authorizationUrl(apiUrl: string): string {
  return new URL('../oauth/v2/authorize', apiUrl).toString();
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** The reader's language from Accept-Language: Chinese when it comes first among en and zh. */
function langOf(req: IncomingMessage, fallback: Lang): Lang {
  const header = String(req.headers['accept-language'] ?? '').toLowerCase();
  const zh = header.search(/\bzh\b|\bzh-/);
  const en = header.search(/\ben\b|\ben-/);
  if (zh >= 0 && (en < 0 || zh < en)) return 'zh';
  if (en >= 0) return 'en';
  return fallback;
}

function page(lang: Lang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-Hans' : 'en'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1d1c1d}
h1{font-size:1.5rem}a.button{display:inline-block;background:#8a1c1c;color:#fff;padding:.6rem 1.2rem;border-radius:6px;text-decoration:none;font-weight:600}
code{background:#f4f4f4;padding:.1rem .3rem;border-radius:3px;white-space:nowrap}section+section{margin-top:2rem;border-top:1px solid #ddd;padding-top:1rem}
</style></head>
<body>${body}</body></html>`;
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    // Nothing to run and nothing to frame: the page is text and one link.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(html);
}

/** The landing page with "Add to Slack", in both languages (it is rendered before anyone is known). */
function addToSlackPage(url: string): string {
  const sections = (['en', 'zh'] as const).map((lang) => {
    const w = installWords(lang);
    return `<section lang="${lang === 'zh' ? 'zh-Hans' : 'en'}"><h1>${escapeHtml(w.title)}</h1><p>${escapeHtml(w.addIntro)}</p>
<p><a class="button" href="${escapeHtml(url)}">${escapeHtml(w.addButton)}</a></p></section>`;
  });
  return page('en', installWords('en').title, sections.join('\n'));
}

/** A line of the next steps: escaped, with the commands between backticks set as code. */
function stepHtml(line: string): string {
  return escapeHtml(line).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function successPage(w: InstallWords, lang: Lang, installation: Installation): string {
  const org = Boolean(installation.isEnterpriseInstall);
  const name = (org ? installation.enterprise?.name : installation.team?.name) ?? '';
  const where = (org ? w.doneOrgWhere : w.doneWhere).replace('{where}', name ? `“${name}”` : '');
  const steps = w.nextSteps.map((s) => `<li>${stepHtml(s)}</li>`).join('');
  return page(
    lang,
    w.doneTitle,
    `<h1>${escapeHtml(w.doneTitle)}</h1><p>${escapeHtml(where)}</p><ol>${steps}</ol>`,
  );
}

/** Why an install did not finish, in the reader's words: the HTTP status, the title and the reason. */
function failureReason(
  w: InstallWords,
  err: { code?: unknown; data?: { error?: unknown } },
): [number, string, string] {
  switch (err.code) {
    case OAuthError.AuthorizationError:
      return [200, w.failedTitle, w.cancelled];
    // A used link may be a person going back to the success page: the title does not say "not installed".
    case OAuthError.InvalidStateError:
    case OAuthError.MissingStateError:
      return [400, w.linkTitle, w.badState];
    case OAuthError.MissingCodeError:
      return [400, w.failedTitle, w.noCode];
    case WebApiError.PlatformError:
      return [502, w.failedTitle, w.refused.replace('{error}', String(err.data?.error ?? 'unknown_error'))];
    default:
      return [500, w.failedTitle, w.unknown];
  }
}

function failurePage(w: InstallWords, lang: Lang, title: string, reason: string): string {
  return page(
    lang,
    title,
    `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(reason)}</p><p><a href="${INSTALL_PATH}">${escapeHtml(w.again)}</a></p>`,
  );
}

/**
 * InstallProvider logs every install that did not finish as an error, a reused link as much as a
 * wrong client secret; the failure page's own line (above) says which at the right level.
 */
function installerLogger(logger: Logger): SlackLogger {
  const base = boltLogger(logger);
  return { ...base, error: base.debug };
}

/**
 * `GET /slack/install` and `GET /slack/oauth_redirect`, run by @slack/oauth's InstallProvider:
 * the state is verified twice (the cookie of the browser that started, and the single-use state
 * in Redis), the code exchanged with oauth.v2.access, the installation stored in Redis.
 */
export function installRoutes(opts: InstallRoutesOptions): CustomRoute[] {
  const now = opts.now ?? Date.now;
  const installer = new InstallProvider({
    clientId: opts.oauth.clientId,
    clientSecret: opts.oauth.clientSecret,
    stateStore: stateStore(opts.records, opts.oauth.stateSecret),
    installationStore: installationStore(opts.records, now),
    authVersion: 'v2',
    authorizationUrl: authorizationUrl(opts.apiUrl),
    clientOptions: { slackApiUrl: opts.apiUrl },
    logger: installerLogger(opts.logger),
    installUrlOptions: { scopes: [...BOT_SCOPES] },
    renderHtmlForInstallPath: addToSlackPage,
  });
  const fail = (req: IncomingMessage, res: ServerResponse, err: unknown) => {
    const lang = langOf(req, opts.defaultLang);
    const w = installWords(lang);
    const [status, title, reason] = failureReason(w, err as { code?: unknown });
    // A person's doing (cancel, an old link) is information; Slack refusing the app's credentials is not.
    const log = status >= 500 ? opts.logger.error.bind(opts.logger) : opts.logger.info.bind(opts.logger);
    log(
      { code: (err as { code?: unknown }).code, status, err: (err as Error).message },
      'an installation did not finish',
    );
    send(res, status, failurePage(w, lang, title, reason));
  };
  return [
    {
      path: INSTALL_PATH,
      method: ['GET'],
      handler: (req, res) => {
        installer.handleInstallPath(req, res).catch((err: unknown) => {
          opts.logger.error({ err }, 'could not start an installation');
          if (!res.headersSent) fail(req, res, err);
        });
      },
    },
    {
      path: REDIRECT_PATH,
      method: ['GET'],
      handler: (req, res) => {
        installer
          .handleCallback(req, res, {
            successAsync: async (installation, _options, request, response) => {
              const stored = installation as Installation;
              await opts.onInstalled(installationIdOf(stored), stored).catch((err: unknown) => {
                opts.logger.error({ err }, 'installed, but could not resume the schedules');
              });
              const lang = langOf(request, opts.defaultLang);
              send(response, 200, successPage(installWords(lang), lang, stored));
            },
            failureAsync: async (err, _options, request, response) => fail(request, response, err),
          })
          .catch((err: unknown) => {
            if (!res.headersSent) fail(req, res, err);
          });
      },
    },
  ];
}
