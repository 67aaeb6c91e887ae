import { describe, expect, it } from 'vitest';
import {
  chartJobData,
  dmJobData,
  findingsJobData,
  groupJobData,
  JOB_OPTIONS,
  pingsJobData,
  teamOf,
} from '../../jobs/queues';

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

describe('job data names the workspace, and its org when it has one', () => {
  const message = { text: 'hi', blocks: [] };
  const old = {
    digest: { trigger: 'schedule', teamId: 'T1', groupId: 'C1', pattern: '0 9 * * 1', tz: 'UTC' },
    now: { trigger: 'now', teamId: 'T1', groupId: 'C1', requestedBy: 'U1', requestedAt: 1 },
    pings: { teamId: 'T1', groupId: 'C1' },
    findings: { teamId: 'T1', groupId: 'C1', tz: 'UTC' },
    chart: { teamId: 'T1', groupId: 'C1', occurrence: '2026-W03', now: 1 },
    dm: { teamId: 'T1', groupId: 'C1', userId: 'U1', dedupeKey: 'k', message },
  };
  const schemas = {
    digest: groupJobData,
    now: groupJobData,
    pings: pingsJobData,
    findings: findingsJobData,
    chart: chartJobData,
    dm: dmJobData,
  };

  it('parses jobs written before enterprise ids, and with one', () => {
    for (const [name, data] of Object.entries(old) as [keyof typeof old, object][]) {
      const schema = schemas[name];
      expect(schema.parse(data), name).not.toHaveProperty('enterpriseId');
      expect(schema.parse({ ...data, enterpriseId: 'E0ORG' }), name).toMatchObject({ enterpriseId: 'E0ORG' });
      expect(schema.safeParse({ ...data, enterpriseId: 'e:0' }).success, name).toBe(false);
    }
  });

  it('gives the token source the team, and the enterprise only when there is one', () => {
    expect(teamOf({ teamId: 'T1' })).toEqual({ teamId: 'T1' });
    expect(teamOf({ teamId: 'T1', enterpriseId: undefined })).toEqual({ teamId: 'T1' });
    expect(teamOf({ teamId: 'T1', enterpriseId: 'E1' })).toEqual({ teamId: 'T1', enterpriseId: 'E1' });
  });
});
