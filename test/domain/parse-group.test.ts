import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/parse';
import { userErrorOf } from './expect-user-error';

const ctx = { today: '2026-11-18' };
const parse = (text: string) => parseCommand(text, ctx);
const refusal = (text: string) => userErrorOf(() => parse(text));

describe('unit add', () => {
  it('takes a quoted name and derives the key from an ASCII name', () => {
    expect(parse('unit add "Ministry of Commerce" kind=ministry')).toEqual({
      kind: 'unit_add',
      name: 'Ministry of Commerce',
      key: 'ministry-of-commerce',
      unitKind: 'ministry',
      liaisons: null,
    });
  });

  it('takes an unquoted name from all non-option words', () => {
    expect(parse('unit add Ministry of Commerce key=MOC')).toMatchObject({
      name: 'Ministry of Commerce',
      key: 'moc',
    });
  });

  it('leaves the key to be derived for a Chinese name', () => {
    expect(parse('单位 添加 国家发展和改革委员会（发改委） kind=部委')).toEqual({
      kind: 'unit_add',
      name: '国家发展和改革委员会（发改委）',
      key: null,
      unitKind: '部委',
      liaisons: null,
    });
  });

  it('gives liaison= every mention that follows it', () => {
    expect(parse('unit add moc liaison=<@U1|ann> <@U2|bo>、<@U3> kind=ministry')).toMatchObject({
      name: 'moc',
      unitKind: 'ministry',
      liaisons: ['U1', 'U2', 'U3'],
    });
    expect(parse('unit add "Big Co" liaison= <@U1>')).toMatchObject({ name: 'Big Co', liaisons: ['U1'] });
  });

  it('refuses a bad key, a missing name, a stray mention, a bad liaison', () => {
    expect(refusal('unit add Foo key=-foo')).toEqual({ code: 'bad_key', params: { value: '-foo' } });
    expect(refusal('unit add Foo key=foo.bar')).toEqual({ code: 'bad_key', params: { value: 'foo.bar' } });
    expect(refusal(`unit add Foo key=${'a'.repeat(33)}`).code).toBe('bad_key');
    expect(refusal('unit add key=foo')).toEqual({
      code: 'missing_argument',
      params: { what: 'name', usage: 'unit' },
    });
    expect(refusal('unit add Foo <@U1>')).toEqual({ code: 'usage', params: { usage: 'unit' } });
    expect(refusal('unit add Foo liaison=@ann')).toEqual({ code: 'bad_user', params: { value: '@ann' } });
    expect(refusal('unit add Foo liaison=')).toEqual({
      code: 'missing_argument',
      params: { what: 'user', usage: 'unit' },
    });
    expect(refusal('unit add Foo name=Bar')).toEqual({
      code: 'unknown_option',
      params: { name: 'name', usage: 'unit' },
    });
    expect(refusal(`unit add ${'名'.repeat(81)}`)).toEqual({
      code: 'text_too_long',
      params: { what: 'name', max: 80 },
    });
  });
});

describe('unit edit and archive', () => {
  it('changes name, kind and liaisons', () => {
    expect(parse('unit edit moc name="Ministry of Trade" kind=ministry liaison=<@U2>')).toEqual({
      kind: 'unit_edit',
      unit: 'moc',
      name: 'Ministry of Trade',
      unitKind: 'ministry',
      liaisons: ['U2'],
    });
  });

  it('clears liaisons with none or -', () => {
    expect(parse('unit edit moc liaison=none')).toMatchObject({ liaisons: [], name: null, unitKind: null });
    expect(parse('单位 修改 发改委 liaison=-')).toMatchObject({ unit: '发改委', liaisons: [] });
  });

  it('needs at least one change', () => {
    expect(refusal('unit edit moc')).toEqual({ code: 'usage', params: { usage: 'unit' } });
    expect(refusal('unit edit name=x')).toEqual({
      code: 'missing_argument',
      params: { what: 'unit', usage: 'unit' },
    });
    expect(refusal('unit edit moc name=')).toEqual({
      code: 'missing_argument',
      params: { what: 'name', usage: 'unit' },
    });
    expect(refusal('unit edit moc key=x')).toEqual({
      code: 'unknown_option',
      params: { name: 'key', usage: 'unit' },
    });
  });

  it('archives by any unit reference', () => {
    expect(parse('unit archive Ministry of Commerce')).toEqual({
      kind: 'unit_archive',
      unit: 'Ministry of Commerce',
    });
    expect(parse('单位 归档 发改')).toEqual({ kind: 'unit_archive', unit: '发改' });
    expect(refusal('unit archive')).toEqual({
      code: 'missing_argument',
      params: { what: 'unit', usage: 'unit' },
    });
  });

  it('refuses an unknown verb', () => {
    expect(refusal('unit rename moc x')).toEqual({ code: 'usage', params: { usage: 'unit' } });
  });
});
