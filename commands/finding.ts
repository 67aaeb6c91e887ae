import type { AppDeps } from '../src/app/deps';
import type { Command, FindingFilter, FindingMoveKind } from '../src/domain/command';
import { UserError } from '../src/domain/errors';
import {
  FINDING_HISTORY_MAX,
  type FindingMove,
  type FindingRefusal,
  moveFinding,
  ownerOf,
  verifiersFor,
} from '../src/domain/finding-states';
import type { Finding, FindingEvent, Group, Lang, Member, Unit } from '../src/domain/types';
import { resolveUnit } from '../src/domain/unit-lookup';
import { localDate } from '../src/domain/zoned-time';
import type { TeamStore } from '../src/store/types';
import { confirmMessage } from '../src/views/confirm';
import { findingNotice } from '../src/views/finding-notice';
import { CLOSED_LISTED, findingListMessage, findingShowMessage, RECENT_CLOSED } from '../src/views/findings';
import type { Message } from '../src/views/message';
import { type GroupContext, type GroupHandler, type Reply, reply } from './context';
import { activeUnit, unitByKey } from './unit-ref';

/** `/dudao finding add <unit> <text> [due=…] [owner=<@user>] [severity=…]`. */
export const findingAdd: GroupHandler<'finding_add'> = async (command, ctx) => {
  const [units, members] = await Promise.all([
    ctx.team.listUnits(ctx.group.id, { includeArchived: true }),
    command.owner === null ? Promise.resolve(null) : ctx.team.getMembers(ctx.group.id),
  ]);
  const unit = activeUnit(units, command.unit);
  if (command.owner !== null && !members?.some((m) => m.userId === command.owner))
    throw new UserError('owner_not_member', { user: `<@${command.owner}>` });
  const owner = ownerOf(command.owner, unit, ctx.userId);
  const finding = await ctx.team.addFinding(
    ctx.group.id,
    {
      unitKey: unit.key,
      text: command.text,
      due: command.due,
      createdBy: ctx.userId,
      createdAt: ctx.now,
      owner,
      severity: command.severity ?? 'medium',
    },
    { userId: ctx.userId, now: ctx.now, requestId: ctx.triggerId },
  );
  ctx.deps.home.changed(ctx.teamId, ctx.group.id, [...unit.liaisons, ctx.userId, owner]);
  return reply(confirmMessage(ctx.lang, { kind: 'finding_added', finding, unit }));
};

/** What a finding list is drawn for: the whole group's, or one unit's, with one filter. */
export interface FindingListRequest {
  team: TeamStore;
  group: Group;
  units: Unit[];
  unit: Unit | null;
  filter: FindingFilter;
  viewer: Member;
  lang: Lang;
  now: number;
  /** Findings just moved from the list, kept where they were (see findingListMessage). */
  keepInPlace?: readonly number[];
}

/**
 * The list as it stands now, tailored to its one reader (it is ephemeral). It reads the active
 * findings and, for the filters that show them, the most recently closed: never every finding ever
 * raised, however many were closed.
 */
export async function drawFindingList(r: FindingListRequest): Promise<Message> {
  const unitKeys = r.unit ? [r.unit.key] : r.units.map((u) => u.key);
  const closedLimit = r.filter === 'closed' ? CLOSED_LISTED : RECENT_CLOSED;
  const [active, closed, members] = await Promise.all([
    r.team.activeFindings(r.group.id, unitKeys),
    r.team.closedFindings(r.group.id, { ...(r.unit ? { unitKey: r.unit.key } : {}), limit: closedLimit }),
    r.team.getMembers(r.group.id),
  ]);
  return findingListMessage(r.lang, {
    groupId: r.group.id,
    filter: r.filter,
    active,
    closed: closed.findings,
    closedTotal: closed.total,
    units: r.units,
    today: localDate(r.now, r.group.tz),
    tz: r.group.tz,
    unit: r.unit,
    viewer: { userId: r.viewer.userId, role: r.viewer.role, members },
    ...(r.keepInPlace ? { keepInPlace: r.keepInPlace } : {}),
  });
}

/** `/dudao finding list [<unit>] [open|overdue|waiting|closed|all]`: most urgent first, with the buttons the caller may press. */
export const findingList: GroupHandler<'finding_list'> = async (command, ctx) => {
  const units = await ctx.team.listUnits(ctx.group.id, { includeArchived: true });
  const unit = command.unit === null ? null : resolveUnit(units, command.unit);
  return reply(
    await drawFindingList({
      team: ctx.team,
      group: ctx.group,
      units,
      unit,
      filter: command.filter,
      viewer: ctx.member,
      lang: ctx.lang,
      now: ctx.now,
    }),
  );
};

/** `/dudao finding show <id>`: the finding and its whole history. */
export const findingShow: GroupHandler<'finding_show'> = async (command, ctx) => {
  const [finding, units, members] = await Promise.all([
    ctx.team.getFinding(ctx.group.id, command.id),
    ctx.team.listUnits(ctx.group.id, { includeArchived: true }),
    ctx.team.getMembers(ctx.group.id),
  ]);
  if (!finding) throw new UserError('unknown_finding', { id: command.id });
  return reply(
    findingShowMessage(ctx.lang, {
      groupId: ctx.group.id,
      finding,
      unit: unitByKey(units, finding.unitKey),
      tz: ctx.group.tz,
      today: ctx.today,
      viewer: { userId: ctx.userId, role: ctx.member.role, members },
    }),
  );
};

/** What a step came to; the command, the buttons and the forms each say it their way. */
export type ChangeResult =
  | { kind: 'moved'; finding: Finding; unit: Unit; event: FindingEvent; verifiers: string[] }
  | { kind: 'unknown' }
  | { kind: 'refused'; refusal: FindingRefusal; finding: Finding; unit: Unit };

export interface ChangeRequest {
  deps: AppDeps;
  team: TeamStore;
  group: Group;
  /** Who takes the step; their role is read again with the finding. */
  userId: string;
  id: number;
  move: FindingMove;
  now: number;
}

/**
 * Takes one step of a finding's rectification, judged on what is stored at the moment of the
 * write (finding-states.ts `moveFinding` inside the store's compare-and-set): of concurrent steps
 * each is judged on the state the one before left, so a verify and a reopen pressed together end
 * in one consistent state and one history. Then tells who must act next (the verifiers, or the
 * owner) in a direct message sent once, and refreshes the Homes concerned. `/dudao finding …`,
 * the finding buttons and the step form all run this.
 */
export async function changeFinding(r: ChangeRequest): Promise<ChangeResult> {
  const today = localDate(r.now, r.group.tz);
  const result = await r.team.updateFinding<ChangeResult>(
    r.group.id,
    r.id,
    { userId: r.userId, now: r.now },
    ({ finding, unit, members }) => {
      const role = members.find((m) => m.userId === r.userId)?.role ?? null;
      const moved = moveFinding(
        finding,
        r.move,
        { userId: r.userId, role },
        { unit, members, today, now: r.now },
      );
      if (!moved.ok) return { result: { kind: 'refused', refusal: moved.refusal, finding, unit } };
      const verifiers = verifiersFor(moved.finding, members).who;
      return {
        write: moved.finding,
        step: r.move.step,
        result: { kind: 'moved', finding: moved.finding, unit, event: moved.event, verifiers },
      };
    },
  );
  if (result === 'not_found') return { kind: 'unknown' };
  if (result.kind === 'moved') {
    // The step is stored: a notice that cannot be queued is logged, never turned into a failure.
    await announce(r, result).catch((err: unknown) =>
      r.deps.logger.warn({ err, groupId: r.group.id, finding: r.id }, 'finding notice not queued'),
    );
  }
  return result;
}

/** The DMs a step sends (each once, by its dedupe key) and the Homes it changes. */
async function announce(r: ChangeRequest, moved: Extract<ChangeResult, { kind: 'moved' }>): Promise<void> {
  const { finding: f, unit, event } = moved;
  const previousDoer = [...f.history].reverse().find((e) => e.step === 'done' && e !== event)?.by;
  const readers =
    event.step === 'done'
      ? moved.verifiers
      : event.step === 'reopen' || event.step === 'verify'
        ? [f.owner, ...(previousDoer ? [previousDoer] : [])]
        : [];
  const message = findingNotice(r.group.lang, r.group.id, f, unit, event);
  const to = [...new Set(readers)].filter((u) => u !== r.userId);
  if (message && to.length > 0) {
    await r.deps.scheduling.sendDms(
      r.group,
      to.map((userId) => ({
        userId,
        dedupeKey: `${r.group.teamId}:${r.group.id}:finding:${f.id}:${event.step}:${event.at}:${userId}`,
        message,
      })),
    );
  }
  r.deps.home.changed(r.team.teamId, r.group.id, [
    ...new Set([r.userId, f.owner, f.createdBy, ...unit.liaisons, ...moved.verifiers]),
  ]);
}

/** The refusal of a step as the user reads it: every refusal says who can, or what to do instead. */
export function refusalError(
  id: number,
  move: FindingMove,
  result: Extract<ChangeResult, { kind: 'refused' }>,
): UserError {
  const { refusal } = result;
  const { step } = move;
  const date = move.step === 'due' ? move.to : '';
  switch (refusal.code) {
    case 'not_allowed':
      return new UserError('not_your_finding', { id, step, who: refusal.who.join(', ') || '–' });
    case 'wrong_state':
      return new UserError('finding_state', { id, step, status: refusal.status });
    case 'self_verify':
      return new UserError('self_verify', { id, who: refusal.who.join(', ') || '–' });
    case 'unit_archived':
      return new UserError('unit_archived', { name: result.unit.name });
    case 'past_due':
      return new UserError('past_due', { value: date });
    case 'same_due':
      return new UserError('same_due', { value: date });
    case 'history_full':
      return new UserError('history_full', { id, max: FINDING_HISTORY_MAX });
  }
}

/** The move a command line asks for. */
type MoveCommand = Extract<Command, { kind: FindingMoveKind }>;

function moveOf(command: MoveCommand): FindingMove {
  switch (command.kind) {
    case 'finding_due':
      return { step: 'due', to: command.date, notes: command.notes };
    case 'finding_plan':
      return { step: 'plan', notes: command.notes };
    case 'finding_done':
      return { step: 'done', notes: command.notes };
    case 'finding_verify':
      return { step: 'verify', notes: command.notes };
    case 'finding_reopen':
      return { step: 'reopen', notes: command.notes };
  }
}

/** `/dudao finding plan|done|verify|reopen|due <id> …`: one step, as the SPEC's table allows. */
export async function findingMove(command: MoveCommand, ctx: GroupContext): Promise<Reply> {
  const move = moveOf(command);
  const result = await changeFinding({
    deps: ctx.deps,
    team: ctx.team,
    group: ctx.group,
    userId: ctx.userId,
    id: command.id,
    move,
    now: ctx.now,
  });
  if (result.kind === 'unknown') throw new UserError('unknown_finding', { id: command.id });
  if (result.kind === 'refused') throw refusalError(command.id, move, result);
  return reply(
    confirmMessage(ctx.lang, {
      kind: 'finding_moved',
      finding: result.finding,
      unit: result.unit,
      event: result.event,
      verifiers: result.verifiers,
    }),
  );
}
