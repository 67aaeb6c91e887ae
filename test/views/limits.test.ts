import { describe, expect, it } from 'vitest';
import { packLines, packWithin, truncate } from '../../src/views/limits';

describe('truncate', () => {
  it('keeps short text as it is', () => {
    expect(truncate('abc', 3)).toBe('abc');
  });

  it('cuts to the limit with an ellipsis', () => {
    const out = truncate('abcdefghij', 5);
    expect(out).toBe('abcd…');
    expect(out.length).toBeLessThanOrEqual(5);
  });

  it('never cuts inside a mention, which would show as broken markup', () => {
    const s = 'note for <@U0WANG001> about this';
    for (let max = 10; max < 22; max++) {
      const out = truncate(s, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(/<@[^>]*…$/);
      expect(out).toMatch(/^note for (<@U0WANG001> ?)?…$/);
    }
  });

  it('never cuts inside an entity such as &amp;', () => {
    const s = 'R&amp;D and &lt;more&gt;';
    for (let max = 2; max < s.length; max++) {
      const out = truncate(s, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.slice(0, -1)).not.toMatch(/&[a-z]*$/);
    }
  });

  it('never splits an emoji in two', () => {
    const out = truncate('ab😀cd', 4);
    expect(out).toBe('ab…');
  });
});

describe('packLines', () => {
  it('fills sections up to the limit without splitting a line', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i} `.padEnd(100, '.'));
    const texts = packLines(lines, 1000);
    expect(texts.every((t) => t.length <= 1000)).toBe(true);
    expect(texts.join('\n').split('\n')).toEqual(lines);
    expect(texts.length).toBe(Math.ceil(100 / 9));
  });

  it('truncates a single line that is longer than a section', () => {
    const texts = packLines(['x'.repeat(5000)]);
    expect(texts).toHaveLength(1);
    expect(texts[0]?.length).toBeLessThanOrEqual(3000);
  });
});

describe('packWithin', () => {
  it('keeps everything when it fits', () => {
    expect(packWithin(['a', 'b'], 1, (n) => `+${n}`)).toEqual(['a\nb']);
  });

  it('keeps the first lines in order and counts the rest', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `unit ${i}`.padEnd(200, '.'));
    const texts = packWithin(lines, 5, (n) => `…and ${n} more`, 3000);
    expect(texts).toHaveLength(5);
    expect(texts.every((t) => t.length <= 3000)).toBe(true);
    const shown = texts.join('\n').split('\n');
    const more = shown.pop();
    expect(shown).toEqual(lines.slice(0, shown.length));
    expect(more).toBe(`…and ${300 - shown.length} more`);
  });
});
