import type { Button, KnownBlock } from '@slack/types';
import { messageLink } from '../domain/message-link';
import { can, type Who } from '../domain/permissions';
import type { Finding, IsoDate, Lang, Unit } from '../domain/types';
import { buttonStrings } from '../i18n/buttons';
import { type Strings, strings } from '../i18n/index';
import { escapeText, mention } from '../slack/mrkdwn';
import { findingRowBlockId, findingValue } from './action-values';
import { context, header, plain, section } from './blocks';
import { isOverdue, unitRef, userText } from './format';
import { BUTTON_ACTIONS } from './ids';
import { BUTTON_TEXT_CHARS, MESSAGE_BLOCKS, packWithin, SECTION_TEXT_CHARS, truncate } from './limits';
import type { Message } from './message';
import { messageLinkLine } from './message-link';
import { type Row, rowSections } from './rows';

/** How many done findings the list recalls, newest first. */
const RECENT_DONE = 10;
/** Sections kept for the done ones; open findings get the rest of the message. */
const DONE_SECTIONS = 4;
const TEXT_CHARS = 300;

export interface FindingListInput {
  groupId: string;
  findings: Finding[];
  /** All units of the group (archived too), to name each finding's unit. */
  units: Unit[];
  today: IsoDate;
  /** When the list is for one unit. */
  unit: Unit | null;
  /** Who reads the list (it is ephemeral): "Mark done" is shown on what they may mark. */
  viewer: Who;
  /**
   * Findings just marked done from this list: drawn again, the list keeps them where they were,
   * saying who did it, instead of moving them to the done ones.
   */
  keepInPlace?: readonly number[];
}

/**
 * The problem list: open findings first, soonest due first so the overdue lead and are
 * marked, then the most recently done. Each open finding the viewer may mark carries "Mark done"
 * in a section of its own as far as the blocks allow; hundreds of findings still make one valid
 * message.
 */
export function findingListMessage(lang: Lang, input: FindingListInput): Message {
  const s = strings(lang);
  const { today, unit } = input;
  const byKey = new Map(input.units.map((u) => [u.key, u]));
  const unitOf = (f: Finding) =>
    unit ? null : (byKey.get(f.unitKey) ?? { key: f.unitKey, name: f.unitKey });
  const kept = new Set(input.keepInPlace ?? []);
  const open = input.findings.filter((f) => f.status === 'open');
  const done = input.findings.filter((f) => f.status === 'done');
  const overdue = open.filter((f) => isOverdue(f.due, today)).length;
  const summary = s.findings.summary(open.length, overdue, done.length);

  const blocks: KnownBlock[] = [
    header(s.findings.header),
    section(unit ? `${unitRef(unit)}\n${summary}` : summary),
  ];
  if (input.findings.length === 0) {
    blocks.push(section(s.findings.none));
    return { text: `${s.findings.header} · ${summary}`, blocks };
  }
  const listed = [...open, ...done.filter((f) => kept.has(f.id))].sort(
    (a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.id - b.id,
  );
  const recent = done
    .filter((f) => !kept.has(f.id))
    .sort((a, b) => (b.doneAt ?? 0) - (a.doneAt ?? 0))
    .slice(0, RECENT_DONE);
  const openBudget = MESSAGE_BLOCKS - blocks.length - (recent.length > 0 ? DONE_SECTIONS : 0);
  const rows: Row<Finding>[] = listed.map((f) => {
    if (f.status === 'done') return { text: doneLine(lang, s, f, unitOf(f)) };
    const control = mayMark(input, f, byKey) ? markDoneButton(lang, input.groupId, f.id) : undefined;
    return {
      text: openLine(lang, s, f, unitOf(f), today),
      blockId: findingRowBlockId(f.id, unit?.key ?? null),
      ...(control ? { control } : {}),
    };
  });
  const title = { text: s.findings.openTitle };
  blocks.push(
    ...rowSections([title, ...(rows.length ? rows : [{ text: s.findings.noneOpen }])], {
      budget: openBudget,
      more: s.findings.more,
    }),
  );
  if (recent.length > 0) {
    const doneLines = recent.map((f) => doneLine(lang, s, f, unitOf(f)));
    blocks.push(
      ...packWithin([s.findings.doneTitle, ...doneLines], DONE_SECTIONS, s.findings.more).map(section),
    );
  }
  return { text: `${s.findings.header} · ${summary}`, blocks };
}

/**
 * A message carrying a finding's "Mark done" or "Verify" (a section's accessory, or in an actions
 * block), once it was pressed: that control gives way to `note`; everything else is sent back as
 * it was, so the other rows can still be pressed.
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

function isFindingControl(element: unknown, findingId: number): boolean {
  if (typeof element !== 'object' || element === null) return false;
  const { action_id: actionId, value } = element as { action_id?: unknown; value?: unknown };
  if (actionId !== BUTTON_ACTIONS.findingDone && actionId !== BUTTON_ACTIONS.findingVerify) return false;
  try {
    return (JSON.parse(String(value)) as { f?: unknown } | null)?.f === findingId;
  } catch {
    return false;
  }
}

/** Whether the viewer may mark `f` done from here: their permission, and its unit still followed. */
function mayMark(input: FindingListInput, f: Finding, byKey: Map<string, Unit>): boolean {
  const unit = byKey.get(f.unitKey);
  if (!unit || unit.archived) return false;
  return can('finding_done', input.viewer, { finding: f, units: input.units });
}

function markDoneButton(lang: Lang, groupId: string, id: number): Button {
  return {
    type: 'button',
    action_id: BUTTON_ACTIONS.findingDone,
    text: plain(buttonStrings(lang).markDone, BUTTON_TEXT_CHARS),
    value: findingValue(groupId, id),
  };
}

type UnitName = Pick<Unit, 'key' | 'name'> | null;

/** `:link: From this message`, when the finding was raised from one and its link is sound. */
function linkPart(lang: Lang, f: Finding): string[] {
  const link = messageLink(f.link);
  return link ? [messageLinkLine(lang, link)] : [];
}

function openLine(lang: Lang, s: Strings, f: Finding, unit: UnitName, today: IsoDate): string {
  const late = isOverdue(f.due, today);
  const parts = [`${late ? ':warning:' : '•'} *#${f.id}* ${userText(f.text, TEXT_CHARS)}`];
  if (unit) parts.push(unitRef(unit));
  if (f.due) parts.push(late ? s.findings.dueOverdue(escapeText(f.due)) : s.findings.due(escapeText(f.due)));
  parts.push(s.findings.raisedBy(mention(f.createdBy)), ...linkPart(lang, f));
  return parts.join(' · ');
}

function doneLine(lang: Lang, s: Strings, f: Finding, unit: UnitName): string {
  const parts = [`:white_check_mark: *#${f.id}* ${userText(f.text, TEXT_CHARS)}`];
  if (unit) parts.push(unitRef(unit));
  if (f.doneBy) parts.push(s.findings.doneBy(mention(f.doneBy)));
  parts.push(...linkPart(lang, f));
  return parts.join(' · ');
}
