import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command, CommandKind } from '../../src/domain/command';
import { isUserError } from '../../src/domain/errors';
import {
  type FindingMove,
  type FindingMoveStep,
  moveFinding,
  raisedFinding,
} from '../../src/domain/finding-states';
import { UNDO_WINDOW_MINUTES } from '../../src/domain/new-activity';
import { actionOf, can } from '../../src/domain/permissions';
import type { Finding, FindingStatus, Member, Role, Unit } from '../../src/domain/types';
import { createRedis } from '../../src/store/redis';
import { RedisStore } from '../../src/store/redis-store';
import type { TeamStore } from '../../src/store/types';
import { actor, makeActivity, makeGroup, makeUnit } from '../store/fixture';
import { type OwnRedis, ownRedis } from '../support/redis-server';

/**
 * "Who may do what" (SPEC), written out once more as a small table, against the product: the
 * command-level check (`can(actionOf(command))`, run before any handler), the finding's state
 * machine (`moveFinding`, judged on the finding as stored), and in a real Redis the membership
 * writes (the store's scripts, judged on the roles as stored) and `undo` ("undo (own)"). The table
 * is the contract; the code must agree with it for random people, roles, records and sequences.
 */

const TODAY = '2026-03-02';
const NOW = Date.UTC(2026, 2, 2, 4);

/** The SPEC table's columns: leader / deputy, member, liaison only, anyone else. */
type Column = 'lead' | 'member' | 'liaison' | 'outsider';
const columnOf = (role: Role | null): Column =>
  role === 'leader' || role === 'deputy' ? 'lead' : role === null ? 'outsider' : role;

/** The SPEC table's rows. */
type Row = 'setup' | 'manage' | 'use' | 'rectify' | 'verify' | 'due';

/** `yes`, `no`, or yes only for one's own part of the record. */
type Cell = 'yes' | 'no' | 'owned' | 'raised';

const TABLE: Record<Row, Record<Column, Cell>> = {
  setup: { lead: 'yes', member: 'yes', liaison: 'yes', outsider: 'yes' },
  manage: { lead: 'yes', member: 'no', liaison: 'no', outsider: 'no' },
  use: { lead: 'yes', member: 'yes', liaison: 'yes', outsider: 'no' },
  // "findings they own" for members, "findings of their units" for liaisons: a liaison is a member
  // with units, so either part of the record lets any member rectify.
  rectify: { lead: 'yes', member: 'owned', liaison: 'owned', outsider: 'no' },
  verify: { lead: 'yes', member: 'raised', liaison: 'raised', outsider: 'no' },
  due: { lead: 'yes', member: 'no', liaison: 'no', outsider: 'no' },
};

/**
 * Each subcommand's row. `unit list` is the one read among the unit commands: every member needs
 * the keys to log (permissions.ts says so), so it is in the row of status, not of `unit`.
 */
const ROW: Record<CommandKind, Row> = {
  help: 'setup',
  setup: 'setup',
  member_add: 'manage',
  member_remove: 'manage',
  unit_add: 'manage',
  unit_list: 'use',
  unit_import: 'manage',
  unit_edit: 'manage',
  unit_archive: 'manage',
  log_form: 'use',
  log: 'use',
  undo: 'use',
  status: 'use',
  finding_add: 'use',
  finding_list: 'use',
  finding_show: 'use',
  finding_plan: 'rectify',
  finding_done: 'rectify',
  finding_verify: 'verify',
  finding_reopen: 'verify',
  finding_due: 'due',
  meeting_set: 'manage',
  meeting_off: 'manage',
  meeting_skip: 'manage',
  digest_set: 'manage',
  digest_off: 'manage',
  digest_now: 'manage',
  remind_now: 'manage',
  coverage: 'manage',
  export: 'use',
};

/** One command of each kind; a new kind fails typecheck here until it has a row and an example. */
const EXAMPLE: { [K in CommandKind]: Extract<Command, { kind: K }> } = {
  help: { kind: 'help', topic: null },
  setup: { kind: 'setup', name: 'G', tz: null, lang: null, posts: null, liaisonNames: null },
  member_add: { kind: 'member_add', users: ['U0B'], role: 'member' },
  member_remove: { kind: 'member_remove', user: 'U0B' },
  unit_add: { kind: 'unit_add', name: 'x', key: null, unitKind: null, liaisons: null },
  unit_list: { kind: 'unit_list' },
  unit_import: { kind: 'unit_import' },
  unit_edit: { kind: 'unit_edit', unit: 'x', name: 'y', unitKind: null, liaisons: null },
  unit_archive: { kind: 'unit_archive', unit: 'x' },
  log_form: { kind: 'log_form' },
  log: { kind: 'log', type: 'other', unit: 'x', date: TODAY, count: 1, notes: '' },
  undo: { kind: 'undo' },
  status: { kind: 'status', unit: null },
  finding_add: { kind: 'finding_add', unit: 'x', text: 't', due: null, owner: null, severity: null },
  finding_list: { kind: 'finding_list', unit: null, filter: 'open' },
  finding_show: { kind: 'finding_show', id: 1 },
  finding_plan: { kind: 'finding_plan', id: 1, notes: 'p' },
  finding_done: { kind: 'finding_done', id: 1, notes: '' },
  finding_verify: { kind: 'finding_verify', id: 1, notes: '' },
  finding_reopen: { kind: 'finding_reopen', id: 1, notes: 'r' },
  finding_due: { kind: 'finding_due', id: 1, date: '2026-04-01', notes: 'r' },
  meeting_set: { kind: 'meeting_set', weekday: 3, time: '15:00', remindMinutes: null },
  meeting_off: { kind: 'meeting_off' },
  meeting_skip: { kind: 'meeting_skip', date: null },
  digest_set: { kind: 'digest_set', weekday: 5, time: '17:00' },
  digest_off: { kind: 'digest_off' },
  digest_now: { kind: 'digest_now' },
  remind_now: { kind: 'remind_now' },
  coverage: { kind: 'coverage', days: 7 },
  export: { kind: 'export', from: null, to: null },
};
const KINDS = Object.keys(EXAMPLE) as CommandKind[];

const STEP_OF: Partial<Record<CommandKind, FindingMoveStep>> = {
  finding_plan: 'plan',
  finding_done: 'done',
  finding_verify: 'verify',
  finding_reopen: 'reopen',
  finding_due: 'due',
};
/** The states each step starts from (SPEC "Findings"): the permission is judged where the step applies. */
const STARTS: Record<FindingMoveStep, FindingStatus[]> = {
  plan: ['open', 'rectifying'],
  done: ['open', 'rectifying'],
  verify: ['waiting'],
  reopen: ['waiting', 'closed'],
  due: ['open', 'rectifying', 'waiting'],
};

/** The people of a case: a few users, each a member of some role or not in the group. */
const PEOPLE = ['U0A', 'U0B', 'U0C', 'U0D', 'U0E'];
const roleOrNone = fc.constantFrom<Role | null>('leader', 'deputy', 'member', 'liaison', null);

interface Scene {
  members: Member[];
  unit: Unit;
  finding: Finding;
}

const scene = fc
  .record({
    roles: fc.array(roleOrNone, { minLength: PEOPLE.length, maxLength: PEOPLE.length }),
    liaisons: fc.subarray(PEOPLE),
    owner: fc.constantFrom(...PEOPLE),
    raiser: fc.constantFrom(...PEOPLE),
    doneBy: fc.constantFrom(...PEOPLE),
    statusPick: fc.nat(),
  })
  .map(({ roles, liaisons, owner, raiser, doneBy, statusPick }) => {
    const members = PEOPLE.flatMap((userId, i) => {
      const role = roles[i] ?? null;
      return role ? [{ userId, role }] : [];
    });
    const unit: Unit = { key: 'moc', name: 'Ministry', kind: '', liaisons, archived: false, createdAt: 0 };
    const raised = raisedFinding({
      unitKey: 'moc',
      text: 'x',
      due: '2026-03-20',
      createdBy: raiser,
      createdAt: 0,
      owner,
      severity: 'medium',
    });
    return { members, unit, raised, doneBy, statusPick };
  });

/** The finding in a state where `step` applies; marked done by `doneBy` when it waits or is closed. */
function findingFor(
  step: FindingMoveStep,
  s: { raised: Omit<Finding, 'id'>; doneBy: string; statusPick: number },
) {
  const status = STARTS[step][s.statusPick % STARTS[step].length] as FindingStatus;
  const done = status === 'waiting' || status === 'closed';
  return {
    id: 1,
    ...s.raised,
    status,
    doneBy: done ? s.doneBy : null,
    doneAt: done ? 1 : null,
    closedBy: status === 'closed' ? 'U0A' : null,
    closedAt: status === 'closed' ? 2 : null,
  } satisfies Finding;
}

/** What the table says `userId` may do with `kind`, on this scene's finding for the finding rows. */
function tableAllows(kind: CommandKind, userId: string, s: Scene): boolean {
  const role = s.members.find((m) => m.userId === userId)?.role ?? null;
  const cell = TABLE[ROW[kind]][columnOf(role)];
  if (cell === 'owned') return s.finding.owner === userId || s.unit.liaisons.includes(userId);
  if (cell === 'raised') return s.finding.createdBy === userId;
  return cell === 'yes';
}

/**
 * "Nobody verifies a finding that they themselves marked done, unless no other verifier exists in
 * the group": the table's verifiers other than the one who marked it done.
 */
function otherVerifiers(s: Scene): string[] {
  return s.members
    .map((m) => m.userId)
    .filter((u) => u !== s.finding.doneBy && tableAllows('finding_verify', u, s));
}

function moveOf(step: FindingMoveStep): FindingMove {
  return step === 'due' ? { step, to: '2026-04-01', notes: 'r' } : { step, notes: 'n' };
}

describe('permissions against the SPEC table', () => {
  it('every command, by anyone, on their own or others’ findings, is allowed as the table says', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.constantFrom(...PEOPLE), scene, (kind, userId, raw) => {
        const step = STEP_OF[kind];
        const finding = findingFor(step ?? 'plan', raw);
        const s: Scene = { members: raw.members, unit: raw.unit, finding };
        const role = s.members.find((m) => m.userId === userId)?.role ?? null;
        let want = tableAllows(kind, userId, s);
        const selfVerify = kind === 'finding_verify' && finding.doneBy === userId;
        if (want && selfVerify && otherVerifiers(s).length > 0) want = false;

        let got = can(actionOf(EXAMPLE[kind]), { role, userId });
        if (got && step) {
          const result = moveFinding(
            finding,
            moveOf(step),
            { userId, role },
            { ...s, today: TODAY, now: NOW },
          );
          got = result.ok;
          if (!result.ok) {
            // A refusal names who may take the step instead, as the table has it.
            const mayTake = s.members.map((m) => m.userId).filter((u) => tableAllows(kind, u, s));
            const expected = result.refusal.code === 'self_verify' ? otherVerifiers(s) : mayTake;
            // Judged in order: the table first, then (for one who may verify) who marked it done.
            expect(result.refusal.code).toBe(tableAllows(kind, userId, s) ? 'self_verify' : 'not_allowed');
            if ('who' in result.refusal) expect([...result.refusal.who].sort()).toEqual([...expected].sort());
          }
        }
        expect(got, `${kind} by ${userId} (${role ?? 'outsider'})`).toBe(want);
      }),
      { numRuns: 3000 },
    );
  });
});

/** A change of the members: the caller puts users in roles, or removes one. */
type MemberOp =
  | { op: 'put'; caller: string; entries: [string, Role][] }
  | { op: 'remove'; caller: string; user: string };

const ROLES: Role[] = ['leader', 'deputy', 'member', 'liaison'];
const memberOp: fc.Arbitrary<MemberOp> = fc.oneof(
  fc.record({
    op: fc.constant('put' as const),
    caller: fc.constantFrom(...PEOPLE),
    entries: fc.array(fc.tuple(fc.constantFrom(...PEOPLE), fc.constantFrom(...ROLES)), {
      minLength: 1,
      maxLength: 3,
    }),
  }),
  fc.record({
    op: fc.constant('remove' as const),
    caller: fc.constantFrom(...PEOPLE),
    user: fc.constantFrom(...PEOPLE),
  }),
);

type Refusal = 'forbidden' | 'leader_only' | 'last_leader' | 'not_member';

/**
 * The rules the SPEC and src/store/README.md give, each checked on its own: only a leader or a
 * deputy changes the members; only a leader makes, changes or removes a leader ("a deputy cannot
 * change a leader's role"); a group always keeps at least one leader; only a member can be removed.
 * The answer is every rule the change breaks; none means it happens.
 */
function broken(
  roles: ReadonlyMap<string, Role>,
  change: MemberOp,
): { refusals: Refusal[]; after: Map<string, Role> } {
  const callerRole = roles.get(change.caller);
  const refusals: Refusal[] = [];
  if (callerRole !== 'leader' && callerRole !== 'deputy') refusals.push('forbidden');
  const after = new Map(roles);
  if (change.op === 'remove') {
    if (!roles.has(change.user)) refusals.push('not_member');
    after.delete(change.user);
  } else {
    for (const [user, role] of change.entries) after.set(user, role);
  }
  const touchesLeader = [...new Set([...roles.keys(), ...after.keys()])].some(
    (u) => roles.get(u) !== after.get(u) && (roles.get(u) === 'leader' || after.get(u) === 'leader'),
  );
  if (touchesLeader && callerRole !== 'leader') refusals.push('leader_only');
  if (![...after.values()].includes('leader')) refusals.push('last_leader');
  return { refusals, after };
}

describe('member changes in the store against the same rules', () => {
  let redis: OwnRedis;
  let store: RedisStore;
  let team: TeamStore;
  beforeAll(async () => {
    redis = await ownRedis();
    store = new RedisStore({ redis: createRedis(redis.url), prefix: 'perm' });
    team = store.forTeam('T1');
  });
  afterAll(async () => {
    await store?.close();
    await redis?.dispose();
  });
  let groups = 0;

  it('random adds, role changes and removals by anyone are refused or done as the rules say', async () => {
    const start = fc.array(roleOrNone, { minLength: PEOPLE.length - 1, maxLength: PEOPLE.length - 1 });
    await fc.assert(
      fc.asyncProperty(start, fc.array(memberOp, { minLength: 1, maxLength: 15 }), async (others, ops) => {
        const groupId = `C0P${++groups}`;
        await team.createGroup(makeGroup(groupId, { createdBy: 'U0A' }), actor('U0A'));
        // The group's leader U0A first gives the others their roles, so that every column acts.
        const joined = PEOPLE.slice(1).flatMap((userId, i) => {
          const role = others[i] ?? null;
          return role ? [{ userId, role }] : [];
        });
        expect(await team.putMembers(groupId, joined, actor('U0A'))).toBe('ok');
        let roles = new Map<string, Role>([
          ['U0A', 'leader'],
          ...joined.map((m): [string, Role] => [m.userId, m.role]),
        ]);
        for (const change of ops) {
          const { refusals, after } = broken(roles, change);
          const answer =
            change.op === 'put'
              ? await team.putMembers(
                  groupId,
                  change.entries.map(([userId, role]) => ({ userId, role })),
                  actor(change.caller),
                )
              : await team.removeMember(groupId, change.user, actor(change.caller));
          const what = `${JSON.stringify(change)} on ${JSON.stringify([...roles])}`;
          if (refusals.length === 0) expect(answer, what).toBe(change.op === 'put' ? 'ok' : 'removed');
          else expect(refusals, what).toContain(answer);
          if (refusals.length === 0) roles = after;
          const stored = new Map((await team.getMembers(groupId)).map((m) => [m.userId, m.role]));
          expect(stored, what).toEqual(roles);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('undo takes back only the caller’s own last log, and only within the window', async () => {
    const WINDOW = UNDO_WINDOW_MINUTES * 60_000;
    const step = fc.record({
      op: fc.constantFrom('log', 'log', 'undo'),
      // U0E is in no group; the others are a leader, a member and a liaison.
      user: fc.constantFrom('U0A', 'U0B', 'U0C', 'U0E'),
      // Odd seconds on top, so that no log is ever exactly at the window's edge.
      later: fc.constantFrom(0, 1, 4, 7, 16).map((m) => m * 60_000 + 7_000),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 15 }), async (steps) => {
        const groupId = `C0U${++groups}`;
        let now = Date.UTC(2026, 2, 2, 4);
        await team.createGroup(makeGroup(groupId, { createdBy: 'U0A' }), actor('U0A', now));
        const roles: Member[] = [
          { userId: 'U0B', role: 'member' },
          { userId: 'U0C', role: 'liaison' },
        ];
        expect(await team.putMembers(groupId, roles, actor('U0A', now))).toBe('ok');
        expect(await team.addUnit(groupId, makeUnit('moc'), actor('U0A', now))).toBe('created');
        /** Each person's logs still there, oldest first: the model. */
        const logs = new Map<string, { id: number; at: number }[]>();
        for (const { op, user, later } of steps) {
          now += later;
          const own = logs.get(user) ?? [];
          logs.set(user, own);
          if (op === 'log') {
            const done = team.addActivity(
              groupId,
              makeActivity('moc', '2026-03-02', { userId: user, createdAt: now }),
              actor(user, now),
            );
            if (user === 'U0E') {
              await expect(done).rejects.toSatisfy((err) => isUserError(err) && err.code === 'not_member');
              continue;
            }
            own.push({ id: (await done).id, at: now });
            continue;
          }
          const last = own[own.length - 1];
          const want = last && last.at >= now - WINDOW ? last : null;
          const undone = await team.undoLastActivity(groupId, actor(user, now), WINDOW);
          expect(undone?.id ?? null, `${user} undo at ${now}`).toBe(want?.id ?? null);
          if (want) own.pop();
        }
        const stored = (await team.activitiesBetween(groupId, '2026-03-02', '2026-03-02')).map((a) => a.id);
        const kept = [...logs.values()].flat().map((l) => l.id);
        expect(stored.sort((a, b) => a - b)).toEqual(kept.sort((a, b) => a - b));
      }),
      { numRuns: 60 },
    );
  });
});
