/**
 * The soak's workspace (scripts/soak.ts): groups with members, units, a few activities this week and
 * a digest and a meeting reminder each, their fires spread over the soak's minutes so that every
 * minute has its share of scheduled work. Written through the store and the product's Scheduling.
 */
import { benchGroup } from '../bench/fixtures';
import type { Scheduling } from '../src/app/deps';
import { addDays, weekStart } from '../src/domain/dates';
import type { MeetingSchedule, Weekday, WeeklySchedule } from '../src/domain/types';
import { localDate } from '../src/domain/zoned-time';
import type { Store } from '../src/store/types';

export const SOAK_TEAM = 'T0SOAK';
export const MEMBERS_PER_GROUP = 5;
export const UNITS_PER_GROUP = 8;
/** Units with activities this week; the others have none, so that reminders ping their liaisons. */
const ACTIVE_UNITS = 4;
const ACTIVITIES_PER_ACTIVE_UNIT = 3;
/** The reminder is posted this long before its meeting. */
const REMIND_MINUTES = 60;
/** Groups seeded at once; ioredis pipelines their writes on its one connection. */
const SEED_CONCURRENCY = 32;

export const groupChannel = (g: number): string => `C0SK${String(g).padStart(5, '0')}`;
/** Member `m` of group `g`; member 0 leads it. */
export const memberOf = (g: number, m: number): string => `U0SK${String(g).padStart(5, '0')}M${m}`;
/** The group of a channel named by {@link groupChannel}, or -1. */
export function groupIndex(channel: string): number {
  return /^C0SK\d{5}$/.test(channel) ? Number(channel.slice(4)) : -1;
}

/** When each group's digest and reminder fire during the soak (epoch ms, by group index). */
export interface SoakFires {
  digest: number[];
  reminder: number[];
}

/** The weekly local time (UTC) of an instant on a whole minute. */
function weeklyAt(at: number): WeeklySchedule {
  const d = new Date(at);
  return { weekday: (((d.getUTCDay() + 6) % 7) + 1) as Weekday, time: d.toISOString().slice(11, 16) };
}

async function pool(count: number, concurrency: number, one: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) await one(i);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** `groups` groups in UTC, each with its members, units and this week's activities; no schedules. */
export async function seedGroups(store: Store, groups: number, now: number): Promise<void> {
  const team = store.forTeam(SOAK_TEAM);
  const monday = weekStart(localDate(now, 'UTC'));
  const days = Math.round((Date.parse(localDate(now, 'UTC')) - Date.parse(monday)) / 86_400_000) + 1;
  await pool(groups, SEED_CONCURRENCY, async (g) => {
    const leader = memberOf(g, 0);
    const actor = { userId: leader, now };
    const id = groupChannel(g);
    const group = benchGroup({
      id,
      teamId: SOAK_TEAM,
      name: `Soak group ${g}`,
      lang: g % 2 ? 'zh' : 'en',
      createdBy: leader,
      createdAt: now - 30 * 86_400_000,
    });
    await team.createGroup(group, actor);
    const members = Array.from({ length: MEMBERS_PER_GROUP - 1 }, (_, m) => ({
      userId: memberOf(g, m + 1),
      role: 'member' as const,
    }));
    await team.putMembers(id, members, actor);
    for (let u = 0; u < UNITS_PER_GROUP; u++) {
      await team.addUnit(
        id,
        {
          key: `u${u}`,
          name: `Unit ${u}`,
          kind: 'ministry',
          liaisons: [memberOf(g, 1 + (u % (MEMBERS_PER_GROUP - 1)))],
          archived: false,
          createdAt: group.createdAt,
        },
        actor,
      );
    }
    for (let i = 0; i < ACTIVE_UNITS * ACTIVITIES_PER_ACTIVE_UNIT; i++) {
      const activity = {
        unitKey: `u${i % ACTIVE_UNITS}`,
        type: 'interview' as const,
        date: addDays(monday, i % days),
        count: 1,
        notes: `seeded ${i}`,
        userId: leader,
        createdAt: now,
      };
      await team.addActivity(id, activity, actor);
    }
  });
}

/**
 * Gives group `g` its digest at the start of soak minute `g % minutes` and its reminder at the start
 * of minute `(g + minutes / 2) % minutes` (its meeting an hour later), from `firstFire` on, through
 * `Scheduling.syncGroup` as `/dudao digest` and `/dudao meeting` do.
 */
export async function scheduleGroups(
  store: Store,
  scheduling: Scheduling,
  groups: number,
  minutes: number,
  firstFire: number,
): Promise<SoakFires> {
  const team = store.forTeam(SOAK_TEAM);
  const fires: SoakFires = { digest: [], reminder: [] };
  const half = Math.floor(minutes / 2);
  await pool(groups, SEED_CONCURRENCY, async (g) => {
    const digestAt = firstFire + (g % minutes) * 60_000;
    const reminderAt = firstFire + ((g + half) % minutes) * 60_000;
    fires.digest[g] = digestAt;
    fires.reminder[g] = reminderAt;
    const meeting: MeetingSchedule = {
      ...weeklyAt(reminderAt + REMIND_MINUTES * 60_000),
      remindMinutes: REMIND_MINUTES,
      skips: [],
    };
    const actor = { userId: memberOf(g, 0), now: Date.now() };
    const group = await team.updateGroup(groupChannel(g), { digest: weeklyAt(digestAt), meeting }, actor);
    if (!group) throw new Error(`group ${groupChannel(g)} is missing`);
    await scheduling.syncGroup(group);
  });
  return fires;
}
