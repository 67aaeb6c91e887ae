import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates';
import {
  canMoveNow,
  FINDING_HISTORY_MAX,
  type FindingMove,
  type FindingMoveStep,
  type MoveResult,
  moveFinding,
} from '../../src/domain/finding-states';
import type {
  EvidenceFile,
  Finding,
  FindingEvent,
  FindingStatus,
  IsoDate,
  Member,
  Role,
  Unit,
} from '../../src/domain/types';

/**
 * The rectification of a finding (SPEC "Findings", "Who may do what"): first each step and each
 * refusal as plain data, then properties over random sequences of steps by people of random roles.
 * The SPEC's table and states are written out here once more, on purpose: the test states the
 * contract, the module implements it.
 */

const TODAY = '2026-03-02';
const NOW = Date.UTC(2026, 2, 2, 4);
const RAISED_AT = Date.UTC(2026, 1, 20, 3);
const STEPS: readonly FindingMoveStep[] = ['plan', 'done', 'verify', 'reopen', 'due'];
const STATUSES: readonly FindingStatus[] = ['open', 'rectifying', 'waiting', 'closed'];

/** The states each step starts from, as the SPEC lists them. */
const SPEC_FROM: Record<FindingMoveStep, readonly FindingStatus[]> = {
  plan: ['open', 'rectifying'],
  done: ['open', 'rectifying'],
  verify: ['waiting'],
  reopen: ['waiting', 'closed'],
  due: ['open', 'rectifying', 'waiting'],
};

/** The SPEC's table: leaders and deputies everything; the owner and the unit's liaisons plan and done; the raiser verify and reopen. */
function tableAllows(
  step: FindingMoveStep,
  f: Finding,
  userId: string,
  role: Role | null,
  unit: Unit,
): boolean {
  if (role === null) return false;
  if (role === 'leader' || role === 'deputy') return true;
  if (step === 'due') return false;
  if (step === 'verify' || step === 'reopen') return userId === f.createdBy;
  return userId === f.owner || unit.liaisons.includes(userId);
}

/** Who may verify besides the person who marked it done: the leaders, the deputies, the raiser while a member. */
function otherVerifiers(f: Finding, members: readonly Member[]): string[] {
  return members
    .filter((m) => m.role === 'leader' || m.role === 'deputy' || m.userId === f.createdBy)
    .map((m) => m.userId)
    .filter((u) => u !== f.doneBy);
}

const STATE_OF: Record<Exclude<FindingEvent['step'], 'due'>, FindingStatus> = {
  raise: 'open',
  plan: 'rectifying',
  done: 'waiting',
  verify: 'closed',
  reopen: 'rectifying',
};

/** The state the history says the finding is in: that of its last event other than a new due date. */
function statusFromHistory(history: readonly FindingEvent[]): FindingStatus | undefined {
  const last = history.findLast((e) => e.step !== 'due');
  return last && last.step !== 'due' ? STATE_OF[last.step] : undefined;
}

// ---- plain-data examples ----------------------------------------------------------------------

const MEMBERS: Member[] = [
  { userId: 'ULEAD', role: 'leader' },
  { userId: 'UDEP', role: 'deputy' },
  { userId: 'UOWN', role: 'member' },
  { userId: 'URAISE', role: 'member' },
  { userId: 'UMEM', role: 'member' },
  { userId: 'ULIA', role: 'liaison' },
  /** Liaison of another unit. */
  { userId: 'UFAR', role: 'liaison' },
];
const EVERYONE = [...MEMBERS.map((m) => m.userId), 'UOUT'];
const UNIT: Unit = {
  key: 'moc',
  name: 'Commerce',
  kind: 'ministry',
  liaisons: ['ULIA'],
  archived: false,
  createdAt: 0,
};
const FILE: EvidenceFile = { id: 'F01', name: 'ledger.pdf', url: 'https://files.example/F01' };

const raised: FindingEvent = { step: 'raise', by: 'URAISE', at: RAISED_AT, notes: '' };
const planned: FindingEvent = { step: 'plan', by: 'UOWN', at: RAISED_AT + 1, notes: 'Reconcile monthly' };
const doneEvent: FindingEvent = { step: 'done', by: 'UOWN', at: RAISED_AT + 2, notes: 'Reconciled' };
const verified: FindingEvent = { step: 'verify', by: 'ULEAD', at: RAISED_AT + 3, notes: '' };

/** The finding in `status`, as the steps before would have left it (plain data, not made by moveFinding). */
function inState(status: FindingStatus, over: Partial<Finding> = {}): Finding {
  const base: Finding = {
    id: 7,
    unitKey: 'moc',
    text: 'Ledger not reconciled',
    due: '2026-03-10',
    createdBy: 'URAISE',
    createdAt: RAISED_AT,
    owner: 'UOWN',
    severity: 'medium',
    status: 'open',
    plan: null,
    doneBy: null,
    doneAt: null,
    doneNotes: null,
    closedBy: null,
    closedAt: null,
    history: [raised],
  };
  const rectifying = {
    ...base,
    status: 'rectifying' as const,
    plan: planned.notes,
    history: [raised, planned],
  };
  const waiting = {
    ...rectifying,
    status: 'waiting' as const,
    doneBy: 'UOWN',
    doneAt: doneEvent.at,
    doneNotes: doneEvent.notes,
    history: [raised, planned, doneEvent],
  };
  const closed = {
    ...waiting,
    status: 'closed' as const,
    closedBy: 'ULEAD',
    closedAt: verified.at,
    history: [...waiting.history, verified],
  };
  return { ...{ open: base, rectifying, waiting, closed }[status], ...over };
}

const MOVES: Record<FindingMoveStep, FindingMove> = {
  plan: { step: 'plan', notes: 'A plan' },
  done: { step: 'done', notes: 'Fixed' },
  verify: { step: 'verify', notes: 'Checked' },
  reopen: { step: 'reopen', notes: 'Not fixed' },
  due: { step: 'due', to: '2026-04-01', notes: 'Needs an audit first' },
};
/** A state each step applies to. */
const START: Record<FindingMoveStep, FindingStatus> = {
  plan: 'open',
  done: 'rectifying',
  verify: 'waiting',
  reopen: 'closed',
  due: 'open',
};

function move(
  f: Finding,
  m: FindingMove,
  userId: string,
  scene: { unit?: Unit; members?: Member[]; today?: IsoDate } = {},
): MoveResult {
  const members = scene.members ?? MEMBERS;
  const role = members.find((x) => x.userId === userId)?.role ?? null;
  return moveFinding(f, m, { userId, role }, { unit: UNIT, members, today: TODAY, now: NOW, ...scene });
}

function accepted(r: MoveResult): { finding: Finding; event: FindingEvent } {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.refusal)}`);
  return r;
}

const sorted = (ids: readonly string[]) => [...ids].sort();

describe('moveFinding: who may take each step (the SPEC table)', () => {
  const allowed: Record<FindingMoveStep, string[]> = {
    plan: ['ULEAD', 'UDEP', 'UOWN', 'ULIA'],
    done: ['ULEAD', 'UDEP', 'UOWN', 'ULIA'],
    verify: ['ULEAD', 'UDEP', 'URAISE'],
    reopen: ['ULEAD', 'UDEP', 'URAISE'],
    due: ['ULEAD', 'UDEP'],
  };
  const cases = STEPS.flatMap((step) =>
    EVERYONE.map((user) => [step, user, allowed[step].includes(user)] as const),
  );

  it.each(cases)('%s by %s: allowed %s', (step, user, ok) => {
    const r = move(inState(START[step]), MOVES[step], user);
    if (ok) expect(accepted(r).event).toMatchObject({ step, by: user, at: NOW });
    else if (r.ok) throw new Error('accepted');
    else {
      expect(r.refusal.code).toBe('not_allowed');
      expect(sorted((r.refusal as { who: string[] }).who)).toEqual(sorted(allowed[step]));
    }
  });

  it('lets a raiser who is only a liaison verify, and a member who is a liaison of the unit plan', () => {
    const members: Member[] = [
      ...MEMBERS.filter((m) => m.userId !== 'URAISE'),
      { userId: 'URAISE', role: 'liaison' },
    ];
    expect(move(inState('waiting'), MOVES.verify, 'URAISE', { members }).ok).toBe(true);
    const unit = { ...UNIT, liaisons: ['ULIA', 'UMEM'] };
    expect(move(inState('open'), MOVES.plan, 'UMEM', { unit }).ok).toBe(true);
  });

  it('refuses a raiser or an owner who left the group, and leaves them out of who may', () => {
    const members = MEMBERS.filter((m) => m.userId !== 'URAISE' && m.userId !== 'UOWN');
    expect(move(inState('waiting'), MOVES.verify, 'URAISE', { members })).toEqual({
      ok: false,
      refusal: { code: 'not_allowed', who: ['ULEAD', 'UDEP'] },
    });
    const r = move(inState('open'), MOVES.done, 'UOWN', { members });
    expect(r.ok ? null : r.refusal).toMatchObject({ code: 'not_allowed' });
    expect(sorted(r.ok ? [] : (r.refusal as { who: string[] }).who)).toEqual(['UDEP', 'ULEAD', 'ULIA']);
  });
});

describe('moveFinding: each step', () => {
  it('plan: open → rectifying with the plan and its evidence; a second plan replaces the first', () => {
    const open = inState('open');
    const { finding, event } = accepted(
      move(open, { step: 'plan', notes: 'Reconcile', files: [FILE] }, 'UOWN'),
    );
    expect(event).toEqual({ step: 'plan', by: 'UOWN', at: NOW, notes: 'Reconcile', files: [FILE] });
    expect(finding).toEqual({ ...open, status: 'rectifying', plan: 'Reconcile', history: [raised, event] });
    const again = accepted(move(finding, { step: 'plan', notes: 'Weekly', files: [] }, 'ULIA'));
    expect(again.event).toEqual({ step: 'plan', by: 'ULIA', at: NOW, notes: 'Weekly' });
    expect(again.finding).toMatchObject({ status: 'rectifying', plan: 'Weekly' });
  });

  it('done: open or rectifying → waiting, with who, when and the notes', () => {
    for (const from of ['open', 'rectifying'] as const) {
      const f = inState(from);
      const { finding, event } = accepted(move(f, { step: 'done', notes: 'Fixed', files: [FILE] }, 'ULIA'));
      expect(event).toEqual({ step: 'done', by: 'ULIA', at: NOW, notes: 'Fixed', files: [FILE] });
      expect(finding).toEqual({
        ...f,
        status: 'waiting',
        doneBy: 'ULIA',
        doneAt: NOW,
        doneNotes: 'Fixed',
        history: [...f.history, event],
      });
    }
  });

  it('verify: waiting → closed by someone other than who marked it done', () => {
    const f = inState('waiting');
    const { finding, event } = accepted(move(f, MOVES.verify, 'URAISE'));
    expect(event).toEqual({ step: 'verify', by: 'URAISE', at: NOW, notes: 'Checked' });
    expect(finding).toEqual({
      ...f,
      status: 'closed',
      closedBy: 'URAISE',
      closedAt: NOW,
      history: [...f.history, event],
    });
  });

  it('reopen: waiting or closed → rectifying, done and closing cleared, the plan and the history kept', () => {
    for (const from of ['waiting', 'closed'] as const) {
      const f = inState(from);
      const { finding, event } = accepted(move(f, MOVES.reopen, 'UDEP'));
      expect(event).toEqual({ step: 'reopen', by: 'UDEP', at: NOW, notes: 'Not fixed' });
      expect(finding).toEqual({
        ...f,
        status: 'rectifying',
        doneBy: null,
        doneAt: null,
        doneNotes: null,
        closedBy: null,
        closedAt: null,
        history: [...f.history, event],
      });
    }
  });

  it('due: a new date from today on, the old one kept in the event; the state does not change', () => {
    for (const from of ['open', 'rectifying', 'waiting'] as const) {
      const f = inState(from);
      const { finding, event } = accepted(move(f, { step: 'due', to: TODAY, notes: 'Audit first' }, 'ULEAD'));
      expect(event).toEqual({
        step: 'due',
        by: 'ULEAD',
        at: NOW,
        notes: 'Audit first',
        from: '2026-03-10',
        to: TODAY,
      });
      expect(finding).toEqual({ ...f, due: TODAY, history: [...f.history, event] });
    }
    const undated = accepted(move(inState('open', { due: null }), MOVES.due, 'UDEP'));
    expect(undated.event).toMatchObject({ from: null, to: '2026-04-01' });
  });

  it('refuses a due date in the past or the same as now', () => {
    const f = inState('rectifying');
    expect(move(f, { step: 'due', to: addDays(TODAY, -1), notes: '' }, 'ULEAD')).toEqual({
      ok: false,
      refusal: { code: 'past_due' },
    });
    expect(move(f, { step: 'due', to: '2026-03-10', notes: '' }, 'ULEAD')).toEqual({
      ok: false,
      refusal: { code: 'same_due' },
    });
  });

  const wrong = STEPS.flatMap((step) =>
    STATUSES.map((status) => [step, status, SPEC_FROM[step].includes(status)] as const),
  );
  it.each(wrong)('%s on a %s finding: applies %s', (step, status, applies) => {
    const r = move(inState(status), MOVES[step], 'ULEAD');
    if (applies) expect(r.ok).toBe(true);
    else expect(r).toEqual({ ok: false, refusal: { code: 'wrong_state', status } });
  });

  it('judges permission before the state: an outsider learns nothing about the finding', () => {
    expect(move(inState('closed'), MOVES.plan, 'UOUT')).toMatchObject({
      ok: false,
      refusal: { code: 'not_allowed' },
    });
  });
});

describe('moveFinding: self-verification', () => {
  it('refuses the person who marked it done while another verifier exists, naming the others', () => {
    const f = inState('waiting', { doneBy: 'ULEAD' });
    const r = move(f, MOVES.verify, 'ULEAD');
    expect(r.ok ? null : r.refusal.code).toBe('self_verify');
    expect(sorted(r.ok ? [] : (r.refusal as { who: string[] }).who)).toEqual(['UDEP', 'URAISE']);
    // The raiser who owns it and marked it done does not sign it off either, while a leader can.
    const own = inState('waiting', { createdBy: 'UOWN', doneBy: 'UOWN' });
    const r2 = move(own, MOVES.verify, 'UOWN');
    expect(r2.ok ? null : r2.refusal).toMatchObject({ code: 'self_verify' });
  });

  it('allows it when nobody else may verify, and the record says so', () => {
    const members: Member[] = [
      { userId: 'ULEAD', role: 'leader' },
      { userId: 'UOWN', role: 'member' },
      { userId: 'ULIA', role: 'liaison' },
    ];
    // The only leader raised it and marked it done; or the raiser has left the group since.
    for (const f of [
      inState('waiting', { createdBy: 'ULEAD', doneBy: 'ULEAD' }),
      inState('waiting', { doneBy: 'ULEAD' }),
    ]) {
      const { finding, event } = accepted(move(f, MOVES.verify, 'ULEAD', { members }));
      expect(event).toEqual({ step: 'verify', by: 'ULEAD', at: NOW, notes: 'Checked', selfVerified: true });
      expect(finding).toMatchObject({ status: 'closed', closedBy: 'ULEAD', closedAt: NOW });
    }
  });

  it('never marks a verification by someone else as self-verified', () => {
    const { event } = accepted(move(inState('waiting', { doneBy: 'ULEAD' }), MOVES.verify, 'UDEP'));
    expect(event).not.toHaveProperty('selfVerified');
  });
});

describe('moveFinding: the unit archived, the history full', () => {
  it.each(STEPS)('%s on a finding of an archived unit is refused', (step) => {
    const unit = { ...UNIT, archived: true };
    expect(move(inState(START[step]), MOVES[step], 'ULEAD', { unit })).toEqual({
      ok: false,
      refusal: { code: 'unit_archived' },
    });
  });

  const full = (status: FindingStatus, n: number): Finding => {
    const f = inState(status);
    const filler = Array.from(
      { length: n - f.history.length },
      (_, i): FindingEvent => ({
        step: 'due',
        by: 'ULEAD',
        at: RAISED_AT + 10 + i,
        notes: '',
        from: null,
        to: '2026-03-10',
      }),
    );
    return { ...f, history: [...f.history, ...filler] };
  };

  it.each(STEPS)('%s on a finding whose history is full is refused', (step) => {
    const f = full(START[step], FINDING_HISTORY_MAX);
    expect(move(f, MOVES[step], 'ULEAD')).toEqual({ ok: false, refusal: { code: 'history_full' } });
  });

  it('takes the last step that fits, up to the cap', () => {
    const { finding } = accepted(move(full('waiting', FINDING_HISTORY_MAX - 1), MOVES.verify, 'ULEAD'));
    expect(finding.history).toHaveLength(FINDING_HISTORY_MAX);
    expect(FINDING_HISTORY_MAX).toBeGreaterThanOrEqual(20);
  });
});

// ---- properties over random sequences ---------------------------------------------------------

const USERS = ['UA', 'UB', 'UC', 'UD', 'UE'] as const;
/** Roles weighted towards small groups with few verifiers, so that self-verification comes up. */
const roleArb: fc.Arbitrary<Role | null> = fc.oneof(
  { weight: 1, arbitrary: fc.constant('leader' as const) },
  { weight: 1, arbitrary: fc.constant('deputy' as const) },
  { weight: 2, arbitrary: fc.constant('member' as const) },
  { weight: 2, arbitrary: fc.constant('liaison' as const) },
  { weight: 2, arbitrary: fc.constant(null) },
);
const userArb = fc.constantFrom(...USERS);
/** Who acts: UA often, so that the one who marked it done is often the one who would verify it. */
const actorArb = fc.oneof({ weight: 3, arbitrary: fc.constant('UA') }, { weight: 4, arbitrary: userArb });

type Action =
  | { kind: 'move'; by: string; step: FindingMoveStep; dueIn: number; notes: string }
  | { kind: 'role'; user: string; role: Role | null }
  | { kind: 'archive'; archived: boolean }
  | { kind: 'day' };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 24,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      by: actorArb,
      step: fc.constantFrom(...STEPS),
      dueIn: fc.integer({ min: -2, max: 5 }),
      notes: fc.string({ maxLength: 4 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('role' as const), user: userArb, role: roleArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('archive' as const), archived: fc.boolean() }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'day' as const }) },
);

const worldArb = fc.record({
  // Any roles; or a group whose only verifier (besides the raiser) is UA, as small groups have.
  roles: fc.oneof(
    fc.array(roleArb, { minLength: USERS.length, maxLength: USERS.length }),
    fc
      .array(
        roleArb.filter((r) => r !== 'leader' && r !== 'deputy'),
        { minLength: 4, maxLength: 4 },
      )
      .map((rest): (Role | null)[] => ['leader', ...rest]),
  ),
  liaisons: fc.subarray([...USERS]),
  raiser: userArb,
  owner: userArb,
  dueIn: fc.option(fc.integer({ min: -3, max: 5 }), { nil: null }),
  actions: fc.array(actionArb, { minLength: 10, maxLength: 90, size: 'max' }),
});
type World = typeof worldArb extends fc.Arbitrary<infer W> ? W : never;

/** One move as the sequence saw it: the finding and the scene before it, what was asked and what came of it. */
interface Turn {
  before: Finding;
  after: Finding;
  move: FindingMove;
  userId: string;
  role: Role | null;
  unit: Unit;
  members: Member[];
  today: IsoDate;
  now: number;
  result: MoveResult;
}

/** `expect(a).toEqual(b)`, cheaply while they are equal (the properties check tens of thousands of steps). */
function eq(actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
}

/** Plays the world's actions from a freshly raised finding, calling `check` after every move. */
function play(w: World, check: (t: Turn) => void): { finding: Finding; accepted: number } {
  const roles = new Map<string, Role | null>(USERS.map((u, i) => [u, w.roles[i] ?? null]));
  let unit: Unit = { ...UNIT, liaisons: w.liaisons };
  let today = TODAY;
  let now = NOW;
  let finding: Finding = {
    ...inState('open', { createdBy: w.raiser, owner: w.owner }),
    due: w.dueIn === null ? null : addDays(TODAY, w.dueIn),
    history: [{ step: 'raise', by: w.raiser, at: RAISED_AT, notes: '' }],
  };
  let acceptedMoves = 0;
  for (const a of w.actions) {
    now += 60_000;
    if (a.kind === 'role') roles.set(a.user, a.role);
    else if (a.kind === 'archive') unit = { ...unit, archived: a.archived };
    else if (a.kind === 'day') today = addDays(today, 1);
    else {
      const members = [...roles].flatMap(([userId, role]) => (role === null ? [] : [{ userId, role }]));
      const m: FindingMove =
        a.step === 'due'
          ? { step: 'due', to: addDays(today, a.dueIn), notes: a.notes }
          : { step: a.step, notes: a.notes };
      const role = roles.get(a.by) ?? null;
      const before = structuredClone(finding);
      const result = moveFinding(finding, m, { userId: a.by, role }, { unit, members, today, now });
      // The finding given is never changed in place.
      eq(finding, before);
      const after = result.ok ? result.finding : finding;
      check({ before, after, move: m, userId: a.by, role, unit, members, today, now, result });
      if (result.ok) acceptedMoves++;
      finding = after;
    }
  }
  return { finding, accepted: acceptedMoves };
}

const RUNS = { numRuns: 200 };

describe('moveFinding: properties of any sequence of steps by anyone', () => {
  it('closes a finding only by a verifier other than who marked it done, unless the group had none (selfVerified)', () => {
    const seen = { byOther: 0, selfVerified: 0, selfRefused: 0 };
    fc.assert(
      fc.property(worldArb, (w) => {
        play(w, (t) => {
          const others = otherVerifiers(t.before, t.members);
          if (t.result.ok && t.move.step === 'verify') {
            if (t.userId === t.before.doneBy) {
              expect(t.result.event.selfVerified).toBe(true);
              expect(others).toEqual([]);
              seen.selfVerified++;
            } else {
              expect(t.result.event).not.toHaveProperty('selfVerified');
              seen.byOther++;
            }
          }
          if (!t.result.ok && t.result.refusal.code === 'self_verify') {
            expect(sorted(t.result.refusal.who)).toEqual(sorted(others));
            expect(others.length).toBeGreaterThan(0);
            seen.selfRefused++;
          }
          // A group with no other verifier can still close it: the one who did it signs it off.
          const mayOtherwise =
            t.before.status === 'waiting' &&
            tableAllows('verify', t.before, t.userId, t.role, t.unit) &&
            !t.unit.archived &&
            t.before.history.length < FINDING_HISTORY_MAX;
          if (t.move.step === 'verify' && t.userId === t.before.doneBy && others.length === 0 && mayOtherwise)
            expect(t.result.ok).toBe(true);
        });
      }),
      RUNS,
    );
    // The sequences did reach each case, or the property would hold for nothing.
    expect(seen.byOther).toBeGreaterThan(0);
    expect(seen.selfVerified).toBeGreaterThan(0);
    expect(seen.selfRefused).toBeGreaterThan(0);
  });

  it('adds exactly one event per accepted step, the step taken, and none on a refusal', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const { finding, accepted: n } = play(w, (t) => {
          if (!t.result.ok) {
            eq(t.after.history, t.before.history);
            return;
          }
          expect(t.after.history).toHaveLength(t.before.history.length + 1);
          eq(t.after.history.slice(0, -1), t.before.history);
          eq(t.after.history.at(-1), t.result.event);
          expect(t.result.event).toMatchObject({
            step: t.move.step,
            by: t.userId,
            at: t.now,
            notes: t.move.notes,
          });
          expect(t.after.history.length).toBeLessThanOrEqual(FINDING_HISTORY_MAX);
        });
        expect(finding.history).toHaveLength(1 + n);
      }),
      RUNS,
    );
  });

  it('accepts a step exactly when the SPEC table, the state, the unit, the date and the history allow it; the buttons agree', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        play(w, (t) => {
          const { step } = t.move;
          const allowed = tableAllows(step, t.before, t.userId, t.role, t.unit);
          const selfBlocked =
            step === 'verify' &&
            t.userId === t.before.doneBy &&
            otherVerifiers(t.before, t.members).length > 0;
          const dateOk = t.move.step !== 'due' || (t.move.to >= t.today && t.move.to !== t.before.due);
          const expected =
            allowed &&
            SPEC_FROM[step].includes(t.before.status) &&
            !selfBlocked &&
            !t.unit.archived &&
            dateOk &&
            t.before.history.length < FINDING_HISTORY_MAX;
          expect(t.result.ok).toBe(expected);
          if (!t.result.ok && !allowed) expect(t.result.refusal.code).toBe('not_allowed');
          // What a view offers to press is what would be accepted (while the history has room).
          if (step !== 'due' && t.before.history.length < FINDING_HISTORY_MAX)
            expect(canMoveNow(step, t.before, { userId: t.userId, role: t.role }, t)).toBe(t.result.ok);
        });
      }),
      RUNS,
    );
  });

  it('keeps the status in agreement with the last state-changing event, and "done" with the last done', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        play(w, ({ after: f }) => {
          expect(f.status).toBe(statusFromHistory(f.history));
          const lastDone = f.history.findLast((e) => e.step === 'done');
          if (f.status === 'waiting' || f.status === 'closed')
            expect([f.doneBy, f.doneAt]).toEqual([lastDone?.by, lastDone?.at]);
          else expect([f.doneBy, f.doneAt, f.doneNotes]).toEqual([null, null, null]);
        });
      }),
      RUNS,
    );
  });

  it('gives a closed finding who closed it and when (its last verification), and a finding not closed neither', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        play(w, ({ after: f }) => {
          if (f.status === 'closed') {
            const last = f.history.findLast((e) => e.step === 'verify');
            expect(f.closedBy).not.toBeNull();
            expect([f.closedBy, f.closedAt]).toEqual([last?.by, last?.at]);
          } else expect([f.closedBy, f.closedAt]).toEqual([null, null]);
        });
      }),
      RUNS,
    );
  });

  it('keeps the old due date in `from` of every change of it, and changes it by nothing else', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        play(w, (t) => {
          if (t.result.ok && t.move.step === 'due') {
            expect(t.result.event.from).toBe(t.before.due);
            expect(t.result.event.to).toBe(t.move.to);
            expect(t.after.due).toBe(t.move.to);
            expect(t.move.to >= t.today && t.move.to !== t.before.due).toBe(true);
          } else expect(t.after.due).toBe(t.before.due);
        });
      }),
      RUNS,
    );
  });
});
