import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { buildDigestMessage } from '../../jobs/content';
import type { ContentDeps } from '../../jobs/content-types';
import { planCoveragePings } from '../../jobs/ping-content';
import { buildReminderMessage, planLiaisonPings, type ReminderTrigger } from '../../jobs/reminder-content';
import { SNOOZE_MS } from '../../src/domain/pings';
import { GROUP_OPTION_DEFAULTS, type Group, type Unit } from '../../src/domain/types';
import type { TeamStore } from '../../src/store/types';
import type { People } from '../../src/views/people';
import { deleteKeys, openHarness } from '../store/fixture';
import { assertValidBlocks } from '../support/block-kit';
import { allText } from '../support/slack-text';

const h = openHarness();
const deps: ContentDeps = { store: h.store };
const team: TeamStore = h.team;
/** Shanghai is UTC+8: 08:30 on Friday 2026-11-20 there. */
const at = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour - 8, minute);
const ADDED = Date.UTC(2026, 9, 1);
const LEAD = 'U0LEAD001';
const SCHEDULED: ReminderTrigger = { kind: 'schedule' };

const group: Group = {
  id: 'C0GROUP',
  teamId: 'T1',
  name: 'Guidance group 3',
  tz: 'Asia/Shanghai',
  lang: 'en',
  ...GROUP_OPTION_DEFAULTS,
  coverageDays: 7,
  meeting: { weekday: 5, time: '09:30', remindMinutes: 60, skips: [] },
  digest: { weekday: 5, time: '17:00' },
  createdBy: LEAD,
  createdAt: ADDED,
};

function unit(key: string, name: string, liaisons: string[]): Unit {
  return { key, name, kind: 'ministry', liaisons, archived: false, createdAt: ADDED };
}

async function logActivity(
  unitKey: string,
  type: 'interview' | 'research' | 'plan_review' | 'symposium',
  date: string,
  count = 1,
) {
  await team.addActivity(
    group.id,
    { unitKey, type, date, count, notes: '', userId: 'U0WANG001', createdAt: ADDED },
    { userId: 'U0WANG001', now: ADDED },
  );
}

async function seed(): Promise<void> {
  await team.createGroup(group, { userId: LEAD, now: ADDED });
  for (const u of [
    unit('moc', 'Ministry of Commerce', ['U0WANG001']),
    unit('ndrc', '发改委', ['U0LI00002']),
    unit('edu', 'Ministry of Education', []),
    unit('sh', 'Shanghai', ['U0WANG001', 'U0ZHAO003']),
  ]) {
    await team.addUnit(group.id, u, { userId: LEAD, now: ADDED });
  }
  await logActivity('ndrc', 'symposium', '2026-11-10');
  await logActivity('moc', 'interview', '2026-11-17', 3);
  await logActivity('sh', 'research', '2026-11-17');
  await logActivity('moc', 'plan_review', '2026-11-18');
  await logActivity('moc', 'interview', '2026-11-19', 2);
  const actor = { userId: 'U0WANG001', now: ADDED };
  await team.addFinding(
    group.id,
    {
      unitKey: 'moc',
      text: 'plan has no timetable',
      due: '2026-12-01',
      createdBy: 'U0WANG001',
      createdAt: at(16, 4),
    },
    actor,
  );
  await team.addFinding(
    group.id,
    {
      unitKey: 'ndrc',
      text: 'study reports missing',
      due: '2026-11-15',
      createdBy: 'U0WANG001',
      createdAt: at(2, 10),
    },
    actor,
  );
  const done = await team.addFinding(
    group.id,
    {
      unitKey: 'moc',
      text: 'interviews not recorded',
      due: null,
      createdBy: 'U0WANG001',
      createdAt: at(2, 10),
    },
    actor,
  );
  await team.closeFinding(group.id, done.id, 'fixed', { userId: 'U0WANG001', now: at(19, 11) });
}

const pings = () => h.team.pings(group.id);

beforeEach(async () => {
  await deleteKeys(h.redis, h.prefix);
  await seed();
});
afterAll(async () => {
  await deleteKeys(h.redis, h.prefix);
  await h.store.close();
});

describe('buildDigestMessage', () => {
  it("sums up the group's week in English and in Chinese", async () => {
    await pings().recordNothing('2026-11-20', 'ndrc', 'U0LI00002', at(20, 9));
    const en = await buildDigestMessage(deps, group, at(20, 17));
    assertValidBlocks(en);
    const text = allText(en);
    expect(text).toContain('This week: 4 activities');
    expect(text).toContain('interview ×2 (n=5)');
    expect(text).toContain(
      '*Ministry of Commerce* · <@U0WANG001> · 3 this week · last contact 2026-11-19 (yesterday)',
    );
    expect(text).toContain(
      ':warning: *发改委* · <@U0LI00002> · 0 this week · last contact 2026-11-10 (10 days ago)',
    );
    expect(text).toContain('*Findings:* 1 opened · 1 done · 1 overdue');
    expect(text).toContain('• *发改委*: <@U0LI00002>, Fri 2026-11-20 09:00');
    const zh = allText(await buildDigestMessage(deps, { ...group, lang: 'zh' }, at(20, 17)));
    expect(zh).toContain('本周共 4 项活动');
    expect(zh).toContain('*问题清单：* 新增 1 个 · 已整改 1 个 · 逾期 1 个');
  });

  it('is still built for a week without activity, and says so', async () => {
    const message = await buildDigestMessage(deps, group, at(11, 17) + 28 * 86_400_000);
    assertValidBlocks(message);
    expect(allText(message)).toContain('No activity was logged this week.');
  });
});

describe('buildReminderMessage', () => {
  it('assembles the agenda from the log since the last meeting', async () => {
    const message = await buildReminderMessage(deps, group, at(20, 8, 30), SCHEDULED);
    expect(message).not.toBeNull();
    assertValidBlocks(message!);
    const text = allText(message);
    expect(text).toContain('The weekly meeting is *Fri 2026-11-20 09:30*');
    expect(text).toContain('• *Ministry of Commerce* (3): plan review ×1, interview ×2 (n=5)');
    expect(text).toContain('*2. Units with no contact since the last meeting: 2*');
    expect(text).toContain(':warning: *overdue* #2 *发改委*');
  });

  it("opens next week's period at this meeting", async () => {
    await buildReminderMessage(deps, group, at(20, 8, 30), SCHEDULED);
    const next = allText(await buildReminderMessage(deps, group, at(27, 8, 30), SCHEDULED));
    expect(next).toContain('nothing logged since 2026-11-20');
  });

  it('sends nothing without a meeting or for a skipped one', async () => {
    expect(
      await buildReminderMessage(deps, { ...group, meeting: null }, at(20, 8, 30), SCHEDULED),
    ).toBeNull();
    const skipped = { ...group, meeting: { ...group.meeting!, skips: ['2026-11-20'] } };
    expect(await buildReminderMessage(deps, skipped, at(20, 8, 30), SCHEDULED)).toBeNull();
  });
});

describe('planLiaisonPings', () => {
  const now = at(20, 8, 30);

  it('pings the liaisons of units without activity since the last meeting, and no one else', async () => {
    const planned = await planLiaisonPings(deps, group, now, SCHEDULED);
    expect(planned.map((p) => p.userId)).toEqual(['U0LI00002']);
    const dm = planned[0]!;
    assertValidBlocks(dm.message);
    expect(allText(dm.message)).toContain('*发改委* · last contact 2026-11-10 (10 days ago)');
    expect(dm.dedupeKey).toBe('T1:C0GROUP:liaison:2026-11-20:U0LI00002');
    expect((await planLiaisonPings(deps, group, now + 60_000, SCHEDULED)).map((p) => p.dedupeKey)).toEqual([
      dm.dedupeKey,
    ]);
  });

  it('leaves out a liaison whose unit had activity since the last meeting', async () => {
    await logActivity('ndrc', 'interview', '2026-11-19');
    expect(await planLiaisonPings(deps, group, now, SCHEDULED)).toEqual([]);
  });

  it('leaves out a liaison who snoozed the unit', async () => {
    await pings().snooze(
      {
        unitKey: 'ndrc',
        userId: 'U0LI00002',
        until: now + SNOOZE_MS,
        period: '2026-11-20',
        contact: '2026-11-10',
      },
      now,
    );
    expect(await planLiaisonPings(deps, group, now, SCHEDULED)).toEqual([]);
  });

  it('leaves out a liaison who answered "nothing to report" for this meeting', async () => {
    await pings().recordNothing('2026-11-20', 'ndrc', 'U0LI00002', now);
    expect(await planLiaisonPings(deps, group, now, SCHEDULED)).toEqual([]);
  });
});

describe('remind now without a meeting', () => {
  const now = at(20, 8, 30);
  const asked: ReminderTrigger = { kind: 'now', occurrence: 'now-1' };
  const noMeeting = { ...group, meeting: null };

  it('builds the agenda of the week so far, and opens no meeting period', async () => {
    const message = await buildReminderMessage(deps, noMeeting, now, asked);
    assertValidBlocks(message!);
    const text = allText(message);
    expect(text).toContain('covers the week so far, *2026-11-16* to *2026-11-20*');
    expect(text).toContain('• *Ministry of Commerce* (3): plan review ×1, interview ×2 (n=5)');
    expect(text).toContain('*2. Units with no contact this week: 2*');
    expect(await pings().meetingBefore('2026-12-31')).toBeNull();
    // A scheduled reminder still needs its meeting.
    expect(await buildReminderMessage(deps, noMeeting, now, SCHEDULED)).toBeNull();
  });

  it('also when the meeting it would announce is skipped', async () => {
    const skipped = { ...group, meeting: { ...group.meeting!, skips: ['2026-11-20'] } };
    expect(allText(await buildReminderMessage(deps, skipped, now, asked))).toContain(
      'Agenda of the week so far',
    );
  });

  it('pings the liaisons of units without contact within the threshold, once per request', async () => {
    const planned = await planLiaisonPings(deps, noMeeting, now, asked);
    // ndrc: 10 days; Shanghai (3 days) and Commerce (yesterday) are within 7; Education has no liaison.
    expect(planned.map((p) => p.userId)).toEqual(['U0LI00002']);
    expect(planned[0]?.dedupeKey).toBe('T1:C0GROUP:liaison:now-1:U0LI00002');
    assertValidBlocks(planned[0]!.message);
    expect(allText(planned[0]?.message)).toContain('no contact for 7 days or more');
    await pings().recordNothing('2026-11-20', 'ndrc', 'U0LI00002', now);
    expect(await planLiaisonPings(deps, noMeeting, now, asked)).toEqual([]);
  });
});

describe('planCoveragePings', () => {
  const keys = async (now: number) => (await planCoveragePings(deps, group, now)).map((p) => p.dedupeKey);

  it('pings liaisons once per crossing, the leader at twice the threshold, and re-arms after contact', async () => {
    const first = await planCoveragePings(deps, group, at(20, 10));
    // ndrc: 10 days without contact. edu: never contacted, added 50 days ago, no liaison: only the leader.
    expect(first.map((p) => p.userId)).toEqual([LEAD, 'U0LI00002']);
    expect(allText(first[0]?.message)).toContain('*Ministry of Education*');
    expect(allText(first[1]?.message)).toContain('*发改委* · last contact 2026-11-10 (10 days ago)');
    for (const p of first) assertValidBlocks(p.message);
    // A retried job plans the same messages under the same keys; later runs plan nothing more.
    expect(await keys(at(20, 10, 5))).toEqual(first.map((p) => p.dedupeKey));
    expect(await keys(at(20, 18))).toEqual([]);
    expect(await keys(at(23, 10))).toEqual([]);
    // ndrc reaches twice the threshold: its leader is told, once (Shanghai, a week quiet, reaches its liaisons).
    const later = await planCoveragePings(deps, group, at(24, 10));
    expect(later.map((p) => p.userId)).toEqual([LEAD, 'U0WANG001', 'U0ZHAO003']);
    expect(allText(later[0]?.message)).toContain(
      '*发改委* · last contact 2026-11-10 (14 days ago) · <@U0LI00002>',
    );
    expect(allText(later[1]?.message)).toContain('*Shanghai*');
    expect(await keys(at(25, 10))).toEqual([]);
    // Someone gets in touch: the unit is armed again and crosses again a week later (2 December).
    await logActivity('ndrc', 'interview', '2026-11-25');
    expect(await keys(at(25, 12))).toEqual([]);
    const again = (await planCoveragePings(deps, group, at(32, 10))).filter((p) => p.userId === 'U0LI00002');
    expect(again).toHaveLength(1);
    expect(allText(again[0]?.message)).toContain('*发改委* · last contact 2026-11-25 (7 days ago)');
    expect(again[0]?.dedupeKey).not.toBe(first[1]?.dedupeKey);
  });
});

describe('a group of 300 units', () => {
  it('gets a valid digest, reminder and pings', async () => {
    for (let i = 0; i < 300; i++) {
      const name = `国家发展和改革委员会第${i}联络组`.padEnd(80, '某');
      await team.addUnit(group.id, unit(`u${i}`, name, [`U0LIA${i}`, 'U0BUSY001']), {
        userId: LEAD,
        now: ADDED,
      });
      if (i % 3 === 0) await logActivity(`u${i}`, 'interview', '2026-11-18', 2);
    }
    const now = at(20, 8, 30);
    assertValidBlocks(await buildDigestMessage(deps, { ...group, lang: 'zh' }, at(20, 17)));
    assertValidBlocks((await buildReminderMessage(deps, { ...group, lang: 'zh' }, now, SCHEDULED))!);
    const named: People = { mode: 'name', names: new Map([['U0BUSY001', '忙'.repeat(120)]]) };
    for (const g of [{ ...group, lang: 'zh' as const, meeting: null }, group]) {
      assertValidBlocks(await buildDigestMessage(deps, g, at(20, 17), named));
      assertValidBlocks(
        (await buildReminderMessage(deps, g, now, { kind: 'now', occurrence: 'now-2' }, named))!,
      );
    }
    const planned = await planLiaisonPings(deps, group, now, SCHEDULED);
    expect(planned).toHaveLength(200 + 2);
    for (const p of planned) assertValidBlocks(p.message);
    const busy = planned.find((p) => p.userId === 'U0BUSY001');
    expect(allText(busy?.message)).toContain('…and 180 more units');
  });
});
