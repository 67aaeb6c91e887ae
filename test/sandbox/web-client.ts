import { type Logger, LogLevel, WebAPIPlatformError, WebClient, type WebClientOptions } from '@slack/web-api';
import { expect } from 'vitest';
import type { SlackStandIn } from '../../src/sandbox/slack-stand-in';

/** The refusals under test are logged by WebClient at error level; keep the output about failures. */
export const quiet: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

/** A real @slack/web-api client pointed at the stand-in, as the bot's would be through SLACK_API_URL. */
export function webClient(standIn: SlackStandIn, opts: WebClientOptions = {}): WebClient {
  return new WebClient('xoxb-test', { slackApiUrl: standIn.url, logger: quiet, ...opts });
}

/** The `error` of the Slack refusal `p` rejects with; fails the test when it resolves or fails otherwise. */
export async function platformError(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WebAPIPlatformError);
  return (err as WebAPIPlatformError).data.error;
}
