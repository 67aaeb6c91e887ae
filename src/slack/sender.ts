import { ErrorCode, type WebAPICallResult, WebClient, type WebClientOptions } from '@slack/web-api';
import { RateLimited, SlackRefused, SlackUnavailable } from '../domain/errors';

/**
 * Slack Web API calls from background jobs. The queue does the retrying, so the client must not:
 * its default policy retries for about 30 minutes and sleeps through every `Retry-After` while
 * holding the job, hiding the rate limit from the queue. Here a call fails fast and its error
 * says what to do next: wait (RateLimited), retry with backoff (SlackUnavailable) or give up
 * (SlackRefused).
 */

/**
 * `ok:false` errors that are Slack's trouble rather than the request's. Slack documents that with
 * `internal_error` and `fatal_error` part of the operation may have succeeded.
 */
const TRANSIENT = new Map<string, boolean>([
  ['internal_error', true],
  ['fatal_error', true],
  ['service_unavailable', false],
  ['request_timeout', false],
]);

/** Connection errors after which the request surely never reached Slack. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Slack sends whole seconds; a zero or missing value still waits a second rather than spinning. */
const MIN_RETRY_AFTER_MS = 1_000;

export interface JobClientOptions {
  token: string;
  /** SLACK_API_URL, e.g. `https://slack.com/api/`. */
  slackApiUrl: string;
  /** Per-request timeout; a delivery lease must outlast it. Default 10 s. */
  timeoutMs?: number;
  logger?: WebClientOptions['logger'];
}

/** The Web API client for jobs: 429s rejected at once, no retries of its own, a request timeout. */
export function createJobClient(opts: JobClientOptions): WebClient {
  return new WebClient(opts.token, {
    slackApiUrl: opts.slackApiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: opts.timeoutMs ?? 10_000,
    ...(opts.logger ? { logger: opts.logger } : {}),
  });
}

function codeOf(err: unknown): unknown {
  return typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
}

/** The network error code (`ECONNREFUSED`…) of a failed fetch, looking through `cause` chains. */
function networkCode(err: unknown): string | null {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && typeof e === 'object' && e !== null; depth++) {
    const code = codeOf(e);
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    e = (e as { original?: unknown; cause?: unknown }).original ?? (e as { cause?: unknown }).cause;
  }
  return null;
}

/** Maps an error of the Web API client to RateLimited, SlackUnavailable or SlackRefused; others are returned as they are. */
function classifySlackError(err: unknown): unknown {
  const code = codeOf(err);
  if (code === ErrorCode.RateLimitedError) {
    const seconds = Number((err as { retryAfter?: unknown }).retryAfter);
    return new RateLimited(Math.max(MIN_RETRY_AFTER_MS, Number.isFinite(seconds) ? seconds * 1000 : 0));
  }
  if (code === ErrorCode.HTTPError) {
    const status = Number((err as { statusCode?: unknown }).statusCode);
    return status >= 500
      ? new SlackUnavailable(`Slack answered HTTP ${status}`, true)
      : new SlackRefused(`http_${status}`);
  }
  if (code === ErrorCode.RequestError) {
    const net = networkCode(err);
    return new SlackUnavailable(
      `request to Slack failed: ${net ?? (err as Error).message}`,
      !net || !NOT_CONNECTED.has(net),
    );
  }
  if (code === ErrorCode.PlatformError) {
    const error = String((err as { data?: { error?: unknown } }).data?.error ?? 'unknown_error');
    if (error === 'ratelimited') return new RateLimited(MIN_RETRY_AFTER_MS);
    const maybe = TRANSIENT.get(error);
    return maybe === undefined
      ? new SlackRefused(error)
      : new SlackUnavailable(`Slack answered ${error}`, maybe);
  }
  return err;
}

/**
 * Makes one Web API call and maps its failure; e.g.
 * `await send(client, (c) => c.chat.postMessage({ channel, text }))`.
 */
export async function send<T extends WebAPICallResult>(
  client: WebClient,
  call: (client: WebClient) => Promise<T>,
): Promise<T> {
  try {
    return await call(client);
  } catch (err) {
    throw classifySlackError(err);
  }
}
