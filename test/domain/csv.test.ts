import { describe, expect, it } from 'vitest';
import { csvCell, exportCsv } from '../../src/domain/csv';

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(3)).toBe('3');
    expect(csvCell(null)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+1')).toBe(`'=1+1`);
    expect(csvCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvCell('+86 10 1234')).toBe(`'+86 10 1234`);
    expect(csvCell(-3)).toBe('-3');
  });
});

describe('exportCsv', () => {
  it('writes activities and findings with unit names and a BOM for Chinese text', () => {
    const csv = exportCsv({
      lang: 'zh',
      units: [{ key: 'moc', name: '商务部', kind: '', liaisons: [], archived: false, createdAt: 0 }],
      activities: [
        {
          id: 1,
          unitKey: 'moc',
          type: 'interview',
          date: '2026-11-20',
          count: 3,
          notes: '访谈',
          userId: 'U1',
          createdAt: 0,
        },
      ],
      findings: [
        {
          id: 2,
          unitKey: 'moc',
          text: '台账不全',
          due: '2026-12-01',
          createdBy: 'U1',
          createdAt: 0,
          status: 'open',
          doneBy: null,
          doneAt: null,
          doneNotes: null,
        },
      ],
    });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      'activity,1,moc,商务部,2026-11-20,interview,个别访谈,3,访谈,U1,,,,,1970-01-01T00:00:00.000Z',
    );
    expect(lines[2]).toContain('finding,2,moc,商务部');
    expect(lines[2]).toContain('open,2026-12-01');
  });
});
