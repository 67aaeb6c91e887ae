import type {
  EvidenceFile,
  Finding,
  FindingEvent,
  FindingStatus,
  FindingStep,
  IsoDate,
  Member,
  Role,
  Unit,
} from './types';

/**
 * The rectification of a finding as pure functions over plain data (SPEC "Findings" and "Who may
 * do what"): which step moves a finding from which state to which, who may take it, and what the
 * record keeps. The store applies a move inside a compare-and-set, so of concurrent moves each one
 * is judged on the finding as the one before it left it.
 */

/** Changes kept per finding; a finding sent back and forth this often is better raised again. */
export const FINDING_HISTORY_MAX = 60;

/** The steps after raising, as a command or a button names them. */
export type FindingMoveStep = Exclude<FindingStep, 'raise'>;

export type FindingMove =
  | { step: 'plan'; notes: string; files?: EvidenceFile[] }
  | { step: 'done'; notes: string; files?: EvidenceFile[] }
  | { step: 'verify'; notes: string }
  | { step: 'reopen'; notes: string }
  | { step: 'due'; to: IsoDate; notes: string };

/** Who takes the step: their id and their role in the group (null when not a member). */
export interface FindingActor {
  userId: string;
  role: Role | null;
}

/** What a move is judged against besides the finding: its unit and the group's members, today and now. */
export interface FindingScene {
  unit: Unit;
  members: readonly Member[];
  /** Today in the group's zone (for due dates). */
  today: IsoDate;
  now: number;
}

export type FindingRefusal =
  /** `who`: the members who may take this step. */
  | { code: 'not_allowed'; who: string[] }
  /** The step does not apply to the finding's state. */
  | { code: 'wrong_state'; status: FindingStatus }
  /** The actor marked it done; `who` are the other verifiers. */
  | { code: 'self_verify'; who: string[] }
  | { code: 'unit_archived' }
  | { code: 'past_due' }
  | { code: 'same_due' }
  | { code: 'history_full' };

export type MoveResult =
  | { ok: true; finding: Finding; event: FindingEvent }
  | { ok: false; refusal: FindingRefusal };

/** The states each step starts from; everything else is `wrong_state`. */
const FROM: Record<FindingMoveStep, readonly FindingStatus[]> = {
  plan: ['open', 'rectifying'],
  done: ['open', 'rectifying'],
  verify: ['waiting'],
  reopen: ['waiting', 'closed'],
  due: ['open', 'rectifying', 'waiting'],
};

/** Findings still to be dealt with: every state but closed. */
export const isActive = (f: Pick<Finding, 'status'>): boolean => f.status !== 'closed';

/** Still to rectify: open or with a plan. */
export const toRectify = (f: Pick<Finding, 'status'>): boolean =>
  f.status === 'open' || f.status === 'rectifying';

/** Past its due date and still to rectify (a finding marked done waits on its verifiers, not its owner). */
export function isOverdueFinding(f: Pick<Finding, 'status' | 'due'>, today: IsoDate): boolean {
  return toRectify(f) && f.due !== null && f.due < today;
}

const leads = (role: Role | null): boolean => role === 'leader' || role === 'deputy';

function leadersOf(members: readonly Member[]): string[] {
  return members.filter((m) => leads(m.role)).map((m) => m.userId);
}

/** The owner, the liaisons of its unit, the leaders and deputies: who may plan and mark done. */
function rectifiers(f: Finding, scene: Pick<FindingScene, 'unit' | 'members'>): string[] {
  const members = new Set(scene.members.map((m) => m.userId));
  const who = [f.owner, ...scene.unit.liaisons].filter((u) => members.has(u));
  return unique([...who, ...leadersOf(scene.members)]);
}

/** The leaders and deputies, and the raiser while still a member: who may verify and reopen. */
function verifiers(f: Finding, members: readonly Member[]): string[] {
  const raiser = members.some((m) => m.userId === f.createdBy) ? [f.createdBy] : [];
  return unique([...raiser, ...leadersOf(members)]);
}

/**
 * The verifiers a finding waiting for verification needs: everyone who may verify but the person
 * who marked it done, unless nobody else may (then that person alone, and the record says so).
 */
export function verifiersFor(f: Finding, members: readonly Member[]): { who: string[]; self: boolean } {
  const all = verifiers(f, members);
  const others = all.filter((u) => u !== f.doneBy);
  return others.length > 0 || f.doneBy === null ? { who: others, self: false } : { who: all, self: true };
}

/** Who may take `step` on `f`, as the SPEC table says. */
function whoMay(step: FindingMoveStep, f: Finding, scene: Pick<FindingScene, 'unit' | 'members'>): string[] {
  if (step === 'plan' || step === 'done') return rectifiers(f, scene);
  if (step === 'due') return leadersOf(scene.members);
  return verifiers(f, scene.members);
}

/** Whether `actor` may take `step` on `f` (their permission only; not whether the state allows it). */
function mayMove(
  step: FindingMoveStep,
  f: Finding,
  actor: FindingActor,
  scene: Pick<FindingScene, 'unit' | 'members'>,
): boolean {
  if (actor.role === null) return false;
  if (leads(actor.role)) return true;
  if (step === 'due') return false;
  if (step === 'verify' || step === 'reopen') return f.createdBy === actor.userId;
  return f.owner === actor.userId || scene.unit.liaisons.includes(actor.userId);
}

/** Whether `actor` may take `step` now: permitted, and the state allows it (for the buttons a view shows). */
export function canMoveNow(
  step: FindingMoveStep,
  f: Finding,
  actor: FindingActor,
  scene: Pick<FindingScene, 'unit' | 'members'>,
): boolean {
  if (!FROM[step].includes(f.status) || scene.unit.archived || !mayMove(step, f, actor, scene)) return false;
  return step !== 'verify' || verifiersFor(f, scene.members).who.includes(actor.userId);
}

/**
 * Takes `move` by `actor` on `f`, judged in this order: permission, state, self-verification, the
 * unit still followed, the new due date, the history's room. Answers the finding as it is after the
 * move, with the event appended, or why it was refused.
 */
export function moveFinding(
  f: Finding,
  move: FindingMove,
  actor: FindingActor,
  scene: FindingScene,
): MoveResult {
  const refuse = (refusal: FindingRefusal): MoveResult => ({ ok: false, refusal });
  if (!mayMove(move.step, f, actor, scene))
    return refuse({ code: 'not_allowed', who: whoMay(move.step, f, scene) });
  if (!FROM[move.step].includes(f.status)) return refuse({ code: 'wrong_state', status: f.status });
  let selfVerified = false;
  if (move.step === 'verify' && f.doneBy === actor.userId) {
    const needed = verifiersFor(f, scene.members);
    if (!needed.self) return refuse({ code: 'self_verify', who: needed.who });
    selfVerified = true;
  }
  if (scene.unit.archived) return refuse({ code: 'unit_archived' });
  if (move.step === 'due') {
    if (move.to < scene.today) return refuse({ code: 'past_due' });
    if (move.to === f.due) return refuse({ code: 'same_due' });
  }
  if (f.history.length >= FINDING_HISTORY_MAX) return refuse({ code: 'history_full' });

  const event: FindingEvent = { step: move.step, by: actor.userId, at: scene.now, notes: move.notes };
  if ((move.step === 'plan' || move.step === 'done') && move.files && move.files.length > 0)
    event.files = move.files;
  if (selfVerified) event.selfVerified = true;
  if (move.step === 'due') {
    event.from = f.due;
    event.to = move.to;
  }
  const next: Finding = { ...f, history: [...f.history, event] };
  switch (move.step) {
    case 'plan':
      Object.assign(next, { status: 'rectifying', plan: move.notes });
      break;
    case 'done':
      Object.assign(next, {
        status: 'waiting',
        doneBy: actor.userId,
        doneAt: scene.now,
        doneNotes: move.notes,
      });
      break;
    case 'verify':
      Object.assign(next, { status: 'closed', closedBy: actor.userId, closedAt: scene.now });
      break;
    case 'reopen':
      Object.assign(next, {
        status: 'rectifying',
        doneBy: null,
        doneAt: null,
        doneNotes: null,
        closedBy: null,
        closedAt: null,
      });
      break;
    case 'due':
      next.due = move.to;
      break;
  }
  return { ok: true, finding: next, event };
}

/** What a finding is raised with. */
export type RaisedFields = Pick<
  Finding,
  'unitKey' | 'text' | 'due' | 'createdBy' | 'createdAt' | 'owner' | 'severity'
> & {
  link?: string;
};

/** A finding as it is raised: open, nothing planned or done yet, its history the raising alone. */
export function raisedFinding(f: RaisedFields): Omit<Finding, 'id'> {
  return {
    unitKey: f.unitKey,
    text: f.text,
    due: f.due,
    createdBy: f.createdBy,
    createdAt: f.createdAt,
    owner: f.owner,
    severity: f.severity,
    status: 'open',
    plan: null,
    doneBy: null,
    doneAt: null,
    doneNotes: null,
    closedBy: null,
    closedAt: null,
    history: [{ step: 'raise', by: f.createdBy, at: f.createdAt, notes: '' }],
    // The message it was raised from, when it came from the "Raise a finding" shortcut.
    ...(f.link === undefined ? {} : { link: f.link }),
  };
}

/** The owner of a new finding: the one named, else the unit's first liaison, else the raiser. */
export function ownerOf(named: string | null, unit: Unit, raiser: string): string {
  return named ?? unit.liaisons[0] ?? raiser;
}

/** Days from raising to closing, with their fraction (null while not closed). */
export function daysToClose(f: Pick<Finding, 'createdAt' | 'closedAt'>): number | null {
  return f.closedAt === null ? null : Math.max(0, (f.closedAt - f.createdAt) / 86_400_000);
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
