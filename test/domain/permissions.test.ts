import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/domain/command';
import { type Action, actionOf, can } from '../../src/domain/permissions';
import type { Role } from '../../src/domain/types';

const ROLES: (Role | null)[] = ['leader', 'deputy', 'member', 'liaison', null];
/**
 * What every member may do. Moving a finding (`finding_change`) needs membership here; which step
 * each may take on which finding is the state machine's rule (test/domain/finding-states.test.ts).
 */
const MANAGE_AND_MEMBER: Action[] = [
  'log',
  'undo',
  'status',
  'finding_add',
  'finding_list',
  'finding_change',
  'export',
];

describe('can: the spec table', () => {
  it('lets anyone set up a new channel (the caller becomes its leader)', () => {
    for (const role of ROLES) expect(can('setup', { role, userId: 'U1' })).toBe(true);
  });

  it('lets only leaders and deputies manage members, units, meeting, digest, coverage, remind', () => {
    const allowed = ROLES.map((role) => can('manage', { role, userId: 'U1' }));
    expect(allowed).toEqual([true, true, false, false, false]);
  });

  it('lets every member log, undo, see status, add and list findings, export; nobody else', () => {
    for (const action of MANAGE_AND_MEMBER) {
      const allowed = ROLES.map((role) => can(action, { role, userId: 'U1' }));
      expect(allowed, action).toEqual([true, true, true, true, false]);
    }
  });
});

describe('actionOf', () => {
  const cases: [Command, Action][] = [
    [{ kind: 'setup', name: 'G', tz: null, lang: null, posts: null, liaisonNames: null }, 'setup'],
    [{ kind: 'help', topic: null }, 'setup'],
    [{ kind: 'member_add', users: ['U1'], role: 'member' }, 'manage'],
    [{ kind: 'member_remove', user: 'U1' }, 'manage'],
    [{ kind: 'unit_add', name: 'x', key: null, unitKind: null, liaisons: null }, 'manage'],
    [{ kind: 'unit_edit', unit: 'x', name: 'y', unitKind: null, liaisons: null }, 'manage'],
    [{ kind: 'unit_archive', unit: 'x' }, 'manage'],
    [{ kind: 'unit_list' }, 'status'],
    [{ kind: 'unit_import' }, 'manage'],
    [{ kind: 'meeting_set', weekday: 3, time: '15:00', remindMinutes: null }, 'manage'],
    [{ kind: 'meeting_off' }, 'manage'],
    [{ kind: 'meeting_skip', date: null }, 'manage'],
    [{ kind: 'digest_set', weekday: 5, time: '17:00' }, 'manage'],
    [{ kind: 'digest_off' }, 'manage'],
    [{ kind: 'digest_now' }, 'manage'],
    [{ kind: 'remind_now' }, 'manage'],
    [{ kind: 'coverage', days: 7 }, 'manage'],
    [{ kind: 'log_form' }, 'log'],
    [{ kind: 'log', type: 'other', unit: 'x', date: '2026-11-18', count: 1, notes: '' }, 'log'],
    [{ kind: 'undo' }, 'undo'],
    [{ kind: 'status', unit: null }, 'status'],
    [{ kind: 'finding_add', unit: 'x', text: 't', due: null, owner: null, severity: null }, 'finding_add'],
    [{ kind: 'finding_list', unit: null, filter: 'open' }, 'finding_list'],
    [{ kind: 'finding_show', id: 1 }, 'finding_list'],
    [{ kind: 'finding_plan', id: 1, notes: 'p' }, 'finding_change'],
    [{ kind: 'finding_done', id: 1, notes: '' }, 'finding_change'],
    [{ kind: 'finding_verify', id: 1, notes: '' }, 'finding_change'],
    [{ kind: 'finding_reopen', id: 1, notes: 'r' }, 'finding_change'],
    [{ kind: 'finding_due', id: 1, date: '2027-01-10', notes: 'r' }, 'finding_change'],
    [{ kind: 'export', from: null, to: null }, 'export'],
  ];

  it.each(cases)('maps %o to its permission', (command, action) => {
    expect(actionOf(command)).toBe(action);
  });

  it('keeps members from managing the group through any subcommand', () => {
    const member = { role: 'member' as const, userId: 'U1' };
    expect(
      can(actionOf({ kind: 'unit_add', name: 'x', key: null, unitKind: null, liaisons: null }), member),
    ).toBe(false);
    expect(can(actionOf({ kind: 'digest_now' }), member)).toBe(false);
    expect(can(actionOf({ kind: 'unit_list' }), member)).toBe(true);
  });
});
