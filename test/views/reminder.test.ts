import { describe, expect, it } from 'vitest';
import { buildAgenda } from '../../src/domain/agenda';
import type { Activity, Finding, UnitSummary } from '../../src/domain/types';
import { meetingWhen, reminderMessage } from '../../src/views/reminder';
import { ACTIVITIES, AGENDA_INPUT, FINDINGS } from '../domain/week-fixture';
import { assertValidBlocks } from '../support/block-kit';
import { allText } from '../support/slack-text';
import { HOSTILE, longChineseName, longName, manyUnits } from './fixtures';

const input = AGENDA_INPUT;
const view = { groupName: 'Guidance group 3', meetingTime: '09:30' };

describe('meetingWhen', () => {
  it('names the weekday of the calendar date in each language', () => {
    expect(meetingWhen('2026-11-20', '09:30', 'en')).toBe('Fri 2026-11-20 09:30');
    expect(meetingWhen('2026-11-20', '09:30', 'zh')).toBe('周五 2026-11-20 09:30');
  });
});

describe('reminderMessage', () => {
  it('assembles the agenda from the log, in English', () => {
    const message = reminderMessage(buildAgenda(input), { ...view, lang: 'en' });
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('Meeting reminder · Guidance group 3');
    expect(text).toContain('The weekly meeting is *Fri 2026-11-20 09:30*');
    expect(text).toContain('*1. Work since the last meeting:* 4 activities with 2 units');
    expect(text).toContain('• *Ministry of Commerce* (3): plan review ×1, interview ×2 (n=5)');
    expect(text).toContain('• *Shanghai* (1): field research ×1');
    expect(text).toContain('*2. Units with no contact since the last meeting: 2*');
    expect(text).toContain('• :warning: *发改委* · last contact 2026-11-10 (10 days ago) · <@U0LI00002>');
    expect(text).toContain('*3. Open findings: 2*, 1 overdue');
    expect(text).toContain('• :warning: *overdue* #2 *发改委*: study reports missing · due 2026-11-15');
    expect(text).toContain('• #1 *Ministry of Commerce*: plan has no timetable · due 2026-12-01');
    expect(message.text).toContain('Fri 2026-11-20 09:30');
  });

  it('assembles the agenda in Chinese', () => {
    const message = reminderMessage(buildAgenda(input), { ...view, lang: 'zh' });
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('周例会提醒 · Guidance group 3');
    expect(text).toContain('*一、上次例会以来的工作：* 2 个单位共 4 项活动');
    expect(text).toContain('• *Ministry of Commerce*（3 项）：审阅方案 1次、个别访谈 2次（n=5）');
    expect(text).toContain('*二、上次例会以来未联系的单位：2 个*');
    expect(text).toContain('*三、问题清单：未整改 2 个*，其中逾期 1 个');
    expect(text).toContain(':warning: *已逾期* #2 *发改委*');
  });

  it('says when nothing was logged and nothing is open', () => {
    const quiet = buildAgenda({ ...input, activities: [], findings: [] });
    const text = allText(reminderMessage(quiet, { ...view, lang: 'en' }));
    expect(text).toContain('nothing logged since 2026-11-13');
    expect(text).toContain('*3. Open findings:* none.');
  });

  it('escapes what users typed', () => {
    const finding: Finding = { ...(FINDINGS[1] as Finding), text: HOSTILE };
    const message = reminderMessage(buildAgenda({ ...input, findings: [finding] }), {
      ...view,
      groupName: HOSTILE,
      lang: 'en',
    });
    assertValidBlocks(message);
    expect(allText(message)).toContain('&lt;!channel&gt;');
  });

  for (const [lang, name] of [
    ['en', longName],
    ['zh', longChineseName],
  ] as const) {
    it(`stays within Block Kit limits for 300 units (${lang})`, () => {
      const units = manyUnits(300, name);
      const summaries = units.map(
        (unit, i): UnitSummary => ({
          unit,
          lastContact: i % 2 ? '2026-11-19' : null,
          weekCount: 1,
          openFindings: 1,
        }),
      );
      const activities = units.flatMap((u, i): Activity[] =>
        i % 2 ? ACTIVITIES.slice(1).map((a, j) => ({ ...a, id: 10 * i + j, unitKey: u.key })) : [],
      );
      const findings = units.map(
        (u, i): Finding => ({
          ...(FINDINGS[1] as Finding),
          id: i + 1,
          unitKey: u.key,
          text: 'z'.repeat(600),
        }),
      );
      const model = buildAgenda({
        ...input,
        summaries,
        activities,
        findings,
        unitNames: new Map(units.map((u) => [u.key, u.name])),
      });
      const message = reminderMessage(model, { ...view, groupName: name(1), lang });
      assertValidBlocks(message);
      expect(allText(message)).toMatch(lang === 'en' ? /…and \d+ more/ : /……另有 \d+ 项/);
    });
  }
});
