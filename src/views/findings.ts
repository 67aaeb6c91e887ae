import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { FindingFilter } from '../domain/command';
import {
  canMoveNow,
  type FindingActor,
  type FindingMoveStep,
  isOverdueFinding,
} from '../domain/finding-states';
import { messageLink } from '../domain/message-link';
import type { Finding, FindingEvent, IsoDate, Lang, Member, Unit } from '../domain/types';
import { formatLocalDateTime, localDate } from '../domain/zoned-time';
import { type FindingStrings, findingStrings } from '../i18n/findings';
import { escapeText, mention } from '../slack/mrkdwn';
import { findingRowBlockId, findingValue } from './action-values';
import { context, header, plain, section } from './blocks';
import { unitRef, userText } from './format';
import { BUTTON_ACTIONS } from './ids';
import { BUTTON_TEXT_CHARS, MESSAGE_BLOCKS, packWithin, SECTION_TEXT_CHARS, truncate } from './limits';
import type { Message } from './message';
import { messageLinkLine } from './message-link';
import { type Row, rowSections } from './rows';

/** How many closed findings a list recalls, most recently closed first. */
export const RECENT_CLOSED = 10;
/** How many a `closed` list shows. */
export const CLOSED_LISTED = 25;
/** Sections kept for the closed ones below a list of active ones. */
const CLOSED_SECTIONS = 4;
const TEXT_CHARS = 300;
const NOTE_CHARS = 500;

/** Who reads a list or a finding (it is ephemeral), and what they may press is judged with these. */
export interface FindingViewer extends FindingActor {
  members: readonly Member[];
}

export interface FindingListInput {
  groupId: string;
  filter: FindingFilter;
  /** The active findings (every state but closed) of the group, or of `unit`. */
  active: Finding[];
  /** The most recently closed, newest first; `closedTotal` is how many are closed in all. */
  closed: Finding[];
  closedTotal: number;
  /** All units of the group (archived too), to name each finding's unit. */
  units: Unit[];
  today: IsoDate;
  tz: string;
  /** When the list is for one unit. */
  unit: Unit | null;
  viewer: FindingViewer;
  /**
   * Findings just moved from this list: drawn again, the list keeps them where they were, with
   * their new state, instead of letting them leave the filter.
   */
  keepInPlace?: readonly number[];
}

/** Overdue first, then waiting for verification, then soonest due, then by id. */
function urgency(today: IsoDate) {
  const rank = (f: Finding) => (isOverdueFinding(f, today) ? 0 : f.status === 'waiting' ? 1 : 2);
  return (a: Finding, b: Finding) =>
    rank(a) - rank(b) || (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.id - b.id;
}

function matches(filter: FindingFilter, f: Finding, today: IsoDate): boolean {
  if (filter === 'overdue') return isOverdueFinding(f, today);
  if (filter === 'waiting') return f.status === 'waiting';
  if (filter === 'closed') return f.status === 'closed';
  return true;
}

/**
 * The problem list for one filter: the findings it picks, most urgent first (overdue, then waiting
 * for verification, then soonest due), each with the one button its reader may press now (Verify,
 * else Mark done) in a section of its own as far as the blocks allow; `all` and the default also
 * recall the most recently closed. Hundreds of findings still make one valid message.
 */
export function findingListMessage(lang: Lang, input: FindingListInput): Message {
  const s = findingStrings(lang);
  const { today, unit, filter } = input;
  const byKey = new Map(input.units.map((u) => [u.key, u]));
  const unitOf = (f: Finding): Pick<Unit, 'key' | 'name'> =>
    byKey.get(f.unitKey) ?? { key: f.unitKey, name: f.unitKey };
  const kept = new Set(input.keepInPlace ?? []);
  const overdue = input.active.filter((f) => isOverdueFinding(f, today)).length;
  const waiting = input.active.filter((f) => f.status === 'waiting').length;
  const summary = s.summary(input.active.length, overdue, waiting, input.closedTotal);
  const blocks: KnownBlock[] = [
    header(s.listHeader),
    section(unit ? `${unitRef(unit)}\n${summary}` : summary),
  ];
  if (input.active.length + input.closedTotal === 0) {
    blocks.push(section(s.none));
    return { text: `${s.listHeader} · ${summary}`, blocks };
  }
  // A finding verified from this list is closed now, yet kept in its place.
  const pool =
    filter === 'closed' ? input.closed : [...input.active, ...input.closed.filter((f) => kept.has(f.id))];
  const listed = pool.filter((f) => kept.has(f.id) || matches(filter, f, today));
  if (filter !== 'closed') listed.sort(urgency(today));
  const recent =
    filter === 'open' || filter === 'all'
      ? input.closed.filter((f) => !kept.has(f.id)).slice(0, filter === 'all' ? RECENT_CLOSED : 3)
      : [];
  const budget = MESSAGE_BLOCKS - blocks.length - (recent.length > 0 ? CLOSED_SECTIONS : 0);
  const rows: Row<Finding>[] = listed.map((f) => {
    const control = listButton(lang, input, f, byKey.get(f.unitKey));
    return {
      text: findingLine(s, f, unit ? null : unitOf(f), today, input.tz, lang),
      blockId: findingRowBlockId(f.id, unit?.key ?? null),
      ...(control ? { control } : {}),
    };
  });
  const hidden = filter === 'closed' ? Math.max(0, input.closedTotal - input.closed.length) : 0;
  blocks.push(
    ...rowSections([{ text: s.filterTitle[filter] }, ...(rows.length ? rows : [{ text: s.noneHere }])], {
      budget: budget - (hidden > 0 ? 1 : 0),
      more: (n) => s.more(n, filter),
    }),
  );
  if (hidden > 0) blocks.push(context(s.more(hidden, 'closed')));
  if (recent.length > 0) {
    const lines = recent.map((f) => findingLine(s, f, unit ? null : unitOf(f), today, input.tz, lang));
    blocks.push(
      ...packWithin([s.recentClosed, ...lines], CLOSED_SECTIONS, (n) => s.more(n, 'closed')).map(section),
    );
  }
  return { text: `${s.listHeader} · ${summary}`, blocks };
}

/** The one button a list row carries for its reader: Verify when they may sign it off now, else Mark done. */
function listButton(
  lang: Lang,
  input: FindingListInput,
  f: Finding,
  unit: Unit | undefined,
): Button | undefined {
  if (!unit) return undefined;
  const scene = { unit, members: input.viewer.members };
  const step = (['verify', 'done'] as const).find((st) => canMoveNow(st, f, input.viewer, scene));
  return step ? stepButton(lang, input.groupId, f.id, step) : undefined;
}

const STEP_ACTIONS: Record<Exclude<FindingMoveStep, 'due'>, string> = {
  plan: BUTTON_ACTIONS.findingPlan,
  done: BUTTON_ACTIONS.findingDone,
  verify: BUTTON_ACTIONS.findingVerify,
  reopen: BUTTON_ACTIONS.findingReopen,
};

/** A finding's button for `step` ("Add plan", "Mark done", "Verify", "Send back"). */
export function stepButton(
  lang: Lang,
  groupId: string,
  id: number,
  step: Exclude<FindingMoveStep, 'due'>,
): Button {
  return {
    type: 'button',
    action_id: STEP_ACTIONS[step],
    text: plain(findingStrings(lang).buttons[step], BUTTON_TEXT_CHARS),
    value: findingValue(groupId, id),
    ...(step === 'verify' ? { style: 'primary' as const } : {}),
  };
}

/** Closed on time: by its due date in the group's zone; null when it had none. */
function closedOnTime(f: Finding, tz: string): boolean | null {
  if (f.closedAt === null || f.due === null) return null;
  return localDate(f.closedAt, tz) <= f.due;
}

const STATUS_MARK: Record<Finding['status'], string> = {
  open: '•',
  rectifying: ':hammer_and_wrench:',
  waiting: ':hourglass_flowing_sand:',
  closed: ':white_check_mark:',
};

/** One line of a list: mark, number, text, unit, state, owner, due (overdue stands out), who closed it. */
function findingLine(
  s: FindingStrings,
  f: Finding,
  unit: Pick<Unit, 'key' | 'name'> | null,
  today: IsoDate,
  tz: string,
  lang: Lang,
): string {
  const late = isOverdueFinding(f, today);
  const parts = [`${late ? ':warning:' : STATUS_MARK[f.status]} *#${f.id}* ${userText(f.text, TEXT_CHARS)}`];
  if (unit) parts.push(unitRef(unit));
  parts.push(`_${s.status[f.status]}_`);
  if (f.severity === 'high') parts.push(`*${s.highSeverity}*`);
  if (f.status === 'closed') {
    if (f.closedBy) parts.push(s.closedBy(mention(f.closedBy), closedOnTime(f, tz)));
  } else {
    parts.push(s.owner(mention(f.owner)));
    if (f.due) parts.push(late ? s.dueOverdue(escapeText(f.due)) : s.due(escapeText(f.due)));
  }
  const link = messageLink(f.link);
  if (link) parts.push(messageLinkLine(lang, link));
  return parts.join(' · ');
}

export interface FindingShowInput {
  groupId: string;
  finding: Finding;
  unit: Unit;
  tz: string;
  today: IsoDate;
  viewer: FindingViewer;
}

/** History lines kept in `finding show`; the sections hold about this many lines of full notes. */
const HISTORY_SECTIONS = 8;

/**
 * `finding show`: the finding, its state and people, its plan and evidence, and its whole history
 * (who, when, what, notes), then the next step and the buttons its reader may press now.
 */
export function findingShowMessage(lang: Lang, input: FindingShowInput): Message {
  const s = findingStrings(lang);
  const { finding: f, unit, tz } = input;
  const late = isOverdueFinding(f, input.today);
  const fields = [
    `*${s.fields.unit}*\n${unitRef(unit)}`,
    `*${s.fields.status}*\n${s.status[f.status]}${late ? ' :warning:' : ''}`,
    `*${s.fields.owner}*\n${mention(f.owner)}`,
    `*${s.fields.severity}*\n${s.severity[f.severity]}`,
    `*${s.fields.due}*\n${f.due ? (late ? s.dueOverdue(escapeText(f.due)) : escapeText(f.due)) : s.noDue}`,
    `*${s.fields.raised}*\n${mention(f.createdBy)} · ${escapeText(formatLocalDateTime(f.createdAt, tz, lang))}`,
  ];
  const blocks: KnownBlock[] = [
    header(s.showHeader(f.id)),
    section(userText(f.text, SECTION_TEXT_CHARS - 10)),
    { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text })) },
  ];
  const link = messageLink(f.link);
  if (link) blocks.push(context(messageLinkLine(lang, link)));
  if (f.plan) blocks.push(section(`*${s.fields.plan}*\n${userText(f.plan, NOTE_CHARS * 2)}`));
  const files = f.history.flatMap((e) => e.files ?? []);
  if (files.length > 0)
    blocks.push(
      section(truncate(`*${s.fields.evidence}*\n${files.map(fileLink).join('\n')}`, SECTION_TEXT_CHARS)),
    );
  const lines = f.history.map((e) => historyLine(s, e, tz, lang));
  const actions = viewerActions(lang, input);
  const room = MESSAGE_BLOCKS - blocks.length - 1 - (actions ? 1 : 0);
  blocks.push(
    ...packWithin([s.history, ...lines], Math.min(HISTORY_SECTIONS, room), s.historyMore).map(section),
  );
  blocks.push(context(s.nextSteps[f.status](f.id)));
  if (actions) blocks.push(actions);
  return { text: `${s.showHeader(f.id)}: ${userText(f.text, TEXT_CHARS)}`, blocks };
}

/** The buttons of the steps the reader may take now, in the order of the work. */
function viewerActions(lang: Lang, input: FindingShowInput): ActionsBlock | null {
  const scene = { unit: input.unit, members: input.viewer.members };
  const steps = (['plan', 'done', 'verify', 'reopen'] as const).filter((st) =>
    canMoveNow(st, input.finding, input.viewer, scene),
  );
  if (steps.length === 0) return null;
  return {
    type: 'actions',
    elements: steps.map((st) => stepButton(lang, input.groupId, input.finding.id, st)),
  };
}

/** `<permalink|name>` when Slack gave the file's permalink, else its name. */
export function fileLink(file: { name: string; url?: string }): string {
  const name = escapeText(file.name);
  const url = file.url && /^https?:\/\/[^\s<>|]+$/.test(file.url) ? file.url : null;
  return url ? `<${url}|${name}>` : name;
}

function historyLine(s: FindingStrings, e: FindingEvent, tz: string, lang: Lang): string {
  const when = escapeText(formatLocalDateTime(e.at, tz, lang));
  const parts = [`• ${when} · ${s.step[e.step](mention(e.by))}`];
  if (e.step === 'due') parts.push(s.dueChange(escapeText(e.from ?? s.noDue), escapeText(e.to ?? s.noDue)));
  if (e.selfVerified) parts.push(`_${s.selfVerified}_`);
  if (e.legacy) parts.push(`_${s.legacy}_`);
  let line = parts.join(' · ');
  if (e.notes) line += `\n    ${userText(e.notes, NOTE_CHARS)}`;
  if (e.files && e.files.length > 0) line += `\n    :paperclip: ${e.files.map(fileLink).join(', ')}`;
  return line;
}

/**
 * A message carrying a finding's buttons (a section's accessory, or in an actions block), once one
 * was pressed: those controls give way to `note`; everything else is sent back as it was, so the
 * other rows can still be pressed.
 */
export function settleFindingControls(
  blocks: readonly KnownBlock[],
  findingId: number,
  note: string,
): KnownBlock[] {
  return blocks.map((b): KnownBlock => {
    if (b.type === 'section' && isFindingControl(b.accessory, findingId)) {
      const { accessory: _pressed, ...rest } = b;
      const before = b.text ? truncate(b.text.text, SECTION_TEXT_CHARS - note.length - 1) : '';
      return { ...rest, text: { type: 'mrkdwn', text: before ? `${before}\n${note}` : note } };
    }
    if (b.type === 'actions' && b.elements.some((e) => isFindingControl(e, findingId))) {
      return { ...context(note), ...(b.block_id ? { block_id: b.block_id } : {}) };
    }
    return b;
  });
}

const FINDING_ACTIONS: ReadonlySet<string> = new Set(Object.values(STEP_ACTIONS));

function isFindingControl(element: unknown, findingId: number): boolean {
  if (typeof element !== 'object' || element === null) return false;
  const { action_id: actionId, value } = element as { action_id?: unknown; value?: unknown };
  if (typeof actionId !== 'string' || !FINDING_ACTIONS.has(actionId)) return false;
  try {
    return (JSON.parse(String(value)) as { f?: unknown } | null)?.f === findingId;
  } catch {
    return false;
  }
}
