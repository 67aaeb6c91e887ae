import type { KnownBlock } from '@slack/types';
import { messageLink } from '../domain/message-link';
import type {
  Activity,
  Finding,
  FindingEvent,
  Group,
  IsoDate,
  Lang,
  MeetingSchedule,
  Role,
  Unit,
  WeeklySchedule,
} from '../domain/types';
import { findingStrings } from '../i18n/findings';
import { type Strings, strings } from '../i18n/index';
import { escapeText, mention, mentions } from '../slack/mrkdwn';
import { context, section } from './blocks';
import { fileLink } from './findings';
import { activitySummary, LANG_NAMES, unitRef, userText } from './format';
import type { Message } from './message';
import { messageLinkLine } from './message-link';

/** Where an export's file goes: the group's channel, or the caller's direct message with the app. */
export type ExportDestination = 'channel' | 'dm';

/** Everything a command can report as done. */
export type Confirmation =
  | { kind: 'setup'; group: Group }
  | { kind: 'members_added'; users: string[]; role: Role }
  | { kind: 'member_removed'; user: string }
  | { kind: 'unit_added'; unit: Unit }
  | { kind: 'unit_edited'; unit: Unit }
  | { kind: 'unit_archived'; unit: Unit }
  | { kind: 'logged'; activity: Activity; unit: Unit; undoMinutes: number }
  | { kind: 'undone'; activity: Activity; unit: Unit }
  | { kind: 'finding_added'; finding: Finding; unit: Unit }
  /** A finding moved a step (`event`); `verifiers` are who it now waits for, when marked done. */
  | { kind: 'finding_moved'; finding: Finding; unit: Unit; event: FindingEvent; verifiers: string[] }
  | { kind: 'meeting_set'; meeting: MeetingSchedule; tz: string; nextReminder: string | null }
  | { kind: 'meeting_off' }
  | { kind: 'meeting_skipped'; date: IsoDate }
  | { kind: 'digest_set'; digest: WeeklySchedule; tz: string; next: string | null }
  | { kind: 'digest_off' }
  | { kind: 'coverage_set'; days: number }
  | { kind: 'queued'; what: 'digest' | 'remind' }
  | { kind: 'export_started'; where: ExportDestination }
  | {
      kind: 'export_done';
      from: IsoDate;
      to: IsoDate;
      activities: number;
      findings: number;
      where: ExportDestination;
    };

/** Notes and finding texts are long-form; a confirmation shows enough to recognise them. */
const NOTE_CHARS = 1000;

/** The answer to a command that worked: what was done and, where it helps, what to do next. */
export function confirmMessage(lang: Lang, c: Confirmation): Message {
  const s = strings(lang);
  const [main, ...rest] = lines(lang, s, c);
  const text = typeof main === 'string' ? main : '';
  const blocks: KnownBlock[] = [section(`:white_check_mark: ${text}`)];
  for (const line of rest) blocks.push(typeof line === 'string' ? context(line) : section(line.section));
  return { text, blocks };
}

/** A line shown as a section rather than in small print: notes, next steps. */
type Line = string | { section: string };

/** The main sentence first; then further lines, in small print unless they are sections. */
function lines(lang: Lang, s: Strings, c: Confirmation): Line[] {
  const t = s.confirm;
  switch (c.kind) {
    case 'setup':
      return [
        t.setup(userText(c.group.name, 200), escapeText(c.group.tz), LANG_NAMES[c.group.lang]),
        t.setupOptions(c.group.posts, c.group.liaisonNames),
        { section: t.setupNext },
      ];
    case 'members_added':
      return [t.membersAdded(mentions(c.users, '', s.words.listSep), s.roles[c.role])];
    case 'member_removed':
      return [t.memberRemoved(mention(c.user))];
    case 'unit_added':
      return [t.unitAdded(unitRef(c.unit)), unitDetails(s, c.unit), t.unitNext(escapeText(c.unit.key))];
    case 'unit_edited':
      return [t.unitEdited(unitRef(c.unit)), unitDetails(s, c.unit)];
    case 'unit_archived':
      return [t.unitArchived(unitRef(c.unit))];
    case 'logged':
      return [
        t.logged(activitySummary(lang, c.activity, c.unit)),
        ...notes(s, c.activity.notes),
        ...linkBack(lang, c.activity.link),
        t.undoHint(c.undoMinutes),
      ];
    case 'undone':
      return [t.undone(activitySummary(lang, c.activity, c.unit)), ...notes(s, c.activity.notes)];
    case 'finding_added': {
      const f = c.finding;
      const fs = findingStrings(lang);
      const due = f.due ? [t.due(escapeText(f.due))] : [];
      return [
        fs.added(f.id, unitRef(c.unit), userText(f.text, NOTE_CHARS)),
        fs.addedDetails(mention(f.owner), fs.severity[f.severity]),
        ...due,
        ...linkBack(lang, f.link),
        fs.addedHint(f.id),
      ];
    }
    case 'finding_moved':
      return movedLines(lang, c.finding, c.unit, c.event, c.verifiers);
    case 'meeting_set': {
      const m = c.meeting;
      const next = c.nextReminder ? t.nextReminder(escapeText(c.nextReminder)) : t.noNextReminder;
      const skips =
        m.skips.length > 0 ? [t.skips(m.skips.slice(-10).map(escapeText).join(s.words.listSep))] : [];
      return [
        t.meetingSet(s.weekdays[m.weekday], escapeText(m.time), escapeText(c.tz), m.remindMinutes),
        next,
        ...skips,
      ];
    }
    case 'meeting_off':
      return [t.meetingOff];
    case 'meeting_skipped':
      return [t.meetingSkipped(escapeText(c.date))];
    case 'digest_set': {
      const d = c.digest;
      const set = t.digestSet(s.weekdays[d.weekday], escapeText(d.time), escapeText(c.tz));
      return c.next ? [set, t.nextDigest(escapeText(c.next))] : [set];
    }
    case 'digest_off':
      return [t.digestOff];
    case 'coverage_set':
      return [t.coverageSet(c.days)];
    case 'queued':
      return [c.what === 'digest' ? t.queuedDigest : t.queuedRemind];
    case 'export_started':
      return [t.exportStarted(c.where)];
    case 'export_done':
      return [t.exportDone(escapeText(c.from), escapeText(c.to), c.activities, c.findings, c.where)];
  }
}

function unitDetails(s: Strings, unit: Unit): string {
  const kind = unit.kind ? userText(unit.kind, 100) : '–';
  return s.confirm.unitDetails(kind, mentions(unit.liaisons, s.words.noLiaison));
}

/** The line linking a record to the Slack message it came from, when it did. */
function linkBack(lang: Lang, link: string | undefined): Line[] {
  const checked = messageLink(link);
  return checked ? [messageLinkLine(lang, checked)] : [];
}

function notes(s: Strings, text: string): Line[] {
  return text.trim() ? [{ section: s.confirm.notes(userText(text.trim(), NOTE_CHARS)) }] : [];
}

/** What the one who moved a finding is told: the step taken, its notes and files, what comes next. */
function movedLines(lang: Lang, f: Finding, unit: Unit, e: FindingEvent, verifiers: string[]): Line[] {
  const fs = findingStrings(lang);
  const ref = unitRef(unit);
  const head =
    e.step === 'plan'
      ? fs.moved.plan(f.id, ref)
      : e.step === 'done'
        ? fs.moved.done(f.id, ref, mentions(verifiers, '?', strings(lang).words.listSep))
        : e.step === 'verify'
          ? fs.moved.verify(f.id, ref)
          : e.step === 'reopen'
            ? fs.moved.reopen(f.id, ref)
            : fs.moved.due(f.id, ref, escapeText(e.from ?? fs.noDue), escapeText(e.to ?? fs.noDue));
  const say = e.step === 'reopen' || e.step === 'due' ? fs.reason : fs.notes;
  const notes: Line[] = e.notes ? [{ section: say(userText(e.notes, NOTE_CHARS)) }] : [];
  const files = e.files && e.files.length > 0 ? [fs.files(e.files.map(fileLink).join(', '))] : [];
  const self = e.selfVerified ? [`_${fs.selfVerified}_`] : [];
  return [head, ...notes, ...files, ...self, fs.showHint(f.id)];
}
