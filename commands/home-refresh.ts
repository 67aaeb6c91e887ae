import type { WebClient } from '@slack/web-api';
import type { AppDeps, HomeRefresh } from '../src/app/deps';
import { NotInstalled } from '../src/domain/errors';
import { clientCache, isDeadToken } from '../src/slack/clients';
import type { TokenSource } from '../src/slack/tokens';
import { publishHome } from './home';

/**
 * How long a republish waits after the change that scheduled it. Every change to the same user's
 * Home meanwhile, in any process, is absorbed by it; the publish reads what they wrote.
 */
const REFRESH_DELAY_MS = 1_500;
/**
 * How long a pending mark lives at most. It is cleared when the publish starts; this only bounds
 * how long the changes of a process that died before publishing go unshown.
 */
const PENDING_MS = 10_000;
/**
 * Changes are gathered this long in the process before the store is asked who to refresh: under
 * load (thousands of logs a second) that is one script call a team every HOME_BATCH_MS, not one a log.
 */
export const HOME_BATCH_MS = 100;

/** The changes of one team gathered since the last flush. */
interface Batch {
  users: Set<string>;
  /** Groups every member of which is concerned. */
  groups: Set<string>;
}

export interface HomeRefreshOptions {
  /** The handlers' dependencies; read when a publish runs (they include this refresh). */
  deps: () => AppDeps;
  /**
   * Where each team's bot token comes from; read when a publish runs. The OAuth source finds a
   * workspace of an org-wide install by its team id alone.
   */
  tokens: () => TokenSource;
  /** The Web API client of a bot token (one is kept per token, src/slack/clients.ts). */
  makeClient: (token: string) => WebClient;
}

/**
 * The App Home refresh without a storm. `changed` gathers the concerned users for HOME_BATCH_MS, then
 * asks the store which of them have opened their Home and have no republish pending, marking them pending (SET NX PX, shared
 * by every process); for those this process publishes once, REFRESH_DELAY_MS later. A burst of 50
 * logs thus publishes each user's Home about once per REFRESH_DELAY_MS of burst, and the last
 * publish starts after the last change's write.
 */
export function createHomeRefresh(opts: HomeRefreshOptions): HomeRefresh {
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let closed = false;

  /** Runs `work` in the background, kept until it settles so that `close` can wait for it. */
  const track = (what: string, work: () => Promise<void>): void => {
    const task = work().catch((err: unknown) => opts.deps().logger.warn({ err }, what));
    running.add(task);
    void task.finally(() => running.delete(task));
  };

  const clientOf = clientCache(opts.makeClient);

  /** The team's client, or null when it has no working token (uninstalled, revoked): nothing to publish. */
  const clientFor = async (teamId: string): Promise<WebClient | null> => {
    try {
      return clientOf((await opts.tokens().botToken({ teamId })).token);
    } catch (err) {
      if (!(err instanceof NotInstalled) && !isDeadToken(err)) throw err;
      opts.deps().logger.debug({ team: teamId, err }, 'no token for the team; App Home not refreshed');
      return null;
    }
  };

  const publish = (teamId: string, userId: string) =>
    track('could not refresh an App Home', async () => {
      const deps = opts.deps();
      const client = await clientFor(teamId);
      if (!client) return;
      // Cleared before reading: a change absorbed until now is in what is read; a later one claims anew.
      await deps.store.forTeam(teamId).homes().startRefresh(userId);
      await publishHome(deps, client, teamId, userId);
    });

  const schedule = (teamId: string, userId: string) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) publish(teamId, userId);
    }, REFRESH_DELAY_MS);
    // A pending refresh never keeps the process alive.
    timer.unref();
    timers.add(timer);
  };

  const batches = new Map<string, Batch>();
  let flushTimer: NodeJS.Timeout | null = null;

  const flush = () => {
    flushTimer = null;
    const teams = [...batches];
    batches.clear();
    for (const [teamId, batch] of teams) {
      track('could not schedule App Home refreshes', async () => {
        const team = opts.deps().store.forTeam(teamId);
        const users = new Set(batch.users);
        for (const groupId of batch.groups) {
          for (const m of await team.getMembers(groupId)) users.add(m.userId);
        }
        const claimed = await team.homes().claimRefresh([...users], PENDING_MS);
        if (!closed) for (const userId of claimed) schedule(teamId, userId);
      });
    }
  };

  return {
    changed(teamId, groupId, userIds) {
      if (closed) return;
      let batch = batches.get(teamId);
      if (!batch) {
        batch = { users: new Set(), groups: new Set() };
        batches.set(teamId, batch);
      }
      if (userIds) for (const u of userIds) batch.users.add(u);
      else batch.groups.add(groupId);
      if (flushTimer) return;
      flushTimer = setTimeout(flush, HOME_BATCH_MS);
      flushTimer.unref();
    },
    async close() {
      closed = true;
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = null;
      batches.clear();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}
