import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/domain/tokenize';

const values = (text: string) => tokenize(text).map((t) => t.value);

describe('tokenize', () => {
  it('splits on any run of whitespace', () => {
    expect(values('  log\tinterview   moc\n')).toEqual(['log', 'interview', 'moc']);
  });

  it('groups double- and single-quoted words and marks them quoted', () => {
    const tokens = tokenize(`unit add "Ministry of Commerce" 'a b'`);
    expect(tokens.map((t) => [t.value, t.quoted])).toEqual([
      ['unit', false],
      ['add', false],
      ['Ministry of Commerce', true],
      ['a b', true],
    ]);
  });

  it('reads a quoted value after key=', () => {
    expect(tokenize(`name="New name" kind='state owned'`).map((t) => [t.value, t.quoted])).toEqual([
      ['name=New name', false],
      ['kind=state owned', false],
    ]);
  });

  it('keeps apostrophes inside words', () => {
    expect(values("we didn't finish")).toEqual(['we', "didn't", 'finish']);
  });

  it('keeps an unclosed quote as a plain character', () => {
    expect(tokenize('"Ministry of').map((t) => [t.value, t.quoted])).toEqual([
      ['"Ministry', false],
      ['of', false],
    ]);
  });

  it('keeps Slack markup whole even when its label has spaces', () => {
    expect(values('add <@U1|Ann Lee>,<@U2> x')).toEqual(['add', '<@U1|Ann Lee>,<@U2>', 'x']);
  });

  it('gives offsets that cut the raw text', () => {
    const text = 'log interview  moc   "met the head"  twice';
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual([
      'log',
      'interview',
      'moc',
      '"met the head"',
      'twice',
    ]);
  });
});
