import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/parse';
import { userErrorOf } from './expect-user-error';

const ctx = { today: '2026-11-18' };
const parse = (text: string) => parseCommand(text, ctx);
const refusal = (text: string) => userErrorOf(() => parse(text));

describe('meeting', () => {
  it('sets the weekly meeting, with an optional reminder lead', () => {
    expect(parse('meeting wed 15:00')).toEqual({
      kind: 'meeting_set',
      weekday: 3,
      time: '15:00',
      remindMinutes: null,
    });
    expect(parse('例会 周三 9：30 remind=90')).toEqual({
      kind: 'meeting_set',
      weekday: 3,
      time: '09:30',
      remindMinutes: 90,
    });
  });

  it('turns the meeting off or skips one', () => {
    expect(parse('meeting off')).toEqual({ kind: 'meeting_off' });
    expect(parse('会议 关闭')).toEqual({ kind: 'meeting_off' });
    expect(parse('meeting skip')).toEqual({ kind: 'meeting_skip', date: null });
    expect(parse('例会 跳过 2026年12月2日')).toEqual({ kind: 'meeting_skip', date: '2026-12-02' });
  });

  it('refuses bad weekdays, times and reminder leads', () => {
    expect(refusal('meeting someday 15:00')).toEqual({ code: 'bad_weekday', params: { value: 'someday' } });
    expect(refusal('meeting wed 25:00')).toEqual({ code: 'bad_time', params: { value: '25:00' } });
    expect(refusal('meeting wed')).toEqual({
      code: 'missing_argument',
      params: { what: 'time', usage: 'meeting' },
    });
    expect(refusal('meeting wed 15:00 remind=1441')).toEqual({
      code: 'bad_number',
      params: { name: 'remind', value: '1441', min: 0, max: 1440 },
    });
    expect(refusal('meeting skip 2026-02-30').code).toBe('bad_date');
    expect(refusal('meeting')).toEqual({ code: 'usage', params: { usage: 'meeting' } });
    expect(refusal('meeting wed 15:00 room 3')).toEqual({ code: 'usage', params: { usage: 'meeting' } });
  });
});

describe('digest and remind', () => {
  it('sets, stops and sends the digest', () => {
    expect(parse('digest fri 17:00')).toEqual({ kind: 'digest_set', weekday: 5, time: '17:00' });
    expect(parse('周报 星期五 17:00')).toEqual({ kind: 'digest_set', weekday: 5, time: '17:00' });
    expect(parse('digest off')).toEqual({ kind: 'digest_off' });
    expect(parse('digest now')).toEqual({ kind: 'digest_now' });
    expect(refusal('digest fri 17:00 remind=5')).toEqual({
      code: 'unknown_option',
      params: { name: 'remind', usage: 'digest' },
    });
  });

  it('sends the reminder now, and nothing else', () => {
    expect(parse('remind now')).toEqual({ kind: 'remind_now' });
    expect(refusal('remind')).toEqual({ code: 'usage', params: { usage: 'remind' } });
  });
});

describe('coverage', () => {
  it('sets the threshold in days', () => {
    expect(parse('coverage 14')).toEqual({ kind: 'coverage', days: 14 });
    expect(parse('覆盖 14天')).toEqual({ kind: 'coverage', days: 14 });
  });

  it('refuses a missing or out-of-range number', () => {
    expect(refusal('coverage')).toEqual({
      code: 'missing_argument',
      params: { what: 'days', usage: 'coverage' },
    });
    expect(refusal('coverage 0')).toEqual({
      code: 'bad_number',
      params: { name: 'days', value: '0', min: 1, max: 365 },
    });
    expect(refusal('coverage 366').code).toBe('bad_number');
    expect(refusal('coverage 1.5').code).toBe('bad_number');
  });
});

describe('export', () => {
  it('takes an optional range', () => {
    expect(parse('export')).toEqual({ kind: 'export', from: null, to: null });
    expect(parse('export from=2026-11-01 to=2026/11/30')).toEqual({
      kind: 'export',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(parse('导出 FROM＝2026-11-01')).toEqual({ kind: 'export', from: '2026-11-01', to: null });
  });

  it('refuses a reversed range or a bad date', () => {
    expect(refusal('export from=2026-11-30 to=2026-11-01')).toEqual({
      code: 'bad_range',
      params: { from: '2026-11-30', to: '2026-11-01' },
    });
    expect(refusal('export from=2026-02-30')).toEqual({ code: 'bad_date', params: { value: '2026-02-30' } });
    expect(refusal('export 2026-11-01')).toEqual({ code: 'usage', params: { usage: 'export' } });
  });
});
