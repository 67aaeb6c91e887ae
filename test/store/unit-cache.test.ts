import { describe, expect, it } from 'vitest';
import { UnitCache, unitsAt } from '../../src/store/unit-cache';
import { makeUnit } from './fixture';

describe('UnitCache', () => {
  it('keeps the 500 groups used last, a read counting as a use', () => {
    const cache = new UnitCache();
    const entry = (i: number) => unitsAt(`v${i}`, [makeUnit(`u${i}`)]);
    for (let i = 0; i < 500; i++) cache.set(`g${i}`, entry(i));
    // g0 read (twice, the second time already the latest), then g1 and g499 written again.
    expect(cache.get('g0')?.version).toBe('v0');
    expect(cache.get('g0')?.version).toBe('v0');
    cache.set('g1', entry(1));
    cache.set('g499', entry(499));
    cache.set('g500', entry(500));
    cache.set('g501', entry(501));
    expect(cache.get('g2')).toBeUndefined();
    expect(cache.get('g3')).toBeUndefined();
    for (const kept of ['g0', 'g1', 'g4', 'g499', 'g500', 'g501']) expect(cache.get(kept)).toBeDefined();
  });

  it('never keeps units read without a version', () => {
    const cache = new UnitCache();
    cache.set('g', unitsAt('', [makeUnit('a')]));
    expect(cache.get('g')).toBeUndefined();
  });
});
