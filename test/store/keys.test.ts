import { describe, expect, it } from 'vitest';
import { InvalidIdError } from '../../src/domain/errors';
import { type TeamKeys, teamKeys } from '../../src/store/keys';

/** Every key builder of a team, called with ordinary ids. */
function allKeys(keys: TeamKeys): string[] {
  return [
    keys.channel('C1'),
    keys.userGroups('U1'),
    keys.group('C1'),
    keys.members('C1'),
    keys.units('C1'),
    keys.unitOrder('C1'),
    keys.activities('C1'),
    keys.activitiesByDate('C1'),
    keys.unitActivities('C1', 'moc'),
    keys.userActivities('C1', 'U1'),
    keys.findings('C1'),
    keys.unitOpenFindings('C1', 'moc'),
    keys.audit('C1'),
  ];
}

/** What Redis Cluster hashes: the text between the first `{` and the next `}`. */
function hashTag(key: string): string | null {
  const open = key.indexOf('{');
  const close = key.indexOf('}', open + 1);
  return open >= 0 && close > open + 1 ? key.slice(open + 1, close) : null;
}

describe('teamKeys', () => {
  it('puts every key of a team under the prefix and the team’s hash tag, all distinct', () => {
    const keys = allKeys(teamKeys('dd', 'T123'));
    for (const key of keys) {
      expect(key.startsWith('dd:{T123}:')).toBe(true);
      expect(hashTag(key)).toBe('T123');
    }
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('refuses ids that could break out of the hash tag or into another key', () => {
    expect(() => teamKeys('dd', 'T1}:x')).toThrow(InvalidIdError);
    expect(() => teamKeys('dd', '{T2}')).toThrow(InvalidIdError);
    const keys = teamKeys('dd', 'T1');
    expect(() => keys.group('C1}:{T2')).toThrow(InvalidIdError);
    expect(() => keys.members('C1:members')).toThrow(InvalidIdError);
    expect(() => keys.userGroups('U1{')).toThrow(InvalidIdError);
    expect(() => keys.channel('c1')).toThrow(InvalidIdError);
    expect(() => keys.unitActivities('C1', 'moc:acts')).toThrow(InvalidIdError);
    expect(() => keys.unitOpenFindings('C1', 'm}')).toThrow(InvalidIdError);
  });

  it('accepts the ids Slack hands out', () => {
    const keys = teamKeys('dd', 'E0123ABCD');
    expect(keys.userActivities('C0123456789', 'W0123ABCD')).toBe(
      'dd:{E0123ABCD}:g:C0123456789:user:W0123ABCD:acts',
    );
  });
});
