import { describe, expect, it } from 'vitest';
import { checkNewActivity, type NewActivityInput } from '../../src/domain/new-activity';

// A Wednesday.
const today = '2026-11-18';
const valid = { type: 'interview', unit: 'moc', date: '2026-11-16' };
const check = (fields: NewActivityInput) => checkNewActivity({ ...valid, ...fields }, today);
const issues = (fields: NewActivityInput) => {
  const checked = check(fields);
  return checked.ok ? [] : checked.issues;
};

describe('checkNewActivity', () => {
  it('accepts the fields, with a count of 1 and no notes when not given', () => {
    expect(checkNewActivity(valid, today)).toEqual({
      ok: true,
      value: { type: 'interview', unit: 'moc', date: '2026-11-16', count: 1, notes: '' },
    });
  });

  it('takes counts from 1 to 1000 and refuses 0, 1001 and anything not a whole number', () => {
    expect(check({ count: '1' })).toMatchObject({ ok: true, value: { count: 1 } });
    expect(check({ count: '1000' })).toMatchObject({ ok: true, value: { count: 1000 } });
    for (const count of ['0', '1001', '1.5', '2.0', '-3', '1e2', 'two', '']) {
      expect(issues({ count })).toEqual([
        { field: 'count', code: 'bad_number', params: { name: 'n', value: count, min: 1, max: 1000 } },
      ]);
    }
  });

  it('takes today and earlier, refuses a later date and a date that does not exist', () => {
    expect(check({ date: today })).toMatchObject({ ok: true, value: { date: today } });
    expect(issues({ date: '2026-11-19' })).toEqual([
      { field: 'date', code: 'future_date', params: { value: '2026-11-19' } },
    ]);
    for (const date of ['2026-02-30', '2025-02-29', '2026-13-01', '2026/11/16', '2026-1-5', 'yesterday']) {
      expect(issues({ date })).toEqual([{ field: 'date', code: 'bad_date', params: { value: date } }]);
    }
    expect(check({ date: '2024-02-29' }).ok).toBe(true);
  });

  it('counts notes in code points: 2000 emoji are accepted, 2001 refused', () => {
    const notes = '😀'.repeat(2000);
    expect(notes.length).toBe(4000);
    expect(check({ notes })).toMatchObject({ ok: true, value: { notes } });
    expect(issues({ notes: `${notes}😀` })).toEqual([
      { field: 'notes', code: 'text_too_long', params: { what: 'notes', max: 2000 } },
    ]);
    expect(check({ notes: `  ${'字'.repeat(2000)}\n` })).toMatchObject({
      value: { notes: '字'.repeat(2000) },
    });
  });

  it('refuses an unknown type and a missing type, unit or date as the command line does', () => {
    expect(issues({ type: 'lunch' })).toEqual([
      { field: 'type', code: 'bad_type', params: { value: 'lunch' } },
    ]);
    expect(issues({ unit: '' })).toEqual([
      { field: 'unit', code: 'missing_argument', params: { what: 'unit', usage: 'log' } },
    ]);
    expect(checkNewActivity({}, today)).toEqual({
      ok: false,
      issues: ['type', 'unit', 'date'].map((what) => ({
        field: what,
        code: 'missing_argument',
        params: { what, usage: 'log' },
      })),
    });
  });

  it('lists one issue per wrong field, in the order a command line gives them', () => {
    const all = issues({ type: 'x', unit: '', date: '2999-01-01', count: '0', notes: 'n'.repeat(2001) });
    expect(all.map((i) => i.field)).toEqual(['type', 'unit', 'date', 'count', 'notes']);
  });
});
