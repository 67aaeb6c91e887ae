import type { WebClient } from '@slack/web-api';
import { SlackRefused } from '../src/domain/errors';
import type { Group } from '../src/domain/types';
import { isTokenRefusal } from '../src/slack/clients';
import { send } from '../src/slack/sender';
import type { TeamStore } from '../src/store/types';
import { MENTIONS, type People } from '../src/views/people';
import type { JobContext } from './context';
import type { DeliveryContext } from './deliver';

/**
 * Names for groups that chose `mention=off`: a `<@U…>` mention always notifies, so their channel
 * posts write names instead. Names come from users.info and are cached in the store, so a post
 * reads them with one MGET and asks Slack only for those not seen within NAME_TTL_MS.
 */

/** Longer than a week, so that each weekly post finds the names the previous one looked up. */
const NAME_TTL_MS = 8 * 24 * 3600_000;
/** A name Slack would not give (user gone, scope missing) is asked for again after a day. */
const UNKNOWN_NAME_TTL_MS = 24 * 3600_000;
/** users.info calls in flight at once: users.info is Tier 4 (100+ a minute). */
const LOOKUPS_AT_ONCE = 4;

/**
 * How the group's channel posts write people: mentions, or the names of its members (liaisons are
 * members). Runs before a delivery is claimed, so lookups never eat into its lease; a 429 stops
 * here (the job waits for `Retry-After`) and the names already found stay cached.
 */
export async function peopleOf(ctx: JobContext, slack: DeliveryContext, group: Group): Promise<People> {
  if (group.liaisonNames !== 'name') return MENTIONS;
  const team = ctx.store.forTeam(group.teamId);
  const ids = (await team.getMembers(group.id)).map((m) => m.userId);
  const names = await team.readNames(ids);
  const missing = ids.filter((id) => !names.has(id));
  for (let i = 0; i < missing.length; i += LOOKUPS_AT_ONCE) {
    const batch = missing.slice(i, i + LOOKUPS_AT_ONCE);
    const found = await Promise.all(
      batch.map(async (id) => [id, await lookUpName(ctx, slack.client, team, id)] as const),
    );
    for (const [id, name] of found) names.set(id, name);
  }
  return { mode: 'name', names };
}

/** The name a reader sees in Slack: the display name, else the full name, else the handle. */
async function lookUpName(
  ctx: JobContext,
  client: WebClient,
  team: TeamStore,
  userId: string,
): Promise<string> {
  try {
    const res = await send(client, (c) => c.users.info({ user: userId }));
    const u = res.user;
    const name = [u?.profile?.display_name, u?.profile?.real_name, u?.real_name, u?.name]
      .map((n) => (typeof n === 'string' ? n.trim() : ''))
      .find((n) => n !== '');
    await team.saveName(userId, name ?? '', NAME_TTL_MS);
    return name ?? '';
  } catch (err) {
    // A dead or expired token names nobody, and posts nothing either: the job stops or is retried.
    if (!(err instanceof SlackRefused) || isTokenRefusal(err)) throw err;
    ctx.logger.warn({ user: userId, error: err.error }, 'no name for a user; the post shows their id');
    await team.saveName(userId, '', UNKNOWN_NAME_TTL_MS);
    return '';
  }
}
