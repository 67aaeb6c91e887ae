import { dayNumber } from '../domain/dates';
import type { Activity } from '../domain/types';
import {
  paddedId,
  readActivity,
  storedActivity,
  WEEK_COUNTS_TTL_MS,
  weekMember,
  weekOf,
  weekStartDay,
} from './activity-form';
import { auditHeader } from './audit';
import { retryOnConflict, type StoreContext } from './context';
import { REQUEST_TTL_MS, readCreated, requestKeys } from './create-once';
import { checkId, checkUnitKey } from './keys';
import { runScript } from './scripts';
import type { Actor, NewActivity } from './types';

/**
 * How long a user's recent activities stay in their undo index. Undo windows are minutes long;
 * the index is not data (the activity itself never expires), so it may lapse.
 */
const UNDO_INDEX_MS = 24 * 60 * 60 * 1000;
/**
 * How many of a user's latest activities the undo index keeps. Undo takes back the latest one, then
 * the one before, each within minutes of its logging: nobody undoes dozens in a row.
 */
const UNDO_INDEX_ENTRIES = 20;

/**
 * Stores the activity with a new id and indexes it by unit, date and author, in one script.
 * Once per `actor.requestId`: a repeat returns the activity that request logged. Throws
 * UserError('not_member') when the actor is not a member of the group at the moment of the write.
 */
export async function addActivity(
  ctx: StoreContext,
  groupId: string,
  activity: NewActivity,
  actor: Actor,
): Promise<Activity> {
  const { keys } = ctx;
  checkId('user', actor.userId);
  const day = dayNumber(activity.date);
  const week = weekOf(day);
  // The id is taken inside the script, so a crash can leave no half-written activity.
  const reply = await runScript(
    ctx.redis,
    'ddAddActivity',
    [
      keys.group(groupId),
      keys.activities(groupId),
      keys.unitActivities(groupId, checkUnitKey(activity.unitKey)),
      keys.activityWeek(groupId, week),
      keys.activityWeeks(groupId),
      keys.userActivities(groupId, activity.userId),
      keys.audit(groupId),
      keys.members(groupId),
      keys.unitLastContacts(groupId),
      keys.unitWeekCounts(groupId, week),
      ...requestKeys(ctx, actor),
    ],
    [
      ...auditHeader(ctx, actor),
      storedActivity(activity),
      day,
      activity.createdAt,
      activity.createdAt - UNDO_INDEX_MS,
      UNDO_INDEX_MS,
      REQUEST_TTL_MS,
      day - weekStartDay(week),
      week,
      UNDO_INDEX_ENTRIES,
      activity.unitKey,
      WEEK_COUNTS_TTL_MS,
    ],
  );
  const created = readCreated(ctx, groupId, reply);
  if (created.kind === 'repeat' && created.stored !== null) {
    const earlier = readActivity(created.stored, created.id, {
      key: keys.activities(groupId),
      field: paddedId(created.id),
      onCorrupt: ctx.onCorrupt,
    });
    if (earlier) return earlier;
  }
  // A repeat whose activity was undone since answers with what this request asked to log.
  return { id: created.id, ...activity };
}

/**
 * Removes the actor's most recently logged activity if it was logged within `windowMs` of
 * `actor.now`. Each activity is removed at most once, however many undos race.
 */
export function undoLastActivity(
  ctx: StoreContext,
  groupId: string,
  actor: Actor,
  windowMs: number,
): Promise<Activity | null> {
  const { keys, redis } = ctx;
  const userIndex = keys.userActivities(groupId, actor.userId);
  const acts = keys.activities(groupId);
  const oldest = actor.now - windowMs;
  return retryOnConflict('undo', async () => {
    const [member, score] = await redis.zrevrange(userIndex, 0, 0, 'WITHSCORES');
    if (member === undefined || Number(score) < oldest) return null;
    const raw = await redis.hget(acts, member);
    if (raw === null) {
      // An index entry whose activity is gone: drop it and look at the next one.
      await redis.zrem(userIndex, member);
      return 'retry';
    }
    const activity = readActivity(raw, Number(member), {
      key: acts,
      field: member,
      onCorrupt: ctx.onCorrupt,
    });
    if (!activity) return null;
    const day = dayNumber(activity.date);
    const result = await runScript(
      redis,
      'ddUndoActivity',
      [
        userIndex,
        acts,
        keys.unitActivities(groupId, activity.unitKey),
        keys.activitiesByDate(groupId),
        keys.activityWeek(groupId, weekOf(day)),
        keys.activityWeeks(groupId),
        keys.audit(groupId),
        keys.unitLastContacts(groupId),
        keys.unitWeekCounts(groupId, weekOf(day)),
      ],
      [
        ...auditHeader(ctx, actor),
        member,
        raw,
        oldest,
        `activity:${activity.id}`,
        // The audit keeps the whole removed activity, whichever form it was stored in.
        JSON.stringify(activity),
        weekMember(day, activity.id),
        weekOf(day),
        activity.unitKey,
      ],
    );
    if (result === -1) return 'retry';
    return typeof result === 'string' ? activity : null;
  });
}
