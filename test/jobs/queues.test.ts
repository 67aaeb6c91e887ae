import { describe, expect, it } from 'vitest';
import { JOB_OPTIONS } from '../../jobs/queues';

describe('finished jobs kept in Redis', () => {
  it('are bounded by count as well as by age, failed ones included', () => {
    for (const kept of [JOB_OPTIONS.removeOnComplete, JOB_OPTIONS.removeOnFail]) {
      expect(kept).toMatchObject({ age: expect.any(Number), count: expect.any(Number) });
      const { age, count } = kept as { age: number; count: number };
      expect(age).toBeLessThanOrEqual(30 * 24 * 3600);
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThanOrEqual(10_000);
    }
  });
});
