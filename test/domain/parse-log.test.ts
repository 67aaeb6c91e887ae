import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/parse';
import { userErrorOf } from './expect-user-error';

// A Wednesday.
const ctx = { today: '2026-11-18' };
const parse = (text: string) => parseCommand(text, ctx);
const refusal = (text: string) => userErrorOf(() => parse(text));

describe('log', () => {
  it('opens the form when given nothing', () => {
    expect(parse('log')).toEqual({ kind: 'log_form' });
    expect(parse('记录')).toEqual({ kind: 'log_form' });
  });

  it('defaults to today, a count of 1 and no notes', () => {
    expect(parse('log interview moc')).toEqual({
      kind: 'log',
      type: 'interview',
      unit: 'moc',
      date: '2026-11-18',
      count: 1,
      notes: '',
    });
  });

  it('reads date, count and notes as typed', () => {
    expect(parse('log interview moc 2026-11-16 n=3 talked to  3 directors, didn’t finish')).toEqual({
      kind: 'log',
      type: 'interview',
      unit: 'moc',
      date: '2026-11-16',
      count: 3,
      notes: "talked to  3 directors, didn't finish",
    });
  });

  it('takes n= anywhere after the unit, out of the notes', () => {
    expect(parse('log symposium moc met staff n=12 in the hall')).toMatchObject({
      count: 12,
      notes: 'met staff in the hall',
    });
  });

  it('keeps other x=y inside notes as text', () => {
    expect(parse('log other moc ratio x=y noted')).toMatchObject({ notes: 'ratio x=y noted' });
  });

  it('reads a Chinese line with a Chinese unit name and full-width forms', () => {
    expect(parse('登记　访谈　“发改委”　昨天　ｎ＝２　与处长个别谈话')).toEqual({
      kind: 'log',
      type: 'interview',
      unit: '发改委',
      date: '2026-11-17',
      count: 2,
      notes: '与处长个别谈话',
    });
  });

  it('reads relative and weekday dates in English and Chinese', () => {
    const dateOf = (word: string) => (parse(`log review moc ${word}`) as { date: string }).date;
    expect(dateOf('today')).toBe('2026-11-18');
    expect(dateOf('Yesterday')).toBe('2026-11-17');
    expect(dateOf('前天')).toBe('2026-11-16');
    expect(dateOf('mon')).toBe('2026-11-16');
    expect(dateOf('wednesday')).toBe('2026-11-18');
    expect(dateOf('周五')).toBe('2026-11-13');
    expect(dateOf('星期日')).toBe('2026-11-15');
    expect(dateOf('上周五')).toBe('2026-11-13');
    expect(dateOf('上周一')).toBe('2026-11-09');
    expect(dateOf('2026年11月1日')).toBe('2026-11-01');
    expect(dateOf('2026/11/02')).toBe('2026-11-02');
  });

  it('takes a quoted note whole, without its quotes', () => {
    expect(parse('log review moc "met the head, 2 hours"')).toMatchObject({ notes: 'met the head, 2 hours' });
  });

  it('takes a quoted unit name with spaces', () => {
    expect(parse("log review 'Ministry of Commerce' plan ok")).toMatchObject({
      unit: 'Ministry of Commerce',
      notes: 'plan ok',
    });
  });

  it('refuses impossible and future dates', () => {
    expect(refusal('log review moc 2026-02-30')).toEqual({
      code: 'bad_date',
      params: { value: '2026-02-30' },
    });
    expect(refusal('log review moc 2026-11-19')).toEqual({
      code: 'future_date',
      params: { value: '2026-11-19' },
    });
    expect(refusal('log review moc tomorrow').code).toBe('future_date');
  });

  it('refuses an unknown type, a missing unit, a bad count, an unknown option', () => {
    expect(refusal('log lunch moc')).toEqual({ code: 'bad_type', params: { value: 'lunch' } });
    expect(refusal('log interview')).toEqual({
      code: 'missing_argument',
      params: { what: 'unit', usage: 'log' },
    });
    expect(refusal('log interview n=2')).toEqual({
      code: 'missing_argument',
      params: { what: 'unit', usage: 'log' },
    });
    expect(refusal('log interview moc n=0')).toEqual({
      code: 'bad_number',
      params: { name: 'n', value: '0', min: 1, max: 1000 },
    });
    expect(refusal('log interview moc n=1001').code).toBe('bad_number');
    expect(refusal('log interview moc n=two').code).toBe('bad_number');
    expect(refusal('log interview moc n=1 x n=2')).toEqual({ code: 'usage', params: { usage: 'log' } });
    expect(refusal('log interview moc date=2026-11-01')).toEqual({
      code: 'unknown_option',
      params: { name: 'date', usage: 'log' },
    });
  });

  it('answers the first mistake in the order the line is read', () => {
    expect(refusal('log lunch')).toEqual({ code: 'bad_type', params: { value: 'lunch' } });
    expect(refusal('log lunch moc date=2026-11-01')).toEqual({
      code: 'bad_type',
      params: { value: 'lunch' },
    });
    expect(refusal('log lunch moc n=0')).toEqual({ code: 'bad_type', params: { value: 'lunch' } });
    expect(refusal('log interview moc 2026-11-19 n=1 x n=2')).toEqual({
      code: 'future_date',
      params: { value: '2026-11-19' },
    });
    expect(refusal('log interview moc 2026-11-19 n=0')).toMatchObject({ code: 'future_date' });
    expect(refusal(`log interview moc n=0 ${'字'.repeat(2001)}`)).toMatchObject({ code: 'bad_number' });
    expect(refusal('log interview moc date=x n=1 n=2')).toMatchObject({ code: 'unknown_option' });
    expect(refusal('log interview moc 2026-02-30 tomorrow')).toMatchObject({ code: 'bad_date' });
  });

  it('counts notes in characters as users see them, emoji included', () => {
    expect(parse(`log other moc ${'😀'.repeat(2000)}`)).toMatchObject({ notes: '😀'.repeat(2000) });
    expect(refusal(`log other moc ${'😀'.repeat(2001)}`)).toEqual({
      code: 'text_too_long',
      params: { what: 'notes', max: 2000 },
    });
  });

  it('refuses notes over 2000 characters', () => {
    expect(parse(`log other moc ${'字'.repeat(2000)}`)).toMatchObject({ kind: 'log' });
    expect(refusal(`log other moc ${'字'.repeat(2001)}`)).toEqual({
      code: 'text_too_long',
      params: { what: 'notes', max: 2000 },
    });
  });
});
