import { describe, expect, it } from 'vitest';
import { normalizeInput } from '../../src/domain/normalize';

describe('normalizeInput', () => {
  it('maps the full-width space, ＝ and curly quotes to ASCII', () => {
    expect(normalizeInput('setup　“第三组”　tz＝UTC ‘x y’')).toBe('setup "第三组" tz=UTC \'x y\'');
  });

  it('maps full-width letters, digits and date/key symbols', () => {
    expect(normalizeInput('ｎ＝３ ２０２６／１１．２０ ＃１２ ｐｌａｎ－ｒｅｖｉｅｗ ｋｅｙ＿１')).toBe(
      'n=3 2026/11.20 #12 plan-review key_1',
    );
  });

  it('keeps the Chinese punctuation that belongs in names and notes', () => {
    const text = '国家发展和改革委员会（发改委）：已整改，待复核！是否完成？';
    expect(normalizeInput(text)).toBe(text);
  });

  it('never turns full-width ＜ ＞ into Slack markup', () => {
    expect(normalizeInput('＜@U1＞ ＆lt;')).toBe('＜@U1＞ ＆lt;');
  });

  it('keeps offsets: the result has the length of the input', () => {
    const text = '记录　访谈　“发改委”　ｎ＝２　与处长谈话';
    expect(normalizeInput(text)).toHaveLength(text.length);
  });
});
