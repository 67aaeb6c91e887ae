import { describe, expect, it } from 'vitest';
import { buildDigest, type NothingAnswer } from '../../src/domain/digest';
import type { Finding, UnitSummary } from '../../src/domain/types';
import { digestMessage } from '../../src/views/digest';
import { DIGEST_INPUT, FINDINGS, SUMMARIES, TODAY, TZ, UNITS } from '../domain/week-fixture';
import { assertValidBlocks } from '../support/block-kit';
import { allText } from '../support/slack-text';
import { HOSTILE, longChineseName, longName, manyUnits } from './fixtures';

const input = DIGEST_INPUT;
const view = { groupName: 'Guidance group 3', tz: TZ };

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
      '*Ministry of Commerce* · <@U0WANG001> · 3 this week · last contact 2026-11-19 (yesterday) · 1 open finding',
    );
    expect(text).toContain(
      ':warning: *发改委* · <@U0LI00002> · 0 this week · last contact 2026-11-10 (10 days ago)',
    );
    expect(text).toContain('*Ministry of Education* · no liaison · 0 this week · no contact yet');
    expect(text).toContain('Coverage gaps: 2');
    expect(text).toContain('*Findings:* 1 opened · 1 done · 1 overdue');
    expect(text).toContain('#2 *发改委*: study reports missing · due 2026-11-15, *5 days overdue*');
    expect(text).toContain('#3 *Ministry of Commerce*: interviews not recorded · done by <@U0WANG001>');
    expect(text).toContain('*Nothing to report (1)*');
    expect(text).toContain('• *发改委*: <@U0LI00002>, Thu 2026-11-19 09:05');
    expect(message.text).toContain('4 activities');
  });

  it('says the same in Chinese', () => {
    const message = digestMessage(buildDigest(input), { ...view, lang: 'zh' });
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('每周简报 · Guidance group 3');
    expect(text).toContain('本周共 4 项活动');
    expect(text).toContain('个别访谈 2次（n=5）');
    expect(text).toContain('审阅方案 1次');
    expect(text).toContain('*发改委* · 联络员 <@U0LI00002> · 本周 0 项 · 最近联系 2026-11-10（10天前）');
    expect(text).toContain('联系空白：2 个单位');
    expect(text).toContain('*问题清单：* 新增 1 个 · 已整改 1 个 · 逾期 1 个');
    expect(text).toContain('已逾期 5 天');
    expect(text).toContain('*无新情况报告（1）*');
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
    const finding: Finding = { ...(FINDINGS[1] as Finding), text: HOSTILE };
    const message = digestMessage(
      buildDigest({
        ...input,
        summaries: [hostile],
        findings: [finding],
        unitNames: new Map([['moc', HOSTILE]]),
      }),
      { ...view, groupName: HOSTILE, lang: 'en' },
    );
    assertValidBlocks(message);
    expect(allText(message)).toContain('see &lt;!channel&gt; and &lt;@U999|x&gt; &amp;');
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
          lastContact: i % 3 === 0 ? null : '2026-11-01',
          weekCount: i % 4,
          openFindings: i % 5,
        }),
      );
      const findings = units.flatMap((u, i): Finding[] => [
        { ...(FINDINGS[1] as Finding), id: 2 * i + 1, unitKey: u.key, text: `${HOSTILE} ${'x'.repeat(400)}` },
        { ...(FINDINGS[0] as Finding), id: 2 * i + 2, unitKey: u.key, text: 'y'.repeat(500) },
      ]);
      const answers = units.map(
        (u): NothingAnswer => ({
          period: TODAY,
          unitKey: u.key,
          userId: u.liaisons[0] as string,
          at: Date.UTC(2026, 10, 19),
        }),
      );
      const message = digestMessage(
        buildDigest({
          ...input,
          summaries,
          findings,
          answers,
          unitNames: new Map(units.map((u) => [u.key, u.name])),
        }),
        { ...view, groupName: name(0), lang },
      );
      assertValidBlocks(message);
      const text = allText(message);
      expect(text).toMatch(lang === 'en' ? /…and \d+ more/ : /……另有 \d+ 项/);
      // The weak spots come first, so the never-contacted units are the ones always shown.
      expect(text).toContain(name(0).slice(0, 40));
    });
  }
});
