import { describe, expect, it } from 'vitest';
import { buildDigest, type NothingAnswer } from '../../src/domain/digest';
import type { Finding, UnitSummary } from '../../src/domain/types';
import { blockProblems } from '../../src/sandbox/block-limits';
import { digestMessage } from '../../src/views/digest';
import { DIGEST_INPUT, FINDINGS, SUMMARIES, TODAY, TZ, UNITS } from '../domain/week-fixture';
import { assertValidBlocks } from '../support/block-kit';
import { allText } from '../support/slack-text';
import { HOSTILE, longChineseName, longName, manyUnits } from './fixtures';

const input = DIGEST_INPUT;
const view = { groupName: 'Guidance group 3', tz: TZ };
const byId = (id: number) => FINDINGS.find((f) => f.id === id) as Finding;
const DAY = 86_400_000;

describe('digestMessage', () => {
  it('shows totals by type, a line per unit, gaps, findings and answers, in English', () => {
    const message = digestMessage(buildDigest(input), { ...view, lang: 'en' });
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('Weekly digest · Guidance group 3');
    expect(text).toContain('This week: 4 activities');
    expect(text).toContain('interview ×2 (n=5)');
    expect(text).toContain('plan review ×1');
    expect(text).toContain(
      '*Ministry of Commerce* · <@U0WANG001> · 3 this week · last contact 2026-11-19 (yesterday) · 4 open findings, *1 overdue*',
    );
    expect(text).toContain(
      ':warning: *发改委* · <@U0LI00002> · 0 this week · last contact 2026-11-10 (10 days ago) · 1 open finding, *1 overdue*',
    );
    expect(text).toContain(
      '*Ministry of Education* · no liaison · 0 this week · no contact yet · 1 open finding\n',
    );
    expect(text).toContain(
      '*Shanghai* · <@U0WANG001>, <@U0ZHAO003> · 1 this week · last contact 2026-11-17 (3 days ago) · no open findings',
    );
    expect(text).toContain('Coverage gaps: 2');
    expect(text).toContain('*Findings:* 1 opened · 3 closed · 2 overdue · 2 waiting for verification');
    expect(text).toContain('• *This week:* 2 of the 3 with a due date on time · 14 days to close on average');
    expect(text).toContain(
      '• *Last 12 weeks* (2026-08-31 to 2026-11-22): 10 opened · 5 closed · 2 of the 4 with a due date on time · 17.6 days to close on average',
    );
    expect(text).toContain('only findings with a due date count');
    expect(text).toContain(
      '*Overdue: 2*\n• :warning: #2 *发改委*: study reports missing · due 2026-11-15, *5 days overdue* · owner <@U0LI00002>\n• :warning: #11 ',
    );
    expect(text).toContain(
      '*Waiting for verification: 2*\n• #7 *Ministry of Education*: no liaison appointed · marked done by <@U0WANG001> on 2026-11-18\n• #12 ',
    );
    expect(text).toContain(
      '*Opened this week: 1*\n• #1 *Ministry of Commerce*: plan has no timetable · owner <@U0WANG001>',
    );
    expect(text).toContain(
      '*Closed this week: 3*\n• #6 *Shanghai*: survey sample too small · verified by <@U0LEAD001> · closed in 17 days · on time',
    );
    expect(text).toContain(
      '• #5 *发改委*: minutes not filed · verified by <@U0LEAD001> · closed in 8 days · *1 day late*',
    );
    expect(text).toContain('*Nothing to report (1)*');
    expect(text).toContain('• *发改委*: <@U0LI00002>, Thu 2026-11-19 09:05');
    expect(message.text).toContain('4 activities');
  });

  it('says the same in Chinese, with the numbers as Chinese reads them', () => {
    const message = digestMessage(buildDigest(input), { ...view, lang: 'zh' });
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('每周简报 · Guidance group 3');
    expect(text).toContain('本周共 4 项活动');
    expect(text).toContain('个别访谈 2次（n=5）');
    expect(text).toContain('审阅方案 1次');
    expect(text).toContain(
      '*发改委* · 联络员 <@U0LI00002> · 本周 0 项 · 最近联系 2026-11-10（10天前） · 未关闭问题 1 个（*逾期 1 个*）',
    );
    expect(text).toContain('· 无未关闭问题');
    expect(text).toContain('联系空白：2 个单位');
    expect(text).toContain('*问题清单：* 新增 1 个 · 验收关闭 3 个 · 逾期 2 个 · 待验收 2 个');
    expect(text).toContain('• *本周：* 有期限的 3 个中按期关闭 2 个，平均用时 14 天');
    expect(text).toContain(
      '• *近 12 周*（2026-08-31 至 2026-11-22）：新增 10 个，验收关闭 5 个，有期限的 4 个中按期关闭 2 个，平均用时 17.6 天',
    );
    expect(text).toContain('只统计有整改期限的问题');
    expect(text).toContain('期限 2026-11-15，*已逾期 5 天* · 负责人 <@U0LI00002>');
    expect(text).toContain(
      '*待验收：2 个*\n• #7 *Ministry of Education*：no liaison appointed · <@U0WANG001> 于 2026-11-18 标记整改完成',
    );
    expect(text).toContain('*本周验收关闭：3 个*');
    expect(text).toContain('minutes not filed · <@U0LEAD001> 验收 · 用时 8 天 · *逾期 1 天*');
    expect(text).toContain('*无新情况报告（1）*');
    // Nothing English, no stray decimals or plural forms in the Chinese text.
    expect(text).not.toMatch(/\bdays?\b|opened|closed|overdue|\.0 天|NaN|undefined|null/);
  });

  it('words the on-time count as Chinese says it: all, none, one, or no due dates', () => {
    const zh = (findings: Finding[]) =>
      allText(digestMessage(buildDigest({ ...input, findings }), { ...view, lang: 'zh' }));
    const en = (findings: Finding[]) =>
      allText(digestMessage(buildDigest({ ...input, findings }), { ...view, lang: 'en' }));
    const onTime = byId(3);
    const late = byId(5);
    const noDue = { ...byId(6), due: null };
    expect(zh([onTime])).toContain('• *本周：* 有期限的 1 个按期关闭，平均用时 17 天');
    expect(zh([late])).toContain('• *本周：* 有期限的 1 个未按期关闭，平均用时 8 天');
    expect(zh([onTime, byId(6)])).toContain('有期限的 2 个全部按期关闭');
    expect(zh([late, { ...onTime, id: 50, due: '2026-11-18' }])).toContain('有期限的 2 个均未按期关闭');
    expect(zh([noDue])).toContain('• *本周：* 均无整改期限，平均用时 17 天');
    expect(en([noDue])).toContain('• *This week:* none had a due date · 17 days to close on average');
    expect(en([onTime])).toContain('• *This week:* the one with a due date on time · 17 days');
    expect(en([late])).toContain('• *This week:* the one with a due date late · 8 days');
    expect(en([onTime, byId(6)])).toContain('• *This week:* all 2 with a due date on time');
    expect(en([late, { ...onTime, id: 50, due: '2026-11-18' }])).toContain(
      'none of the 2 with a due date on time',
    );
    // Closed within the hour it was raised: neither "0 days" nor a raw "<".
    const quick = { ...onTime, createdAt: onTime.closedAt! - 60_000 };
    expect(zh([quick])).toContain('平均用时 不到 0.1 天');
    expect(en([quick])).toContain('under 0.1 days to close on average');
    // One and a half days.
    expect(en([{ ...onTime, createdAt: onTime.closedAt! - 1.5 * DAY }])).toContain(
      '1.5 days to close on average',
    );
    expect(en([{ ...onTime, createdAt: onTime.closedAt! - DAY }])).toContain('· 1 day to close on average');
  });

  it('without any finding closed, shows no averages, only the counts', () => {
    const message = digestMessage(buildDigest({ ...input, findings: [] }), { ...view, lang: 'en' });
    const text = allText(message);
    expect(text).toContain('*Findings:* 0 opened · 0 closed · 0 overdue · 0 waiting for verification');
    expect(text).not.toContain('*This week:* on time');
    expect(text).toContain('• *Last 12 weeks* (2026-08-31 to 2026-11-22): 0 opened · 0 closed\n');
    expect(text).not.toContain('*Overdue');
    const zh = allText(digestMessage(buildDigest({ ...input, findings: [] }), { ...view, lang: 'zh' }));
    expect(zh).toContain('（2026-08-31 至 2026-11-22）：新增 0 个，验收关闭 0 个\n');
  });

  it('says when the 12 weeks count only the latest closings', () => {
    const capped = buildDigest({ ...input, closedCappedAt: 5000 });
    expect(allText(digestMessage(capped, { ...view, lang: 'en' }))).toContain(
      'Only the latest 5000 closings',
    );
    expect(allText(digestMessage(capped, { ...view, lang: 'zh' }))).toContain(
      '只统计了最近验收关闭的 5000 个问题',
    );
  });

  it('is still sent for a week without activity, and says so', () => {
    const empty = buildDigest({ ...input, activities: [], answers: [] });
    const en = digestMessage(empty, { ...view, lang: 'en' });
    assertValidBlocks(en);
    expect(allText(en)).toContain('No activity was logged this week.');
    expect(en.text).toContain('0 activities');
    expect(allText(digestMessage(empty, { ...view, lang: 'zh' }))).toContain('本周没有记录任何活动。');
  });

  it('escapes what users typed', () => {
    const hostile: UnitSummary = { ...(SUMMARIES[0] as UnitSummary), unit: { ...UNITS.moc, name: HOSTILE } };
    const findings = [byId(2), byId(3), byId(7), byId(1)].map((f) => ({
      ...f,
      unitKey: 'moc',
      text: HOSTILE,
    }));
    const message = digestMessage(
      buildDigest({ ...input, summaries: [hostile], findings, unitNames: new Map([['moc', HOSTILE]]) }),
      { ...view, groupName: HOSTILE, lang: 'en' },
    );
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('see &lt;!channel&gt; and &lt;@U999|x&gt; &amp;');
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
          lastContact: i % 3 === 0 ? null : '2026-11-01',
          weekCount: i % 4,
          openFindings: i % 5,
        }),
      );
      // Every kind the digest lists, each with a long hostile text: overdue, waiting, opened, closed.
      const kinds = [byId(2), byId(7), byId(1), byId(3), byId(5)];
      const findings = Array.from({ length: 1000 }, (_, i): Finding => {
        const kind = kinds[i % kinds.length] as Finding;
        return { ...kind, id: i + 1, unitKey: `unit-${i % 300}`, text: `${HOSTILE} ${'名x'.repeat(300)}` };
      });
      const answers = units.map(
        (u): NothingAnswer => ({
          period: TODAY,
          unitKey: u.key,
          userId: u.liaisons[0] as string,
          at: Date.UTC(2026, 10, 19),
        }),
      );
      const model = buildDigest({
        ...input,
        summaries,
        findings,
        answers,
        unitNames: new Map(units.map((u) => [u.key, u.name])),
      });
      expect([model.overdue.length, model.waiting.length, model.opened.length, model.closed.length]).toEqual([
        200, 200, 200, 400,
      ]);
      const message = digestMessage(model, { ...view, groupName: name(0), lang });
      assertValidBlocks(message);
      expect(blockProblems(message.blocks, 'message')).toEqual([]);
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      const text = allText(message);
      expect(text).toMatch(lang === 'en' ? /…and \d+ more/ : /……另有 \d+ 项/);
      // The counts are whole whatever is cut from the lists.
      expect(text).toContain(
        lang === 'en'
          ? '*Findings:* 200 opened · 400 closed · 200 overdue · 200 waiting'
          : '新增 200 个 · 验收关闭 400 个 · 逾期 200 个 · 待验收 200 个',
      );
      // Each list keeps its title and first lines: none is crowded out by the one before.
      for (const title of lang === 'en'
        ? [
            '*Overdue: 200*',
            '*Waiting for verification: 200*',
            '*Opened this week: 200*',
            '*Closed this week: 400*',
          ]
        : ['*逾期未整改：200 个*', '*待验收：200 个*', '*本周新增：200 个*', '*本周验收关闭：400 个*'])
        expect(text).toContain(title);
      // The weak spots come first, so the never-contacted units are the ones always shown.
      expect(text).toContain(name(0).slice(0, 40));
    });
  }
});
