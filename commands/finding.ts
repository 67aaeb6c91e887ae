import type { AppDeps } from '../src/app/deps';
import { UserError } from '../src/domain/errors';
import { can, type Who } from '../src/domain/permissions';
import type { Finding, Group, Lang, Member, Unit } from '../src/domain/types';
import { resolveUnit } from '../src/domain/unit-lookup';
import { localDate } from '../src/domain/zoned-time';
import type { TeamStore } from '../src/store/types';
import { confirmMessage } from '../src/views/confirm';
import { findingListMessage } from '../src/views/findings';
import type { Message } from '../src/views/message';
import { type GroupHandler, reply } from './context';
import { activeUnit, unitByKey } from './unit-ref';

/** `/dudao finding add <unit> <text> [due=YYYY-MM-DD]`. */
export const findingAdd: GroupHandler<'finding_add'> = async (command, ctx) => {
  const units = await ctx.team.listUnits(ctx.group.id, { includeArchived: true });
  const unit = activeUnit(units, command.unit);
  const finding = await ctx.team.addFinding(
    ctx.group.id,
    { unitKey: unit.key, text: command.text, due: command.due, createdBy: ctx.userId, createdAt: ctx.now },
    { userId: ctx.userId, now: ctx.now, requestId: ctx.triggerId },
  );
  ctx.deps.home.changed(ctx.teamId, ctx.group.id, [...unit.liaisons, ctx.userId]);
  return reply(confirmMessage(ctx.lang, { kind: 'finding_added', finding, unit }));
};

/** What a finding list is drawn for: the whole group's, or one unit's (by key). */
export interface FindingListRequest {
  team: TeamStore;
  group: Group;
  units: Unit[];
  unit: Unit | null;
  viewer: Who;
  lang: Lang;
  now: number;
  /** Findings just marked done from the list, kept where they were (see findingListMessage). */
  keepInPlace?: readonly number[];
}

/** The list as it stands now, tailored to its one reader (it is ephemeral). */
export async function drawFindingList(r: FindingListRequest): Promise<Message> {
  const findings = await r.team.listFindings(r.group.id, {
    status: 'all',
    ...(r.unit ? { unitKey: r.unit.key } : {}),
  });
  return findingListMessage(r.lang, {
    groupId: r.group.id,
    findings,
    units: r.units,
    today: localDate(r.now, r.group.tz),
    unit: r.unit,
    viewer: r.viewer,
    ...(r.keepInPlace ? { keepInPlace: r.keepInPlace } : {}),
  });
}

/** `/dudao finding list [<unit>]`: open ones first, overdue marked, "Mark done" where the caller may. */
export const findingList: GroupHandler<'finding_list'> = async (command, ctx) => {
  const units = await ctx.team.listUnits(ctx.group.id, { includeArchived: true });
  const unit = command.unit === null ? null : resolveUnit(units, command.unit);
  const viewer = { role: ctx.member.role, userId: ctx.userId };
  return reply(
    await drawFindingList({
      team: ctx.team,
      group: ctx.group,
      units,
      unit,
      viewer,
      lang: ctx.lang,
      now: ctx.now,
    }),
  );
};

/** What marking a finding done came to; the command and the "Mark done" button each say it their way. */
export type MarkDoneResult =
  | { kind: 'done'; finding: Finding; unit: Unit }
  | { kind: 'unknown' }
  /** `leads`: the group's leaders and deputies, who may mark any finding. */
  | { kind: 'not_allowed'; finding: Finding; unit: Unit; leads: string[] }
  /** As stored now: who marked it and when. */
  | { kind: 'already_done'; finding: Finding }
  | { kind: 'unit_archived'; finding: Finding; unit: Unit };

export interface MarkDoneRequest {
  deps: AppDeps;
  team: TeamStore;
  group: Group;
  /** The caller's membership, read for this request. */
  member: Member;
  id: number;
  notes: string;
  now: number;
}

/**
 * Marks a finding done, judged on what is stored now: the caller's permission (leaders and
 * deputies, whoever raised it, its unit's liaisons), the finding still open, its unit still
 * followed. Of concurrent calls exactly one marks it (the store's write); the others are told who
 * did. The write keeps the audit trail; the Homes concerned are then refreshed. `/dudao finding
 * done` and the "Mark done" button both run this.
 */
export async function markFindingDone(r: MarkDoneRequest): Promise<MarkDoneResult> {
  const { team, group, member } = r;
  const [finding, units] = await Promise.all([
    team.getFinding(group.id, r.id),
    team.listUnits(group.id, { includeArchived: true }),
  ]);
  if (!finding) return { kind: 'unknown' };
  const unit = unitByKey(units, finding.unitKey);
  if (!can('finding_done', { role: member.role, userId: member.userId }, { finding, units })) {
    const leads = (await team.getMembers(group.id))
      .filter((m) => m.role === 'leader' || m.role === 'deputy')
      .map((m) => m.userId);
    return { kind: 'not_allowed', finding, unit, leads };
  }
  if (finding.status === 'done') return { kind: 'already_done', finding };
  if (unit.archived) return { kind: 'unit_archived', finding, unit };
  const closed = await team.closeFinding(group.id, r.id, r.notes, { userId: member.userId, now: r.now });
  if (closed === 'not_found') return { kind: 'unknown' };
  if (closed === 'already_done') {
    return { kind: 'already_done', finding: (await team.getFinding(group.id, r.id)) ?? finding };
  }
  const concerned = new Set([member.userId, closed.createdBy, ...unit.liaisons]);
  r.deps.home.changed(team.teamId, group.id, [...concerned]);
  return { kind: 'done', finding: closed, unit };
}

/** `/dudao finding done <id> [notes…]`: leaders, the finding's author, or the unit's liaisons. */
export const findingDone: GroupHandler<'finding_done'> = async (command, ctx) => {
  const { id } = command;
  const result = await markFindingDone({
    deps: ctx.deps,
    team: ctx.team,
    group: ctx.group,
    member: ctx.member,
    id,
    notes: command.notes,
    now: ctx.now,
  });
  switch (result.kind) {
    case 'unknown':
      throw new UserError('unknown_finding', { id });
    case 'not_allowed':
      throw new UserError('not_your_finding', { id });
    case 'already_done':
      throw new UserError('finding_closed', { id });
    case 'unit_archived':
      throw new UserError('unit_archived', { name: result.unit.name });
    case 'done':
      return reply(
        confirmMessage(ctx.lang, { kind: 'finding_done', finding: result.finding, unit: result.unit }),
      );
  }
};
