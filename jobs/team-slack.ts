import type { Logger } from 'pino';
import { teamClients } from '../src/slack/clients';
import { boltLogger } from '../src/slack/logger';
import { createJobClient } from '../src/slack/sender';
import type { TeamRef, TokenSource } from '../src/slack/tokens';
import type { DeliveryContext } from './deliver';

/**
 * Each job talks to Slack as its own workspace's bot: the token is asked of the token source per job
 * (by team and enterprise id, which is all job data carries), and the client is the one kept for that
 * token (src/slack/clients.ts), made as src/slack/sender.ts makes job clients.
 */

export interface TeamSlackOptions {
  tokens: TokenSource;
  /** SLACK_API_URL. */
  apiUrl: string;
  /** Per-request timeout of the job clients; a delivery lease must outlast it. */
  timeoutMs: number;
  leaseMs: number;
  logger: Logger;
}

/** `slackFor` of the jobs' context: the delivery context of `ref`'s workspace; NotInstalled without one. */
export function teamSlack(opts: TeamSlackOptions): (ref: TeamRef) => Promise<DeliveryContext> {
  const slackLogger = boltLogger(opts.logger);
  const clientFor = teamClients(opts.tokens, (token) =>
    createJobClient({ token, slackApiUrl: opts.apiUrl, timeoutMs: opts.timeoutMs, logger: slackLogger }),
  );
  return async (ref) => ({ client: await clientFor(ref), logger: opts.logger, leaseMs: opts.leaseMs });
}
