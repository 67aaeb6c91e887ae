import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { TokenSource } from '../src/slack/tokens';
import { JOB_OPTIONS } from './queues';

/**
 * Rotating tokens (OAuth installs with token rotation) last 12 hours. Each is refreshed when a job
 * asks for it close to its expiry, but a workspace with no job for hours would then reach its
 * expiry first: this periodic job refreshes whatever expires within the window, so a token in use
 * never lapses. The window covers four intervals: a refresh that fails (Slack down) is tried again
 * by the next runs well before the token expires.
 */
export const TOKEN_REFRESH = {
  schedulerId: 'refresh-tokens',
  everyMs: 30 * 60_000,
  windowMs: 2 * 3600_000,
} as const;

/** Fewer attempts than other jobs: the next run, an interval later, does the same work. */
const REFRESH_JOB_OPTIONS = { ...JOB_OPTIONS, attempts: 3 };

/**
 * Keeps the refresh scheduler on `queue` (`tokens`) as the token source needs: one, every
 * TOKEN_REFRESH.everyMs, with OAuth; none with a single token. Left alone when already so: an
 * upsert on every worker start would replace its pending job.
 */
export async function syncTokenRefresh(queue: Queue, mode: TokenSource['mode']): Promise<void> {
  const id = TOKEN_REFRESH.schedulerId;
  if (mode !== 'oauth') {
    await queue.removeJobScheduler(id);
    return;
  }
  const current = await queue.getJobScheduler(id);
  if (current?.every === TOKEN_REFRESH.everyMs) return;
  await queue.upsertJobScheduler(
    id,
    { every: TOKEN_REFRESH.everyMs },
    { name: 'refresh', data: {}, opts: REFRESH_JOB_OPTIONS },
  );
}

/** The refresh job: every rotating token that expires within TOKEN_REFRESH.windowMs, refreshed once. */
export function refreshTokensHandler(tokens: TokenSource, logger: Logger) {
  return async (): Promise<string> => {
    const refreshed = await tokens.refreshExpiring(TOKEN_REFRESH.windowMs);
    if (refreshed > 0) logger.info({ refreshed }, 'refreshed rotating tokens');
    return refreshed > 0 ? 'refreshed' : 'nothing';
  };
}
