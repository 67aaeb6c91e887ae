import type { Button, KnownBlock, StaticSelect } from '@slack/types';
import { activityTypeLabel } from '../domain/activity-types';
import { isActive, isOverdueFinding } from '../domain/finding-states';
import { type StatusRow, statusTotals } from '../domain/status';
import type { Activity, Finding, Group, IsoDate, Lang, Unit } from '../domain/types';
import { buttonStrings } from '../i18n/buttons';
import { findingStrings } from '../i18n/findings';
import { type Strings, strings } from '../i18n/index';
import { escapeText, mention, mentions } from '../slack/mrkdwn';
import { statusLogValue, statusPickBlockId } from './action-values';
import { context, divider, header, plain, section } from './blocks';
import { unitRef, userText } from './format';
import { BUTTON_ACTIONS, STATUS_LOG_SELECT } from './ids';
import { BUTTON_TEXT_CHARS, MESSAGE_BLOCKS, PLACEHOLDER_CHARS, packWithin } from './limits';
import type { Message } from './message';
import { rowSections } from './rows';
import {
  deepFreeze,
  figures,
  rememberedStatus,
  rememberStatus,
  type StatusInput,
  sameFigures,
} from './status-memo';
import { unitOptions } from './unit-select';

/** Sections given to each list of the one-unit view; together well under the 50 blocks. */
const LIST_SECTIONS = 20;
/** Notes and findings are cut in the timeline; the export has them in full. */
const NOTE_CHARS = 300;
const FINDING_CHARS = 500;

/**
 * Every unit at a glance: totals, then one line per unit in the given order (gaps first), each
 * with a "Log" button. A section holds one button, so past what the blocks allow the first units
 * (the weakest) keep theirs and the others are packed several to a section, with a "Log for…"
 * select listing them; 300 units still make one valid message, and lines that do not fit at all
 * are counted at the end. Asked again with nothing it shows changed, it answers the blocks it made
 * last time (status-memo.ts).
 */
export function statusMessage(lang: Lang, input: StatusInput): Message {
  const known = rememberedStatus(lang, input);
  if (known) return known;
  const message = renderStatus(lang, input);
  rememberStatus(lang, input, message);
  return message;
}

function renderStatus(lang: Lang, input: StatusInput): Message {
  const s = strings(lang);
  const { group, rows, today } = input;
  const t = statusTotals(rows);
  const totals = s.status.totals(t.units, t.gaps, t.weekActivities, t.openFindings);
  const title = s.status.title(userText(group.name, 200), escapeText(today));
  const blocks: KnownBlock[] = [
    header(s.status.header),
    section(`${title}\n${totals}`),
    context(s.status.gapNote(group.coverageDays)),
    divider(),
  ];
  if (rows.length === 0) blocks.push(section(s.status.empty));
  const b = buttonStrings(lang);
  const lines = rows.map((r) => {
    const unit = unitParts(lang, s, group.id, r.unit);
    return { text: unitLine(s, r, unit), item: r.unit, control: unit.button };
  });
  const sections = rowSections(lines, {
    budget: MESSAGE_BLOCKS - blocks.length,
    more: s.status.more,
    groupControl: (units, i) => ({
      block_id: statusPickBlockId(group.id, i),
      accessory: logSelect(b.logFor, units),
    }),
  });
  blocks.push(...sections);
  return { text: `${title} · ${totals}`, blocks };
}

export interface UnitStatusInput {
  group: Group;
  row: StatusRow;
  /** Newest first, as many as should be shown. */
  activities: Activity[];
  /** The unit's findings; only open ones are shown. */
  findings: Finding[];
  today: IsoDate;
}

/** One unit: its liaisons and last contact, recent timeline, and open findings (overdue marked). */
export function unitStatusMessage(lang: Lang, input: UnitStatusInput): Message {
  const s = strings(lang);
  const { row, today } = input;
  const unit = row.unit;
  const summary = [
    `${row.gap ? ':warning: ' : ''}${unitRef(unit)}${unit.kind ? ` · ${userText(unit.kind, 100)}` : ''}`,
    mentions(unit.liaisons, `_${s.words.noLiaison}_`),
    [lastContact(s, row), s.status.week(row.weekCount), s.status.open(row.openFindings)].join(' · '),
  ].join('\n');

  const timeline = input.activities.map((a) => {
    const parts = [escapeText(a.date), `*${activityTypeLabel(a.type, lang)}*`, mention(a.userId)];
    if (a.count !== 1) parts.push(s.words.count(a.count));
    if (a.notes.trim()) parts.push(userText(a.notes.trim(), NOTE_CHARS));
    return `• ${parts.join(' · ')}`;
  });
  const open = input.findings
    .filter(isActive)
    .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.id - b.id)
    .map((f) => {
      const parts = [`*#${f.id}* ${userText(f.text, FINDING_CHARS)}`];
      const late = isOverdueFinding(f, today);
      if (f.status !== 'open') parts.push(`_${findingStrings(lang).status[f.status]}_`);
      if (f.due)
        parts.push(late ? s.findings.dueOverdue(escapeText(f.due)) : s.findings.due(escapeText(f.due)));
      return `${late ? ':warning:' : '•'} ${parts.join(' · ')}`;
    });

  const blocks: KnownBlock[] = [
    header(s.status.unitHeader),
    { ...section(summary), accessory: logButton(lang, input.group.id, unit.key) },
    ...packWithin(
      [s.status.recent, ...(timeline.length ? timeline : [s.status.noActivity])],
      LIST_SECTIONS,
      (n) => s.status.moreActivities(n),
    ).map(section),
    ...packWithin([s.status.openTitle, ...(open.length ? open : [s.status.noOpen])], LIST_SECTIONS, (n) =>
      s.status.moreFindings(n, escapeText(unit.key)),
    ).map(section),
  ];
  return { text: `${unitRef(unit)} · ${lastContact(s, row)}`, blocks };
}

/** "Log" for one unit: opens the log form with the unit chosen. */
function logButton(lang: Lang, groupId: string, unitKey: string): Button {
  return {
    type: 'button',
    action_id: BUTTON_ACTIONS.statusLog,
    text: plain(buttonStrings(lang).log, BUTTON_TEXT_CHARS),
    value: statusLogValue(groupId, unitKey),
  };
}

/** "Log for…" listing the units of a packed section, as the log form lists them (value: the key). */
function logSelect(placeholder: string, units: Unit[]): StaticSelect {
  return {
    type: 'static_select',
    action_id: STATUS_LOG_SELECT,
    placeholder: plain(placeholder, PLACEHOLDER_CHARS),
    // An empty query lists them all, in order: a packed section holds at most 100 (rows.ts).
    options: unitOptions(units, ''),
  };
}

function lastContact(s: Strings, row: StatusRow): string {
  const never = row.daysSince === null;
  return s.status.lastContact(never ? s.time.never : s.time.daysAgo(row.daysSince ?? 0), never);
}

/**
 * What a unit's status line shows of the unit itself (name, key, liaisons), and its "Log" button;
 * `line` is the last whole line made with them and the figures it was made of.
 */
interface UnitParts {
  text: string;
  button: Button;
  line?: { figures: readonly number[]; text: string };
}

/**
 * The parts of a unit that cannot change: the store shares frozen units between requests, so each
 * gets its text escaped and its button built once per language and group rather than on every status,
 * and its line again only when its figures changed.
 */
const frozenParts = new WeakMap<Unit, UnitParts & { lang: Lang; groupId: string }>();

function unitParts(lang: Lang, s: Strings, groupId: string, unit: Unit): UnitParts {
  const known = frozenParts.get(unit);
  if (known && known.lang === lang && known.groupId === groupId) return known;
  const parts = {
    text: `${unitRef(unit)} · ${mentions(unit.liaisons, `_${s.words.noLiaison}_`)}`,
    button: deepFreeze(logButton(lang, groupId, unit.key)),
  };
  if (!Object.isFrozen(unit)) return parts;
  const kept = { ...parts, lang, groupId };
  frozenParts.set(unit, kept);
  return kept;
}

function unitLine(s: Strings, row: StatusRow, unit: UnitParts): string {
  if (unit.line && sameFigures(unit.line.figures, 0, row)) return unit.line.text;
  const text = statusLine(s, row, unit.text);
  unit.line = { figures: figures(row), text };
  return text;
}

function statusLine(s: Strings, row: StatusRow, unit: string): string {
  const mark = row.gap ? ':warning:' : '•';
  const counts = `${s.status.week(row.weekCount)} · ${s.status.open(row.openFindings)}`;
  return `${mark} ${unit} · ${lastContact(s, row)} · ${counts}`;
}
