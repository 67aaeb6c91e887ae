import { describe, expect, it } from 'vitest';
import { buildAgenda } from '../../src/domain/agenda';
import { buildDigest, type NothingAnswer } from '../../src/domain/digest';
import type { Activity, Finding, UnitSummary } from '../../src/domain/types';
import { digestMessage } from '../../src/views/digest';
import type { People } from '../../src/views/people';
import { reminderMessage } from '../../src/views/reminder';
import { ACTIVITIES, AGENDA_INPUT, DIGEST_INPUT, FINDINGS, TODAY, TZ } from '../domain/week-fixture';
import { assertValidBlocks } from '../support/block-kit';
import { allText } from '../support/slack-text';
import { HOSTILE, longChineseName, longName, manyUnits } from './fixtures';

/** Any `<@U…>` in the text: Slack notifies whoever it names. */
const MENTION = /<@[UW][A-Z0-9]+>/;

const NAMES: People = {
  mode: 'name',
  names: new Map([
    ['U0WANG001', 'Wang Wei'],
    ['U0LI00002', '李娜'],
    ['U0ZHAO003', `Zhao ${HOSTILE}`],
  ]),
};

const week = (lang: 'en' | 'zh', people?: People) =>
  reminderMessage(buildAgenda({ ...AGENDA_INPUT, meetingDate: null, since: '2026-11-16' }), {
    groupName: 'Guidance group 3',
    lang,
    meetingTime: null,
    ...(people ? { people } : {}),
  });

describe('liaisons named, not mentioned (mention=off)', () => {
  it('the digest names liaisons, the one who closed a finding and who had nothing to report', () => {
    const message = digestMessage(buildDigest(DIGEST_INPUT), {
      groupName: 'Guidance group 3',
      lang: 'en',
      tz: TZ,
      people: NAMES,
    });
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).not.toMatch(MENTION);
    expect(text).toContain('*Ministry of Commerce* · Wang Wei · 3 this week');
    expect(text).toContain(':warning: *发改委* · 李娜 · 0 this week');
    // A name is what someone typed in their profile: escaped like any user text.
    expect(text).toContain('Zhao see &lt;!channel&gt; and &lt;@U999|x&gt;');
    // With the default, the same digest mentions them.
    const mentioned = allText(
      digestMessage(buildDigest(DIGEST_INPUT), { groupName: 'G', lang: 'en', tz: TZ }),
    );
    expect(mentioned).toContain('*Ministry of Commerce* · <@U0WANG001> · 3 this week');
  });

  it('the agenda names the liaisons of quiet units; an unknown name shows the id, still without a mention', () => {
    const agenda = (people: People) =>
      reminderMessage(buildAgenda(AGENDA_INPUT), {
        groupName: 'Guidance group 3',
        lang: 'zh',
        meetingTime: '09:30',
        people,
      });
    const named = agenda(NAMES);
    assertValidBlocks(named);
    expect(allText(named)).not.toMatch(MENTION);
    expect(allText(named)).toContain('*发改委* · 最近联系 2026-11-10（10天前） · 联络员 李娜');
    const unknown = allText(agenda({ mode: 'name', names: new Map() }));
    expect(unknown).not.toMatch(MENTION);
    expect(unknown).toContain('联络员 U0LI00002');
  });
});

describe('the agenda of the week so far (remind now without a meeting)', () => {
  it('covers Monday to today and says so, in English and Chinese', () => {
    const en = week('en');
    assertValidBlocks(en);
    const text = allText(en);
    expect(text).toContain('Agenda of the week so far · Guidance group 3');
    expect(text).toContain('covers the week so far, *2026-11-16* to *2026-11-20*');
    expect(text).toContain('*1. Work this week:* 4 activities with 2 units');
    expect(text).toContain('*2. Units with no contact this week: 2*');
    expect(text).toContain('no contact for 7 days or more get a direct message');
    expect(text).not.toContain('weekly meeting');
    const zh = allText(week('zh', NAMES));
    expect(zh).toContain('本周工作议程 · Guidance group 3');
    expect(zh).toContain('*一、本周工作：* 2 个单位共 4 项活动');
    expect(zh).toContain('*二、本周未联系的单位：2 个*');
    expect(zh).not.toMatch(MENTION);
  });
});

describe('300 units in every mode stay within Block Kit limits', () => {
  for (const [lang, name] of [
    ['en', longName],
    ['zh', longChineseName],
  ] as const) {
    const units = manyUnits(300, name);
    const long = (id: string) => `${id} ${'名'.repeat(200)}`;
    const people: People = {
      mode: 'name',
      names: new Map(units.flatMap((u) => u.liaisons.map((id) => [id, long(id)] as [string, string]))),
    };
    const summaries = units.map(
      (unit, i): UnitSummary => ({
        unit,
        lastContact: i % 3 === 0 ? null : '2026-11-01',
        weekCount: i % 4,
        openFindings: i % 5,
      }),
    );
    const findings = units.map(
      (u, i): Finding => ({ ...(FINDINGS[0] as Finding), id: i + 1, unitKey: u.key, text: 'y'.repeat(500) }),
    );
    const activities = units.flatMap((u, i): Activity[] =>
      i % 2 ? ACTIVITIES.slice(1).map((a, j) => ({ ...a, id: 10 * i + j, unitKey: u.key })) : [],
    );
    const answers = units.map(
      (u): NothingAnswer => ({ period: TODAY, unitKey: u.key, userId: u.liaisons[0] as string, at: 0 }),
    );
    const unitNames = new Map(units.map((u) => [u.key, u.name]));

    for (const [mode, style] of [
      ['mentioned', undefined],
      ['named', people],
    ] as const) {
      it(`digest and both agendas, liaisons ${mode} (${lang})`, () => {
        const digest = digestMessage(
          buildDigest({ ...DIGEST_INPUT, summaries, findings, answers, unitNames }),
          {
            groupName: name(0),
            lang,
            tz: TZ,
            ...(style ? { people: style } : {}),
          },
        );
        assertValidBlocks(digest);
        for (const meetingDate of [TODAY, null]) {
          const agenda = reminderMessage(
            buildAgenda({ ...AGENDA_INPUT, summaries, activities, findings, unitNames, meetingDate }),
            {
              groupName: name(1),
              lang,
              meetingTime: meetingDate ? '09:30' : null,
              ...(style ? { people: style } : {}),
            },
          );
          assertValidBlocks(agenda);
          if (style) expect(allText(agenda)).not.toMatch(MENTION);
        }
        if (style) expect(allText(digest)).not.toMatch(MENTION);
      });
    }
  }
});
