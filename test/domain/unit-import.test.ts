import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IMPORT_MAX_UNITS,
  type ImportLine,
  type LineProblem,
  type ParsedImport,
  parseImportText,
  planImport,
  takenProblems,
} from '../../src/domain/unit-import';

function parsed(text: string): { lines: ImportLine[]; problems: LineProblem[] } {
  const result: ParsedImport = parseImportText(text);
  if (result.kind !== 'parsed') throw new Error(`not parsed: ${result.kind}`);
  return { lines: result.lines, problems: result.problems };
}

const fields = (l: ImportLine) => [l.name, l.key, l.kind, l.liaisons];

describe('parseImportText', () => {
  it('reads full-width commas, 、, a Chinese header, blank lines and picked people', () => {
    const text = [
      '名称，简称，类别，联络员',
      '',
      '商务部，moc，部委，<@U0WANG> <@U0LI|李娜>',
      '  教育部 、 moe 、 部委  ',
      '国家发展和改革委员会，，委员会，<@U0WANG>、<@U0ZHAO>',
      '   ',
      '财政部',
    ].join('\n');
    const { lines, problems } = parsed(text);
    expect(problems).toEqual([]);
    expect(lines.map(fields)).toEqual([
      ['商务部', 'moc', '部委', ['U0WANG', 'U0LI']],
      ['教育部', 'moe', '部委', []],
      ['国家发展和改革委员会', null, '委员会', ['U0WANG', 'U0ZHAO']],
      ['财政部', null, '', []],
    ]);
    expect(lines.map((l) => l.line)).toEqual([3, 4, 5, 7]);
  });

  it('takes the column order of an English header, and people right after the name', () => {
    const { lines, problems } = parsed(
      'Name, Kind, Key\nMinistry of Commerce, ministry, MOC\nMinistry of Finance, <@U0TOM>',
    );
    expect(problems).toEqual([]);
    expect(lines.map(fields)).toEqual([
      ['Ministry of Commerce', 'moc', 'ministry', []],
      ['Ministry of Finance', null, '', ['U0TOM']],
    ]);
  });

  it('keeps a quoted name whole, with its commas and doubled quotes, and reads tabs as columns', () => {
    const { lines, problems } = parsed(
      '"Transport, Ministry of", mot\n“Say ""hi"", Inc”\tsay\tcompany\n"发展，改革", ndrc',
    );
    expect(problems).toEqual([]);
    expect(lines.map(fields)).toEqual([
      ['Transport, Ministry of', 'mot', '', []],
      ['Say "hi", Inc', 'say', 'company', []],
      ['发展，改革', 'ndrc', '', []],
    ]);
  });

  it('names every bad line with what is wrong on it, by its line in the paste', () => {
    const text = [
      'Ministry of Commerce, moc',
      '"Open quote, moc2',
      ', nameless',
      'Ministry of Finance, Not A Key!',
      'Ministry of Culture, mcu, ministry, @Li Wei',
      'Ministry of Trade, moc',
      `${'x'.repeat(81)}, long`,
      'Ministry of Health, moh, ministry <@U0TOM>',
      'Ministry of Land, mol, ministry, <@U0TOM> and <@bogus>',
    ].join('\n');
    const { lines, problems } = parsed(text);
    expect(lines.map((l) => l.line)).toEqual([1, 6]);
    expect(problems).toEqual([
      { line: 2, code: 'open_quote' },
      { line: 3, code: 'no_name' },
      { line: 4, code: 'bad_key', value: 'Not A Key!' },
      { line: 5, code: 'not_a_mention', text: '@Li Wei' },
      { line: 7, code: 'name_too_long', max: 80 },
      { line: 8, code: 'misplaced_mention' },
      { line: 9, code: 'not_a_mention', text: 'and <@bogus>' },
      { line: 6, code: 'key_repeated', key: 'moc', first: 1 },
    ]);
  });

  it('refuses more columns than a header names when people are not last', () => {
    const { problems } = parsed('liaisons, name\n<@U0TOM>, Ministry, extra');
    expect(problems).toEqual([{ line: 2, code: 'too_many_fields', max: 2 }]);
  });

  it('answers an empty paste, a header alone, and one past the limit as such', () => {
    expect(parseImportText('  \n\n')).toEqual({ kind: 'empty' });
    expect(parseImportText('name, key, kind, liaisons\n')).toEqual({ kind: 'empty' });
    const units = (n: number) => Array.from({ length: n }, (_, i) => `Unit ${i}`).join('\n');
    expect(parseImportText(units(IMPORT_MAX_UNITS)).kind).toBe('parsed');
    expect(parseImportText(units(IMPORT_MAX_UNITS + 1))).toEqual({
      kind: 'too_many',
      count: IMPORT_MAX_UNITS + 1,
      max: IMPORT_MAX_UNITS,
    });
  });

  it('skips the column line the form’s hint shows, copied as it is', () => {
    expect(parseImportText('name, key, kind, @liaison …\n').kind).toBe('empty');
    expect(parseImportText('名称，简称，类别，@联络员……\n').kind).toBe('empty');
  });

  it('reads a second line of column words as a unit', () => {
    const { lines } = parsed('name, key\nunit, code');
    expect(lines.map(fields)).toEqual([['unit', 'code', '', []]]);
  });
});

/** Names that survive a round trip: no separators, quotes or markup, no edge spaces, not empty. */
const plainName = fc
  .array(fc.constantFrom(...'abcXYZ019 -()（）.商务部发改委'.split('')), { minLength: 1, maxLength: 30 })
  .map((cs) => cs.join('').trim())
  .filter((s) => s !== '' && !/^(name|unit|名称|单位)$/i.test(s));
/** Any name: with commas, quotes, full-width commas and 、, written quoted. */
const anyName = fc
  .array(fc.constantFrom(...'ab 1,，、"\'商-'.split('')), { minLength: 1, maxLength: 30 })
  .map((cs) => cs.join('').trim())
  .filter((s) => s !== '');
const key = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,31}$/);
const userId = fc.stringMatching(/^U[A-Z0-9]{2,10}$/);
const sep = fc.constantFrom(',', '，', '、', ' , ', '\t', ' ，');
const unitArb = fc.record({
  name: plainName,
  key: fc.option(key, { nil: null }),
  kind: fc.option(plainName, { nil: '' }),
  liaisons: fc.uniqueArray(userId, { maxLength: 3 }),
});

describe('parseImportText, for any paste', () => {
  it('reads back what was written, whatever the separators, spacing, header and blank lines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(unitArb, sep, fc.boolean()), { minLength: 1, maxLength: 20 }),
        fc.boolean(),
        (rows, header) => {
          // Keys given twice are a problem of their own (tested above): keep each key's first line.
          const seen = new Set<string>();
          const units = rows.map(([u]) => {
            const k = u.key !== null && seen.has(u.key) ? null : u.key;
            if (k) seen.add(k);
            return { ...u, key: k };
          });
          const text = [
            ...(header ? ['name, key, kind, liaisons'] : []),
            ...units.flatMap((u, i) => {
              const [, s, blankAfter] = rows[i]!;
              const cols = [u.name, u.key ?? '', u.kind];
              if (u.liaisons.length > 0) cols.push(u.liaisons.map((id) => `<@${id}>`).join(' '));
              return [`  ${cols.join(s)} `, ...(blankAfter ? [''] : [])];
            }),
          ].join('\n');
          const { lines, problems } = parsed(text);
          expect(problems).toEqual([]);
          expect(lines.map(fields)).toEqual(units.map((u) => [u.name, u.key, u.kind, u.liaisons]));
        },
      ),
    );
  });

  it('keeps any quoted name whole', () => {
    fc.assert(
      fc.property(anyName, key, (name, k) => {
        const { lines, problems } = parsed(`"${name.replace(/"/g, '""')}", ${k}`);
        expect(problems).toEqual([]);
        expect(lines.map(fields)).toEqual([[name, k, '', []]]);
      }),
    );
  });

  it('never throws, and every problem is on a line that has text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const result = parseImportText(text);
        if (result.kind !== 'parsed') return;
        const raw = text.split(/\r\n|\r|\n/);
        for (const p of result.problems) expect(raw[p.line - 1]?.trim()).toBeTruthy();
      }),
    );
  });
});

describe('planImport', () => {
  const line = (n: number, name: string, k: string | null = null): ImportLine => ({
    line: n,
    name,
    key: k,
    kind: '',
    liaisons: [],
  });

  it('makes keys from names as unit add does, around the group’s keys and the ones given', () => {
    const { units, taken } = planImport(
      [
        line(1, 'Ministry of Commerce'),
        line(2, '商务部'),
        line(3, 'MOC', 'ministry-of-commerce-2'),
        line(4, 'Ministry of Commerce'),
      ],
      { keys: new Set(['ministry-of-commerce']), count: 3 },
    );
    expect(taken).toEqual([]);
    expect(units.map((u) => [u.key, u.made])).toEqual([
      ['ministry-of-commerce-3', true],
      ['u5', true],
      ['ministry-of-commerce-2', false],
      ['ministry-of-commerce-4', true],
    ]);
  });

  it('names the lines whose given key the group already uses, archived or not', () => {
    const { taken } = planImport([line(2, 'A', 'moc'), line(5, 'B', 'mof')], {
      keys: new Set(['mof']),
      count: 1,
    });
    expect(taken).toEqual([{ line: 5, code: 'key_taken', key: 'mof', made: false }]);
  });

  it('gives every line a key of its own that the group does not hold', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(plainName, fc.option(key, { nil: null })), { maxLength: 30 }),
        fc.uniqueArray(key, { maxLength: 10 }),
        (rows, existing) => {
          const given = rows.flatMap(([, k]) => (k ? [k] : []));
          fc.pre(new Set(given).size === given.length && given.every((k) => !existing.includes(k)));
          const { units } = planImport(
            rows.map(([n, k], i) => line(i + 1, n, k)),
            { keys: new Set(existing), count: existing.length },
          );
          const keys = units.map((u) => u.key);
          expect(new Set(keys).size).toBe(keys.length);
          expect(keys.some((k) => existing.includes(k))).toBe(false);
          expect(units.filter((u) => !u.made).map((u) => u.key)).toEqual(given);
        },
      ),
    );
  });

  it('turns the keys the store found taken into the problems of their lines', () => {
    const { units } = planImport([line(3, 'Ministry of Commerce'), line(4, 'B', 'b')], {
      keys: new Set(),
      count: 0,
    });
    expect(takenProblems(units, ['ministry-of-commerce'])).toEqual([
      { line: 3, code: 'key_taken', key: 'ministry-of-commerce', made: true },
    ]);
  });
});
