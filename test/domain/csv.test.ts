import { describe, expect, it } from 'vitest';
import { activityLine, csvCell, csvHeader, findingLine } from '../../src/domain/csv';
import type { Activity, Finding } from '../../src/domain/types';

/** Splits one CSV line (RFC 4180, `""` inside quotes) back into its cells, as a spreadsheet reads it. */
function readLine(text: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/** What a spreadsheet runs as a formula: these first characters, once leading whitespace is gone. */
const FORMULA = /^[=+\-@]/;

describe('csvCell', () => {
  it('quotes every text, so separators, quotes and line breaks stay inside it (RFC 4180)', () => {
    const cases: [string, string][] = [
      ['plain', '"plain"'],
      ['a,b', '"a,b"'],
      ['a;=1+1', '"a;=1+1"'],
      ['say "hi"', '"say ""hi"""'],
      ['two\nlines', '"two\nlines"'],
      ['台账不全', '"台账不全"'],
      ['', '""'],
    ];
    for (const [text, cell] of cases) expect(csvCell(text), JSON.stringify(text)).toBe(cell);
    expect(csvCell(3)).toBe('3');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula, also behind spaces and in full-width forms', () => {
    const formulas = [
      '=1+1',
      '@SUM(A1)',
      '+86 10 1234',
      '-2+3',
      ' =1+1',
      '  @x',
      '\u3000=1+1',
      '\t=1+1',
      '\r=1+1',
      '\n=1+1',
      '\u00a0=1+1',
      '＝1+1',
      '＋1',
      '－1',
      '＠SUM(A1)',
      '﹦1+1',
      ' ＝HYPERLINK("http://x")',
      '\tplain after a tab',
    ];
    for (const text of formulas) {
      const cell = csvCell(text);
      expect(cell, JSON.stringify(text)).toBe(`"'${text.replaceAll('"', '""')}"`);
    }
  });

  it('leaves ordinary text as it was, only quoted', () => {
    for (const text of ['a=1', '1+1', 'a-b', 'mail@example.com', '５+5', '（=）', '"=x"']) {
      expect(csvCell(text), JSON.stringify(text)).toBe(`"${text.replaceAll('"', '""')}"`);
      expect(readLine(csvCell(text))).toEqual([text]);
    }
  });

  it('for every mix of dangerous characters: one cell, read back as written, never starting a formula', () => {
    const parts = [
      '=',
      '+',
      '-',
      '@',
      '＝',
      '＋',
      '＠',
      ' ',
      '\u3000',
      '\t',
      '\r',
      '\n',
      ',',
      ';',
      '"',
      'a',
      '1',
      '台',
    ];
    // Every text of up to three parts: 18 + 18² + 18³ cases.
    const texts: string[] = [''];
    for (let round = 0; round < 3; round++) {
      for (const t of texts.filter((x) => x.length >= round)) for (const p of parts) texts.push(t + p);
    }
    for (const text of new Set(texts)) {
      const cells = readLine(csvCell(text));
      expect(cells).toHaveLength(1);
      const read = cells[0] as string;
      // What was written is what is read, but for the guard's leading quote.
      expect(read === text || read === `'${text}`).toBe(true);
      expect(FORMULA.test(read.normalize('NFKC').trimStart()) || /^[\t\r]/.test(read)).toBe(false);
    }
  });
});

const activity: Activity = {
  id: 1,
  unitKey: 'moc',
  type: 'interview',
  date: '2026-11-20',
  count: 3,
  notes: '访谈, "要点"',
  userId: 'U1',
  createdAt: 0,
};

const finding: Finding = {
  id: 2,
  unitKey: 'moc',
  text: '=台账不全',
  due: '2026-12-01',
  createdBy: 'U1',
  createdAt: 0,
  owner: 'U2',
  severity: 'high',
  status: 'open',
  plan: null,
  doneBy: null,
  doneAt: null,
  doneNotes: null,
  closedBy: null,
  closedAt: null,
  history: [{ step: 'raise', by: 'U1', at: 0, notes: '' }],
};

describe('export lines', () => {
  const names = new Map([['moc', '商务部']]);

  it('starts with a byte order mark, for Chinese text in spreadsheet programs, and the column names', () => {
    expect(csvHeader().startsWith('\uFEFFrecord,id,unit_key,unit_name,date,')).toBe(true);
    expect(csvHeader().endsWith('\r\n')).toBe(true);
  });

  it('writes an activity as one line with the unit name and the type in the group language', () => {
    const line = activityLine(activity, names, 'zh');
    expect(line.endsWith('\r\n')).toBe(true);
    expect(readLine(line.slice(0, -2))).toEqual([
      'activity',
      '1',
      'moc',
      '商务部',
      '2026-11-20',
      'interview',
      '个别访谈',
      '3',
      '访谈, "要点"',
      'U1',
      '',
      '',
      '',
      '',
      '1970-01-01T00:00:00.000Z',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
  });

  it('keeps a record that came from a Slack message with its link, in the column the header names', () => {
    const link = 'https://team.slack.com/archives/C0GROUP/p1700000000000100';
    const header = readLine(csvHeader().slice(1, -2));
    const at = header.indexOf('link');
    expect(readLine(activityLine({ ...activity, link }, names, 'en').slice(0, -2))[at]).toBe(link);
    const cells = readLine(findingLine({ ...finding, link }, names).slice(0, -2));
    expect(cells).toHaveLength(header.length);
    expect(cells[at]).toBe(link);
  });

  it('writes a finding as one line, its text defused', () => {
    const cells = readLine(findingLine(finding, names).slice(0, -2));
    expect(cells.slice(0, 4)).toEqual(['finding', '2', 'moc', '商务部']);
    expect(cells[8]).toBe(`'=台账不全`);
    expect(cells.slice(10, 12)).toEqual(['open', '2026-12-01']);
  });

  it('writes who owns a finding, its severity, its plan and who closed it when, under their column names', () => {
    const header = readLine(csvHeader().slice(1, -2));
    const closed: Finding = {
      ...finding,
      status: 'closed',
      plan: 'new ledger',
      closedBy: 'U3',
      closedAt: 86_400_000,
    };
    const cells = readLine(findingLine(closed, names).slice(0, -2));
    const cell = (name: string) => cells[header.indexOf(name)];
    expect([cell('status'), cell('owner'), cell('severity'), cell('plan'), cell('closed_by')]).toEqual([
      'closed',
      'U2',
      'high',
      'new ledger',
      'U3',
    ]);
    expect(cell('closed_at')).toBe('1970-01-02T00:00:00.000Z');
  });
});
