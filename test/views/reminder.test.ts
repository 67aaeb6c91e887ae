import { describe, expect, it } from 'vitest';
import { buildAgenda } from '../../src/domain/agenda';
import type { Activity, Finding, UnitSummary } from '../../src/domain/types';
import { blockProblems } from '../../src/sandbox/block-limits';
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
    expect(text).toContain('*3. Open findings: 6*, 2 overdue, 2 waiting for verification');
    // Per unit, the unit with the longest overdue finding first; in each, overdue and waiting first.
    expect(text).toContain(
      [
        '*发改委*',
        '• :warning: *5 days overdue* #2 study reports missing · due 2026-11-15 · owner <@U0LI00002>',
        '*Ministry of Commerce*',
        '• :warning: *2 days overdue* #11 training not held · due 2026-11-18 · owner <@U0WANG001>',
        '• :hourglass_flowing_sand: *waiting for verification* #12 contacts list outdated · marked done by <@U0WANG001>',
        '• #1 plan has no timetable · no plan yet · due 2026-12-01 · owner <@U0WANG001>',
        '• #8 rules not published · being rectified · owner <@U0WANG001>',
        '*Ministry of Education*',
        '• :hourglass_flowing_sand: *waiting for verification* #7 no liaison appointed · marked done by <@U0WANG001>',
      ].join('\n'),
    );
    // Closed findings are not on the agenda.
    expect(text).not.toContain('interviews not recorded');
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
    expect(text).toContain('*三、问题清单：未关闭 6 个*，其中逾期 2 个、待验收 2 个');
    expect(text).toContain(
      [
        '*发改委*',
        '• :warning: *已逾期 5 天* #2 study reports missing · 期限 2026-11-15 · 负责人 <@U0LI00002>',
        '*Ministry of Commerce*',
        '• :warning: *已逾期 2 天* #11 training not held · 期限 2026-11-18 · 负责人 <@U0WANG001>',
        '• :hourglass_flowing_sand: *待验收* #12 contacts list outdated · <@U0WANG001> 已标记整改完成',
        '• #1 plan has no timetable · 待整改 · 期限 2026-12-01 · 负责人 <@U0WANG001>',
        '• #8 rules not published · 整改中 · 负责人 <@U0WANG001>',
      ].join('\n'),
    );
    expect(text).not.toMatch(/\bdays?\b|overdue|waiting|NaN|undefined|null/);
  });

  it('says when nothing was logged and nothing is open', () => {
    const quiet = buildAgenda({ ...input, activities: [], findings: [] });
    const text = allText(reminderMessage(quiet, { ...view, lang: 'en' }));
    expect(text).toContain('nothing logged since 2026-11-13');
    expect(text).toContain('*3. Open findings:* none.');
    expect(allText(reminderMessage(quiet, { ...view, lang: 'zh' }))).toContain(
      '*三、问题清单：* 无未关闭问题。',
    );
  });

  it('names only the kinds there are in the findings title', () => {
    const only = (ids: number[], lang: 'en' | 'zh') =>
      allText(
        reminderMessage(buildAgenda({ ...input, findings: FINDINGS.filter((f) => ids.includes(f.id)) }), {
          ...view,
          lang,
        }),
      );
    expect(only([1, 8], 'en')).toContain('*3. Open findings: 2*\n');
    expect(only([1, 8], 'zh')).toContain('*三、问题清单：未关闭 2 个*\n');
    expect(only([1, 7], 'zh')).toContain('*三、问题清单：未关闭 2 个*，其中待验收 1 个\n');
    expect(only([2, 1], 'en')).toContain('*3. Open findings: 2*, 1 overdue\n');
  });

  it('writes owners by name when the group does not mention people', () => {
    const text = allText(
      reminderMessage(buildAgenda(input), {
        ...view,
        lang: 'en',
        people: { mode: 'name', names: new Map([['U0LI00002', 'Li Na']]) },
      }),
    );
    expect(text).toContain('#2 study reports missing · due 2026-11-15 · owner Li Na');
    expect(text).not.toMatch(/<@U/);
  });

  it('escapes what users typed', () => {
    const finding: Finding = { ...(FINDINGS[1] as Finding), text: HOSTILE };
    const message = reminderMessage(
      buildAgenda({ ...input, findings: [finding], unitNames: new Map([['ndrc', HOSTILE]]) }),
      {
        ...view,
        groupName: HOSTILE,
        lang: 'en',
      },
    );
    assertValidBlocks(message);
    expect(allText(message)).toContain('&lt;!channel&gt;');
  });

  for (const [lang, name] of [
    ['en', longName],
    ['zh', longChineseName],
  ] as const) {
    it(`stays within Block Kit limits for 300 units and 1,000 findings (${lang})`, () => {
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
      // Overdue, waiting, being rectified, raised: every kind of line, each with a long text.
      const kinds = FINDINGS.filter((f) => [2, 12, 8, 1].includes(f.id));
      const findings = Array.from(
        { length: 1000 },
        (_, i): Finding => ({
          ...(kinds[i % kinds.length] as Finding),
          id: i + 1,
          unitKey: `unit-${i % 300}`,
          text: `${HOSTILE} ${'z名'.repeat(300)}`,
        }),
      );
      const model = buildAgenda({
        ...input,
        summaries,
        activities,
        findings,
        unitNames: new Map(units.map((u) => [u.key, u.name])),
      });
      expect([model.findingCount, model.overdueCount, model.waitingCount, model.findings.length]).toEqual([
        1000, 250, 250, 300,
      ]);
      const message = reminderMessage(model, { ...view, groupName: name(1), lang });
      assertValidBlocks(message);
      expect(blockProblems(message.blocks, 'message')).toEqual([]);
      const text = allText(message);
      expect(text).toMatch(lang === 'en' ? /…and \d+ more/ : /……另有 \d+ 项/);
      expect(text).toContain(
        lang === 'en'
          ? '*3. Open findings: 1000*, 250 overdue, 250 waiting for verification'
          : '*三、问题清单：未关闭 1000 个*，其中逾期 250 个、待验收 250 个',
      );
      // What is shown are the most pressing: overdue ones, unit by unit.
      const findingsText = text.slice(text.indexOf(lang === 'en' ? '*3. Open findings' : '*三、问题清单'));
      const shown = findingsText.match(/ #\d+ /g) ?? [];
      expect(shown.length).toBeGreaterThan(10);
      expect(findingsText).not.toMatch(/no plan yet|being rectified|待整改|整改中/);
    });
  }
});
