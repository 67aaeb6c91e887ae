import { describe, expect, it } from 'vitest';
import { checkNewFinding, FINDING_TEXT_MAX } from '../../src/domain/new-finding';

const today = '2026-11-20';

describe('checkNewFinding', () => {
  it('accepts a unit, a trimmed text and a due date from today on', () => {
    expect(checkNewFinding({ unit: 'moc', text: '  no minutes kept ', due: today }, today)).toEqual({
      ok: true,
      value: { unit: 'moc', text: 'no minutes kept', due: today },
    });
    expect(checkNewFinding({ unit: 'moc', text: 'x', due: null }, today)).toMatchObject({
      ok: true,
      value: { due: null },
    });
  });

  it('names every wrong field: no unit, blank text, a past due date', () => {
    const checked = checkNewFinding({ unit: null, text: '   ', due: '2026-11-19' }, today);
    expect(checked).toEqual({
      ok: false,
      issues: [
        { field: 'unit', code: 'missing' },
        { field: 'text', code: 'missing' },
        { field: 'due', code: 'past_date' },
      ],
    });
  });

  it('counts the text in characters as the command line does, and refuses a date that is not one', () => {
    const fits = '问'.repeat(FINDING_TEXT_MAX);
    expect(checkNewFinding({ unit: 'moc', text: fits }, today).ok).toBe(true);
    expect(checkNewFinding({ unit: 'moc', text: `${'😀'.repeat(FINDING_TEXT_MAX)}` }, today).ok).toBe(true);
    expect(checkNewFinding({ unit: 'moc', text: `${fits}问` }, today)).toEqual({
      ok: false,
      issues: [{ field: 'text', code: 'too_long' }],
    });
    expect(checkNewFinding({ unit: 'moc', text: 'x', due: '2026-02-30' }, today)).toEqual({
      ok: false,
      issues: [{ field: 'due', code: 'bad_date' }],
    });
  });
});
