import { describe, expect, it } from 'vitest';
import type { Unit } from '../../src/domain/types';
import { findUnit, resolveUnit, slugify, uniqueKey, unitNamedIn } from '../../src/domain/unit-lookup';
import { userErrorOf } from './expect-user-error';

function unit(key: string, name: string): Unit {
  return { key, name, kind: '', liaisons: [], archived: false, createdAt: 0 };
}

const units = [
  unit('moc', 'Ministry of Commerce'),
  unit('mof', 'Ministry of Finance'),
  unit('ndrc', '国家发展和改革委员会'),
  unit('ndrc-south', '国家发展和改革委员会南方局'),
  unit('edu', '教育部'),
  unit('fin', 'Moc Holdings'),
];

const keyOf = (ref: string) => {
  const m = findUnit(units, ref);
  return m.kind === 'found' ? m.unit.key : m.kind;
};

describe('findUnit', () => {
  it('finds by key in any case, before names and prefixes', () => {
    expect(keyOf('MOC')).toBe('moc');
    expect(keyOf('fin')).toBe('fin');
  });

  it('finds by exact name in any case and spacing', () => {
    expect(keyOf('ministry   of FINANCE')).toBe('mof');
    expect(keyOf('国家发展和改革委员会')).toBe('ndrc');
  });

  it('finds by a unique prefix of key or name, Chinese included', () => {
    expect(keyOf('教育')).toBe('edu');
    expect(keyOf('ministry of c')).toBe('moc');
    expect(keyOf('ed')).toBe('edu');
    expect(keyOf('国家发展和改革委员会南')).toBe('ndrc-south');
  });

  it('reports an ambiguous prefix with its candidates', () => {
    const m = findUnit(units, 'ministry');
    expect(m.kind).toBe('ambiguous');
    expect(m.kind === 'ambiguous' && m.candidates.map((u) => u.key)).toEqual(['moc', 'mof']);
    expect(findUnit(units, '国家').kind).toBe('ambiguous');
  });

  it('reports none for unknown or empty references', () => {
    expect(keyOf('xyz')).toBe('none');
    expect(keyOf('  ')).toBe('none');
  });
});

describe('resolveUnit', () => {
  it('returns the unit or answers with what went wrong', () => {
    expect(resolveUnit(units, 'edu').name).toBe('教育部');
    expect(userErrorOf(() => resolveUnit(units, 'xyz'))).toEqual({
      code: 'unknown_unit',
      params: { ref: 'xyz' },
    });
    expect(userErrorOf(() => resolveUnit(units, 'Mini'))).toEqual({
      code: 'ambiguous_unit',
      params: { ref: 'Mini', candidates: 'Ministry of Commerce (moc), Ministry of Finance (mof)' },
    });
  });

  it('names at most 10 candidates', () => {
    const many = Array.from({ length: 12 }, (_, i) => unit(`s${i}`, `School ${i}`));
    const { params } = userErrorOf(() => resolveUnit(many, 'school'));
    const listed = String(params.candidates).split(', ');
    expect(listed).toHaveLength(11);
    expect(listed.slice(0, 10).every((c) => /^School \d+ \(s\d+\)$/.test(c))).toBe(true);
    expect(listed[10]).toBe('…');
  });
});

describe('slugify and uniqueKey', () => {
  it('derives a lower-case dash slug from ASCII names only', () => {
    expect(slugify('Ministry of Commerce')).toBe('ministry-of-commerce');
    expect(slugify('  R&D -- Dept. #2 ')).toBe('r-d-dept-2');
    expect(slugify('国家发改委')).toBeNull();
    expect(slugify('Café')).toBeNull();
    expect(slugify('!!!')).toBeNull();
    expect(slugify('The National Development and Reform Commission')).toBe(
      'the-national-development-and-ref',
    );
    expect(slugify('abcdefghijklmnopqrstuvwxyzabcde fgh')).toBe('abcdefghijklmnopqrstuvwxyzabcde');
  });

  it('adds a number when the key is taken, staying within 32 characters', () => {
    expect(uniqueKey('moc', new Set())).toBe('moc');
    expect(uniqueKey('moc', new Set(['moc', 'moc-2']))).toBe('moc-3');
    const long = 'a'.repeat(32);
    const key = uniqueKey(long, new Set([long]));
    expect(key).toBe(`${'a'.repeat(30)}-2`);
  });
});

describe('unitNamedIn', () => {
  it('finds the one unit a message names, by its name in any case or its key as a word', () => {
    expect(unitNamedIn(units, 'Met the ministry of  FINANCE about the budget')).toBe('mof');
    expect(unitNamedIn(units, 'follow-up with edu next week')).toBe('edu');
    expect(unitNamedIn(units, '今天走访教育部，座谈两小时')).toBe('edu');
  });

  it('chooses nothing when several units or none are named, or a key is only part of a word', () => {
    // Both the commission and its southern bureau contain the commission's name.
    expect(unitNamedIn(units, '国家发展和改革委员会南方局调研')).toBeNull();
    expect(unitNamedIn(units, 'Ministry of Commerce and Ministry of Finance met')).toBeNull();
    expect(unitNamedIn(units, 'education and mocking')).toBeNull();
    expect(unitNamedIn(units, '')).toBeNull();
  });

  it('never chooses an archived unit', () => {
    const archived = [{ ...unit('edu', '教育部'), archived: true }];
    expect(unitNamedIn(archived, '走访教育部')).toBeNull();
  });
});
