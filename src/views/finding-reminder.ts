import type { ActionsBlock } from '@slack/types';
import { daysBetween } from '../domain/dates';
import type { FindingReminder } from '../domain/finding-reminders';
import type { IsoDate, Lang, Unit } from '../domain/types';
import { localDate } from '../domain/zoned-time';
import { type FindingReminderStrings, findingReminderStrings } from '../i18n/finding-reminders';
import { escapeText, mention } from '../slack/mrkdwn';
import { context, section } from './blocks';
import { stepButton } from './findings';
import { unitRef, userText } from './format';
import { MESSAGE_BLOCKS, packWithin } from './limits';
import type { KnownBlock, Message } from './message';

/** Findings that get their row of buttons: a section and an actions block each. */
const MAX_WITH_BUTTONS = 20;
/** Sections for the findings past those: what the message has left besides the intro and the hint. */
const LISTED_SECTIONS = MESSAGE_BLOCKS - 2 - 2 * MAX_WITH_BUTTONS;
const TEXT_CHARS = 300;
const NAME_CHARS = 120;

export interface FindingReminderView {
  lang: Lang;
  groupId: string;
  groupName: string;
  tz: string;
  /** Who reads it. */
  userId: string;
  /** The day of the reminders. */
  date: IsoDate;
  /** The reader's reminders of the day, in the order shown (remindersByPerson). */
  reminders: readonly FindingReminder[];
  /** The group's units, to name each finding's. */
  units: readonly Unit[];
}

function line(s: FindingReminderStrings, v: FindingReminderView, r: FindingReminder): string {
  const f = r.finding;
  const unit = v.units.find((u) => u.key === f.unitKey) ?? { key: f.unitKey, name: f.unitKey };
  const due = escapeText(f.due ?? '');
  const days = f.due === null ? 0 : daysBetween(v.date, f.due);
  const parts = [
    `${r.kind === 'overdue' ? ':warning:' : '•'} *#${f.id}* ${userText(f.text, TEXT_CHARS)}`,
    unitRef(unit),
  ];
  if (r.kind === 'today') parts.push(s.dueToday(due));
  if (r.kind === 'soon') parts.push(s.dueIn(due, days));
  if (r.kind === 'overdue') parts.push(s.overdue(due, -days), s.owner(mention(f.owner)));
  if (r.kind === 'verify' && f.doneBy !== null && f.doneAt !== null)
    parts.push(s.doneBy(mention(f.doneBy), localDate(f.doneAt, v.tz)));
  return parts.join(' · ');
}

/** The owner plans or marks done; a verifier verifies; a leader is told about an overdue finding. */
function buttons(v: FindingReminderView, r: FindingReminder): ActionsBlock | null {
  const steps =
    r.kind === 'verify' ? (['verify'] as const) : r.kind === 'overdue' ? [] : (['plan', 'done'] as const);
  if (steps.length === 0) return null;
  return {
    type: 'actions',
    elements: steps.map((step) => stepButton(v.lang, v.groupId, r.finding.id, step)),
  };
}

/**
 * One person's due reminders of the day, in one direct message: under a title per kind, a line
 * per finding with its buttons ("Add plan" and "Mark done" for the owner, "Verify" for a
 * verifier) for the first 20; the rest as lines without buttons as far as the blocks allow, then
 * how many more there are. So hundreds of reminders still make one valid message.
 */
export function findingReminderMessage(v: FindingReminderView): Message {
  const s = findingReminderStrings(v.lang);
  const group = userText(v.groupName, NAME_CHARS);
  const blocks: KnownBlock[] = [section(s.intro(mention(v.userId), group))];
  const rest: string[] = [];
  let withButtons = 0;
  let kind: FindingReminder['kind'] | null = null;
  for (const r of v.reminders) {
    const text = r.kind === kind ? line(s, v, r) : `${s.title[r.kind]}\n${line(s, v, r)}`;
    kind = r.kind;
    const actions = buttons(v, r);
    // Once a line has gone to the rest, every later one follows it, so the order holds.
    if (actions && withButtons < MAX_WITH_BUTTONS && rest.length === 0) {
      blocks.push(section(text), actions);
      withButtons++;
    } else rest.push(text);
  }
  blocks.push(...packWithin(rest, LISTED_SECTIONS, s.more).map(section), context(s.hint));
  return { text: s.text(group, v.reminders.length), blocks };
}
