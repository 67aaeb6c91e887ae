import { describe, expect, it } from 'vitest';
import { parseMention, splitMentionList } from '../../src/domain/mentions';

describe('parseMention', () => {
  it('reads escaped user mentions with or without a name', () => {
    expect(parseMention('<@U123ABC|ann.lee>')).toBe('U123ABC');
    expect(parseMention('<@U123>')).toBe('U123');
    expect(parseMention('<@W0GRID1>')).toBe('W0GRID1');
  });

  it('refuses what is not a user', () => {
    for (const word of ['@ann', '<!channel>', '<!here>', '<#C123|general>', 'U123', '<@U123', '<@c123>']) {
      expect(parseMention(word)).toBeNull();
    }
  });
});

describe('splitMentionList', () => {
  it('splits mentions glued or separated by , ， 、', () => {
    expect(splitMentionList('<@U1|a>,<@U2>，<@U3>、<@U4><@U5>')).toEqual([
      '<@U1|a>',
      '<@U2>',
      '<@U3>',
      '<@U4>',
      '<@U5>',
    ]);
  });

  it('returns stray text so it can be named in the answer', () => {
    expect(splitMentionList('<@U1>,@bob')).toEqual(['<@U1>', '@bob']);
  });
});
