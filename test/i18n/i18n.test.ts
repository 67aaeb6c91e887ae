import { describe, expect, it } from 'vitest';
import { SUBCOMMANDS } from '../../src/domain/command';
import { USER_ERROR_CODES, UserError } from '../../src/domain/errors';
import { LANGS, type Lang } from '../../src/domain/types';
import { errorParts, strings, usage } from '../../src/i18n/index';
import { logFormStrings } from '../../src/i18n/log-form';

/** A user error as its answer reads: what was wrong, then the right form of the command when it names one. */
function errorText(lang: Lang, err: UserError): string {
  const { sentence, usage: form } = errorParts(lang, err);
  return form ? `${sentence}\n${form}` : sentence;
}

/** Params as the parser fills them, one of each name listed in errors.ts. */
const PARAMS = {
  word: 'frobnicate',
  usage: 'log',
  what: 'unit',
  value: '2026-13-45',
  from: '2026-12-01',
  to: '2026-11-01',
  name: 'n',
  min: 1,
  max: 1000,
  channels: 'C0AAA1111, C0BBB2222',
  group: 'Group 14',
  leader: 'U0LEADER1',
  action: 'member_add',
  ref: 'min',
  candidates: 'Ministry of Commerce (moc), Ministry of Culture (mcu)',
  key: 'moc',
  id: 12,
  minutes: 15,
  user: 'U0ZHAO001',
  weekday: 7,
  time: '02:30',
  tz: 'Europe/Paris',
} as const;

/** Walks every string and string-valued function of a table with sample arguments. */
function everyString(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (typeof node === 'function') out.push(String(node('X', 'Y', 'Z', 3)));
  else if (node && typeof node === 'object') for (const v of Object.values(node)) everyString(v, out);
  return out;
}

describe('error texts', () => {
  for (const lang of LANGS) {
    it(`every error code has its own text in ${lang}, with its params filled in`, () => {
      const texts = new Set<string>();
      for (const code of USER_ERROR_CODES) {
        const text = errorText(lang, new UserError(code, PARAMS));
        expect(text.length, code).toBeGreaterThan(5);
        expect(text, code).not.toMatch(/undefined|\[object/);
        texts.add(text.split('\n')[0] ?? '');
      }
      expect(texts.size).toBe(USER_ERROR_CODES.length);
    });
  }

  it('names the weekday of a schedule the clock change would skip', () => {
    const err = new UserError('skipped_by_dst', {
      what: 'digest',
      weekday: 7,
      time: '02:30',
      tz: 'Europe/Paris',
    });
    expect(errorText('en', err)).toContain('02:30 on Sunday');
    expect(errorText('zh', err)).toContain('周日 02:30');
    expect(errorText('zh', err)).toContain('每周简报');
  });

  it('a missing param reads as ?, never undefined', () => {
    expect(errorText('en', new UserError('bad_date'))).toContain('`?`');
  });

  it('shows the right form and an example when the error names a subcommand', () => {
    const text = errorText('en', new UserError('usage', { usage: 'log' }));
    expect(text).toContain('/dudao log &lt;type&gt; &lt;unit&gt; [YYYY-MM-DD] [n=&lt;count&gt;] [notes…]');
    expect(text).toContain('/dudao log interview moc 2026-11-20 n=3 met the deputy director');
  });

  it('escapes what the user typed', () => {
    const text = errorText('en', new UserError('unknown_unit', { ref: '<!channel>' }));
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
  });

  it('turns user and channel ids, and only those, into mentions and links', () => {
    const member = errorText('en', new UserError('not_member', { group: 'G', leader: 'U0LEADER1' }));
    expect(member).toContain('<@U0LEADER1>');
    const groups = errorText('zh', new UserError('which_group', { channels: 'C0AAA1111, C0BBB2222' }));
    expect(groups).toContain('<#C0AAA1111>, <#C0BBB2222>');
    const forged = errorText('en', new UserError('not_a_member', { user: '<!here> WTO' }));
    expect(forged).toBe('&lt;!here&gt; WTO is not a member of this group.');
  });

  it('names missing arguments in the group’s language', () => {
    expect(errorText('zh', new UserError('missing_argument', { what: 'unit', usage: 'log' }))).toMatch(
      /^缺少联系单位。\n\*用法：\*/,
    );
  });
});

describe('usage', () => {
  it('every subcommand has a usage line and an example in both languages', () => {
    for (const lang of LANGS) {
      for (const sub of SUBCOMMANDS) {
        const text = usage(lang, sub);
        expect(text, `${lang} ${sub}`).toContain(`/dudao ${sub}`);
        expect(strings(lang).usage[sub].examples.length, `${lang} ${sub}`).toBeGreaterThan(0);
      }
    }
  });

  it('Chinese usage uses the Chinese terms', () => {
    expect(usage('zh', 'log')).toContain('&lt;类型&gt; &lt;单位&gt;');
    expect(usage('zh', 'log')).toContain('个别访谈');
    expect(
      strings('zh')
        .usage.finding.forms.map((f) => f.what)
        .join(),
    ).toContain('整改');
  });
});

describe('string tables', () => {
  it('Chinese is a full translation, not a copy of the English', () => {
    const { usage: _enUsage, ...en } = strings('en');
    const { usage: _zhUsage, ...zh } = strings('zh');
    const enTexts = everyString(en);
    const zhTexts = everyString(zh);
    expect(zhTexts.length).toBe(enTexts.length);
    const same = zhTexts.filter((t, i) => t === enTexts[i] && /[a-z]{4}/.test(t) && !t.startsWith('/dudao'));
    expect(same).toEqual([]);
  });

  it('uses the vocabulary of the field in Chinese', () => {
    const zh = everyString(strings('zh')).join('\n');
    for (const term of ['指导组', '联系单位', '联络员', '组长', '副组长', '问题清单', '整改', '周例会']) {
      expect(zh).toContain(term);
    }
  });

  it('no mrkdwn string holds a raw < that Slack would read as a link', () => {
    for (const lang of LANGS) {
      const { usage: _plainSyntax, ...mrkdwn } = strings(lang);
      for (const text of everyString(mrkdwn)) expect(text).not.toMatch(/<(?!@|#)/);
    }
  });

  it('the log form errors exist in both languages', () => {
    expect(logFormStrings('en').futureDate).toMatch(/future/);
    expect(logFormStrings('zh').futureDate).toMatch(/将来/);
  });
});
