import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DEMO_CHANNELS, DEMO_TEAM, DEMO_USERS, isDemoSeeded, resetDemo, seedDemo } from '../../src/app/demo';
import { addDays, weekEnd, weekStart } from '../../src/domain/dates';
import { isOverdueFinding, toRectify } from '../../src/domain/finding-states';
import { isSlackId } from '../../src/domain/ids';
import { ACTIVITY_TYPES, type Group } from '../../src/domain/types';
import { instantOf, localDate } from '../../src/domain/zoned-time';
import { teamKeys } from '../../src/store/keys';
import { createRedis } from '../../src/store/redis';
import { RedisStore } from '../../src/store/redis-store';
import { deleteKeys, REDIS_URL, uniquePrefix } from '../store/fixture';

const prefix = uniquePrefix();
const redis = createRedis(REDIS_URL);
const store = new RedisStore({ redis, prefix });
const team = store.forTeam(DEMO_TEAM.id);
const keys = teamKeys(prefix, DEMO_TEAM.id);

/** What the queue layer was asked to schedule, in order. */
let calls: Group[] = [];
const scheduling = {
  syncGroup: async (group: Group) => {
    calls.push(group);
  },
};

afterEach(async () => {
  calls = [];
  await deleteKeys(redis, prefix);
});
afterAll(() => store.close());

/** Wednesday 13 May 2026, 10:00 in London and 17:00 in Shanghai. */
const NOW = Date.UTC(2026, 4, 13, 9);

const channel = (name: string) => {
  const found = DEMO_CHANNELS.find((c) => c.name === name);
  if (!found) throw new Error(`no demo channel #${name}`);
  return found;
};
const GROUPS = [
  { channel: channel('audit-team'), name: 'Northern Region Audit Team', tz: 'Europe/London', lang: 'en' },
  { channel: channel('第十四指导组'), name: '第十四指导组', tz: 'Asia/Shanghai', lang: 'zh' },
] as const;

/** Everything a user could count in a group, plus the audit trail's length (any write adds to it). */
async function snapshot(groupId: string, today: string) {
  return {
    members: await team.getMembers(groupId),
    units: (await team.listUnits(groupId, { includeArchived: true })).length,
    activities: (await team.activitiesBetween(groupId, addDays(today, -60), today)).length,
    findings: await team.listFindings(groupId),
    audit: await redis.xlen(keys.audit(groupId)),
  };
}

describe('the demo workspace', () => {
  it('has Slack-shaped, unique ids; every channel member is a demo user; #general has everyone', () => {
    const userIds = DEMO_USERS.map((u) => u.id);
    for (const id of userIds) expect(isSlackId(id) && id.startsWith('U'), id).toBe(true);
    for (const c of DEMO_CHANNELS) expect(isSlackId(c.id) && c.id.startsWith('C'), c.id).toBe(true);
    expect(isSlackId(DEMO_TEAM.id) && DEMO_TEAM.id.startsWith('T')).toBe(true);
    expect(new Set(userIds).size).toBe(userIds.length);
    expect(new Set(DEMO_CHANNELS.map((c) => c.id)).size).toBe(DEMO_CHANNELS.length);
    for (const c of DEMO_CHANNELS) {
      expect(c.name).toMatch(/^[^\sA-Z]+$/u);
      for (const m of c.members) expect(userIds).toContain(m);
    }
    expect(channel('general').members.sort()).toEqual([...userIds].sort());
    const inAGroup = new Set(GROUPS.flatMap((g) => g.channel.members));
    expect(DEMO_USERS.filter((u) => !inAGroup.has(u.id)).map((u) => u.realName)).toEqual(['Olivia Park']);
  });

  it('speaks each group’s language: English people in #audit-team, Chinese people in the Chinese group', () => {
    const locale = new Map(DEMO_USERS.map((u) => [u.id, u]));
    for (const id of GROUPS[0].channel.members) expect(locale.get(id)?.locale).toBe('en-US');
    for (const id of GROUPS[1].channel.members) {
      expect(locale.get(id)?.locale).toBe('zh-CN');
      expect(locale.get(id)?.realName).toMatch(/^\p{Script=Han}+$/u);
    }
  });
});

describe('seedDemo', () => {
  it('creates both groups with their people, units, schedules and a week of work', async () => {
    expect(await isDemoSeeded(store)).toBe(false);
    await seedDemo({ store, scheduling, now: NOW });
    expect(await isDemoSeeded(store)).toBe(true);

    for (const spec of GROUPS) {
      const id = spec.channel.id;
      const group = await team.getGroup(id);
      expect(group).toMatchObject({ id, name: spec.name, tz: spec.tz, lang: spec.lang, coverageDays: 7 });
      expect(group?.meeting).toMatchObject({ remindMinutes: 60, skips: [] });
      expect(group?.digest).not.toBeNull();

      const members = await team.getMembers(id);
      const roles = members.map((m) => m.role);
      expect(roles).toEqual(['leader', 'deputy', 'member', 'member', 'liaison', 'liaison', 'liaison']);
      const leader = members[0]!.userId;
      expect(group?.createdBy).toBe(leader);
      expect((await team.groupForChannel(id, leader))?.member?.role).toBe('leader');
      expect(members.map((m) => m.userId).sort()).toEqual([...spec.channel.members].sort());
      for (const m of members) expect(await team.groupsOfUser(m.userId)).toEqual([id]);

      const units = await team.listUnits(id);
      expect(units.length).toBeGreaterThanOrEqual(6);
      expect(units.length).toBeLessThanOrEqual(8);
      const memberIds = members.map((m) => m.userId);
      for (const unit of units) {
        expect(unit.kind).not.toBe('');
        expect(unit.liaisons.length).toBeGreaterThanOrEqual(1);
        expect(unit.liaisons.length).toBeLessThanOrEqual(2);
        for (const l of unit.liaisons) expect(memberIds).toContain(l);
      }
      // Every liaison-only member has units: their standing comes from them.
      for (const m of members.filter((x) => x.role === 'liaison'))
        expect(units.some((u) => u.liaisons.includes(m.userId))).toBe(true);
    }
    expect(calls.map((g) => g.id)).toEqual(GROUPS.map((g) => g.channel.id));
    for (const g of calls) {
      expect(g.meeting).not.toBeNull();
      expect(g.digest).not.toBeNull();
    }
  });

  it('logs a varied week by different people, dated in the group’s last 7 days and logged before now', async () => {
    await seedDemo({ store, scheduling, now: NOW });
    for (const spec of GROUPS) {
      const id = spec.channel.id;
      const today = localDate(NOW, spec.tz);
      const week = await team.activitiesBetween(id, addDays(today, -6), today);
      expect(week.length).toBeGreaterThanOrEqual(12);
      expect(week.length).toBeLessThanOrEqual(16);
      expect(new Set(week.map((a) => a.type)).size).toBeGreaterThanOrEqual(6);
      expect(new Set(week.map((a) => a.userId)).size).toBeGreaterThanOrEqual(4);
      expect(new Set(week.map((a) => a.date)).size).toBe(7);
      const members = (await team.getMembers(id)).map((m) => m.userId);
      for (const a of week) {
        expect(ACTIVITY_TYPES).toContain(a.type);
        expect(members).toContain(a.userId);
        expect(a.notes.length).toBeGreaterThan(10);
        expect(a.createdAt).toBeLessThan(NOW);
        expect(localDate(a.createdAt, spec.tz) <= today).toBe(true);
        if (a.type === 'interview' || a.type === 'symposium') expect(a.count).toBeGreaterThan(1);
        else expect(a.count).toBe(1);
      }
      if (spec.lang === 'zh') for (const a of week) expect(a.notes).toMatch(/\p{Script=Han}/u);
    }
    const english = await team.activitiesBetween(GROUPS[0].channel.id, '2026-05-01', '2026-05-13');
    expect(english.filter((a) => a.notes.includes('2027 budget plan'))).toHaveLength(1);
  });

  it('leaves coverage gaps: two units quiet for 10–12 days and one never contacted', async () => {
    await seedDemo({ store, scheduling, now: NOW });
    for (const spec of GROUPS) {
      const today = localDate(NOW, spec.tz);
      const summaries = await team.unitSummaries(spec.channel.id, weekStart(today), weekEnd(today));
      const quiet = summaries.filter((s) => s.lastContact !== null && s.lastContact < addDays(today, -7));
      expect(quiet).toHaveLength(2);
      for (const s of quiet) {
        expect(s.lastContact! >= addDays(today, -12) && s.lastContact! <= addDays(today, -10)).toBe(true);
        expect(s.weekCount).toBe(0);
      }
      const never = summaries.filter((s) => s.lastContact === null);
      expect(never).toHaveLength(1);
      // Set up weeks ago, so the never-contacted unit is past twice the threshold (the leader's ping).
      expect(never[0]!.unit.createdAt).toBeLessThan(NOW - 14 * 86_400_000);
      const active = summaries.filter((s) => s.lastContact !== null && s.lastContact >= addDays(today, -6));
      expect(active).toHaveLength(summaries.length - 3);
    }
  });

  it('raises three findings per group: one overdue, one due later, one marked done with notes', async () => {
    await seedDemo({ store, scheduling, now: NOW });
    for (const spec of GROUPS) {
      const today = localDate(NOW, spec.tz);
      const findings = await team.listFindings(spec.channel.id);
      expect(findings).toHaveLength(3);
      // One overdue and still to rectify (the English one has a plan), one due later, one marked done.
      const overdue = findings.filter((f) => isOverdueFinding(f, today));
      expect(overdue).toHaveLength(1);
      expect(overdue[0]!.due).toBe(addDays(today, -3));
      const later = findings.filter((f) => toRectify(f) && f.due !== null && f.due > today);
      expect(later).toHaveLength(1);
      expect(later[0]!.due! >= addDays(today, 7)).toBe(true);
      const done = findings.filter((f) => f.doneBy !== null);
      expect(done).toHaveLength(1);
      expect(done[0]!.doneNotes?.length).toBeGreaterThan(10);
      expect(done[0]!.doneAt).toBeLessThan(NOW);
      // Each finding is owned by its unit's first liaison, as one raised by command would be.
      const units = await team.listUnits(spec.channel.id);
      for (const f of findings) expect(f.owner).toBe(units.find((u) => u.key === f.unitKey)?.liaisons[0]);
      const active = findings.filter((f) => f.status !== 'closed').length;
      const summaries = await team.unitSummaries(spec.channel.id, weekStart(today), weekEnd(today));
      expect(summaries.reduce((n, s) => n + s.openFindings, 0)).toBe(active);
    }
  });

  it('changes nothing when run again, even twice at once', async () => {
    await seedDemo({ store, scheduling, now: NOW });
    const before = await Promise.all(GROUPS.map((g) => snapshot(g.channel.id, '2026-05-13')));
    calls = [];
    await Promise.all([
      seedDemo({ store, scheduling, now: NOW + 3_600_000 }),
      seedDemo({ store, scheduling, now: NOW + 7_200_000 }),
    ]);
    expect(await Promise.all(GROUPS.map((g) => snapshot(g.channel.id, '2026-05-13')))).toEqual(before);
    expect(calls).toEqual([]);
  });

  it('writes each group once when two first starts race', async () => {
    await Promise.all([seedDemo({ store, scheduling, now: NOW }), seedDemo({ store, scheduling, now: NOW })]);
    for (const spec of GROUPS) {
      const today = localDate(NOW, spec.tz);
      expect((await team.activitiesBetween(spec.channel.id, addDays(today, -60), today)).length).toBe(16);
      expect(await team.listFindings(spec.channel.id)).toHaveLength(3);
    }
    expect(calls.map((g) => g.id).sort()).toEqual(GROUPS.map((g) => g.channel.id).sort());
  });

  it('keeps every date and time in the past just after midnight on the day clocks change', async () => {
    // Sunday 29 March 2026 00:05 in London; the clocks go forward at 01:00.
    const now = instantOf('2026-03-29', '00:05', 'Europe/London');
    await seedDemo({ store, scheduling, now });
    for (const spec of GROUPS) {
      const today = localDate(now, spec.tz);
      const all = await team.activitiesBetween(spec.channel.id, addDays(today, -60), addDays(today, 60));
      expect(all).toHaveLength(16);
      for (const a of all) {
        expect(a.date <= today).toBe(true);
        expect(a.createdAt).toBeLessThan(now);
      }
      const overdue = (await team.listFindings(spec.channel.id, { status: 'active' })).filter((f) =>
        isOverdueFinding(f, today),
      );
      expect(overdue.map((f) => f.due)).toEqual([addDays(today, -3)]);
    }
  });
});

describe('resetDemo', () => {
  it('clears the schedules, erases what was added since and seeds the demo again', async () => {
    await seedDemo({ store, scheduling, now: NOW });
    const seeded = await Promise.all(GROUPS.map((g) => snapshot(g.channel.id, '2026-05-13')));
    const [en, zh] = GROUPS.map((g) => g.channel.id) as [string, string];
    const lead = (await team.getMembers(en))[0]!.userId;
    const actor = { userId: lead, now: NOW };
    await team.addActivity(
      en,
      {
        unitKey: 'housing',
        type: 'research',
        date: '2026-05-13',
        count: 1,
        notes: 'extra',
        userId: lead,
        createdAt: NOW,
      },
      actor,
    );
    await team.addUnit(
      en,
      { key: 'extra', name: 'Extra', kind: 'x', liaisons: ['U0EXTRA'], archived: false, createdAt: NOW },
      actor,
    );
    await team.updateGroup(zh, { meeting: null, name: 'Renamed' }, actor);
    expect((await snapshot(en, '2026-05-13')).activities).toBe(seeded[0]!.activities + 1);
    calls = [];

    await resetDemo({ store, scheduling, now: NOW });

    const after = await Promise.all(GROUPS.map((g) => snapshot(g.channel.id, '2026-05-13')));
    expect(after).toEqual(seeded);
    expect((await team.getGroup(zh))?.name).toBe('第十四指导组');
    expect(await team.groupsOfUser('U0EXTRA')).toEqual([]);
    expect(calls.map((g) => [g.id, g.meeting !== null, g.digest !== null])).toEqual([
      [en, false, false],
      [zh, false, false],
      [en, true, true],
      [zh, true, true],
    ]);
  });

  it('seeds a store that had no demo, clearing schedules that may be left over', async () => {
    await resetDemo({ store, scheduling, now: NOW });
    expect(await isDemoSeeded(store)).toBe(true);
    expect(calls.map((g) => [g.id, g.meeting !== null])).toEqual([
      [GROUPS[0].channel.id, false],
      [GROUPS[1].channel.id, false],
      [GROUPS[0].channel.id, true],
      [GROUPS[1].channel.id, true],
    ]);
  });
});
