import type { KnownBlock } from '@slack/types';
import type { Finding, IsoDate, Lang, Unit } from '../domain/types';
import { type Strings, strings } from '../i18n/index';
import { escapeText, mention } from '../slack/mrkdwn';
import { header, section } from './blocks';
import { isOverdue, unitRef, userText } from './format';
import { MESSAGE_BLOCKS, packWithin } from './limits';
import type { Message } from './message';

/** How many done findings the list recalls, newest first. */
const RECENT_DONE = 10;
/** Sections kept for the done ones; open findings get the rest of the message. */
const DONE_SECTIONS = 4;
const TEXT_CHARS = 300;

export interface FindingListInput {
  findings: Finding[];
  /** All units of the group (archived too), to name each finding's unit. */
  units: Unit[];
  today: IsoDate;
  /** When the list is for one unit. */
  unit: Unit | null;
}

/**
 * The problem list: open findings first, soonest due first so the overdue lead and are
 * marked, then the most recently done. Hundreds of findings still make one valid message.
 */
export function findingListMessage(lang: Lang, input: FindingListInput): Message {
  const s = strings(lang);
  const { today, unit } = input;
  const byKey = new Map(input.units.map((u) => [u.key, u]));
  const unitOf = (f: Finding) =>
    unit ? null : (byKey.get(f.unitKey) ?? { key: f.unitKey, name: f.unitKey });
  const open = input.findings
    .filter((f) => f.status === 'open')
    .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.id - b.id);
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
  const recent = [...done].sort((a, b) => (b.doneAt ?? 0) - (a.doneAt ?? 0)).slice(0, RECENT_DONE);
  const openBudget = MESSAGE_BLOCKS - blocks.length - (recent.length > 0 ? DONE_SECTIONS : 0);
  const openLines = open.length ? open.map((f) => openLine(s, f, unitOf(f), today)) : [s.findings.noneOpen];
  blocks.push(...packWithin([s.findings.openTitle, ...openLines], openBudget, s.findings.more).map(section));
  if (recent.length > 0) {
    const doneLines = recent.map((f) => doneLine(s, f, unitOf(f)));
    blocks.push(
      ...packWithin([s.findings.doneTitle, ...doneLines], DONE_SECTIONS, s.findings.more).map(section),
    );
  }
  return { text: `${s.findings.header} · ${summary}`, blocks };
}

type UnitName = Pick<Unit, 'key' | 'name'> | null;

function openLine(s: Strings, f: Finding, unit: UnitName, today: IsoDate): string {
  const late = isOverdue(f.due, today);
  const parts = [`${late ? ':warning:' : '•'} *#${f.id}* ${userText(f.text, TEXT_CHARS)}`];
  if (unit) parts.push(unitRef(unit));
  if (f.due) parts.push(late ? s.findings.dueOverdue(escapeText(f.due)) : s.findings.due(escapeText(f.due)));
  parts.push(s.findings.raisedBy(mention(f.createdBy)));
  return parts.join(' · ');
}

function doneLine(s: Strings, f: Finding, unit: UnitName): string {
  const parts = [`:white_check_mark: *#${f.id}* ${userText(f.text, TEXT_CHARS)}`];
  if (unit) parts.push(unitRef(unit));
  if (f.doneBy) parts.push(s.findings.doneBy(mention(f.doneBy)));
  return parts.join(' · ');
}
