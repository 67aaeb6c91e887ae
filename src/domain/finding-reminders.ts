import { addDays } from './dates';
import { isOverdueFinding, toRectify, verifiersFor } from './finding-states';
import { ISO_DATE } from './ids';
import type { Finding, IsoDate, Member } from './types';
import { localClock, localDate } from './zoned-time';

/**
 * The due reminders of findings (SPEC "Findings"), as pure functions: which reminders a group's
 * active findings call for on a local date, which of them that date's run sends (each is claimed
 * for the first date it is planned on, and only that date sends it), and which claims are over.
 */

/** When the daily look runs, in the group's zone. */
export const FINDING_REMINDER_TIME = '09:00';
/** The owner hears of a due date this many days before it (and on the day). */
const DUE_SOON_DAYS = 3;
/**
 * The leaders hear of an overdue finding from the day after its due date to this many days after:
 * the window keeps findings long overdue when reminders began from all reaching them at once.
 */
const OVERDUE_WINDOW_DAYS = 7;
/** A finding waiting for verification longer than this reminds its verifiers. */
export const VERIFY_AFTER_MS = 3 * 24 * 60 * 60 * 1000;
/** Claims are kept this long after their date (once no longer planned), far past every window above. */
const CLAIM_KEEP_DAYS = 60;

/**
 * `soon`: due within DUE_SOON_DAYS (owner); `today`: due today (owner); `overdue`: past due
 * (leaders); `verify`: waiting for verification for more than VERIFY_AFTER_MS (its verifiers).
 */
export type FindingReminderKind = 'soon' | 'today' | 'overdue' | 'verify';

/** In a person's message: what they can act on first, what they are told about last. */
const REMINDER_KIND_ORDER: readonly FindingReminderKind[] = ['today', 'soon', 'verify', 'overdue'];

export interface FindingReminder {
  /**
   * `<finding id>:<kind>:<due date>` (`verify`: `:<doneAt>`). A new due date or a new "done" is a
   * new identity, so it reminds again, and a reminder planned under the old one is never sent.
   */
  id: string;
  kind: FindingReminderKind;
  finding: Finding;
  /** Who gets it, members of the group only. */
  to: string[];
}

export interface ReminderPlanInput {
  /** The group's active findings (open, rectifying, waiting) of units still followed. */
  findings: readonly Finding[];
  members: readonly Member[];
  /** The local date the run is for. */
  date: IsoDate;
  /** The instant the run is for (the verification wait is measured to it). */
  now: number;
}

/** Every reminder the findings call for on `date`, by finding id, then kind. */
export function planFindingReminders(input: ReminderPlanInput): FindingReminder[] {
  const { date } = input;
  const memberIds = new Set(input.members.map((m) => m.userId));
  const leaders = input.members.filter((m) => m.role === 'leader').map((m) => m.userId);
  const out: FindingReminder[] = [];
  const push = (f: Finding, kind: FindingReminderKind, stamp: string | number, to: string[]) => {
    if (to.length > 0) out.push({ id: `${f.id}:${kind}:${stamp}`, kind, finding: f, to: [...new Set(to)] });
  };
  for (const f of [...input.findings].sort((a, b) => a.id - b.id)) {
    const owner = memberIds.has(f.owner) ? [f.owner] : [];
    if (f.due !== null && toRectify(f)) {
      if (f.due === date) push(f, 'today', f.due, owner);
      else if (addDays(f.due, -DUE_SOON_DAYS) <= date && date < f.due) push(f, 'soon', f.due, owner);
      else if (isOverdueFinding(f, date) && date <= addDays(f.due, OVERDUE_WINDOW_DAYS))
        push(f, 'overdue', f.due, leaders);
    }
    if (f.status === 'waiting' && f.doneAt !== null && input.now - f.doneAt > VERIFY_AFTER_MS)
      push(f, 'verify', f.doneAt, verifiersFor(f, input.members).who);
  }
  return out;
}

/** The reminders `date`'s run sends: those whose claim is for `date` (claimed by this run, or by an earlier attempt of it). */
export function remindersToSend(
  planned: readonly FindingReminder[],
  claims: ReadonlyMap<string, IsoDate>,
  date: IsoDate,
): FindingReminder[] {
  return planned.filter((r) => claims.get(r.id) === date);
}

/**
 * Claims to drop: dated more than CLAIM_KEEP_DAYS before `date` and no longer planned. A claim
 * still planned stays however old (a finding waiting for months), or its reminder would go again.
 */
export function staleReminderClaims(
  claims: ReadonlyMap<string, IsoDate>,
  planned: readonly FindingReminder[],
  date: IsoDate,
): string[] {
  const live = new Set(planned.map((r) => r.id));
  const oldest = addDays(date, -CLAIM_KEEP_DAYS);
  return [...claims]
    .filter(([id, on]) => !live.has(id) && (!ISO_DATE.test(on) || on < oldest))
    .map(([id]) => id);
}

/** One person's reminders of the day, in REMINDER_KIND_ORDER, soonest first within a kind. */
export interface PersonReminders {
  userId: string;
  reminders: FindingReminder[];
}

const rank = (r: FindingReminder): number => REMINDER_KIND_ORDER.indexOf(r.kind);
const when = (r: FindingReminder): string =>
  r.kind === 'verify' ? String(r.finding.doneAt).padStart(16, '0') : (r.finding.due ?? '');

/** The reminders by recipient, recipients in order of first appearance. */
export function remindersByPerson(reminders: readonly FindingReminder[]): PersonReminders[] {
  const byUser = new Map<string, FindingReminder[]>();
  for (const r of reminders) {
    for (const userId of r.to) byUser.set(userId, [...(byUser.get(userId) ?? []), r]);
  }
  return [...byUser].map(([userId, list]) => ({
    userId,
    reminders: list.sort(
      (a, b) => rank(a) - rank(b) || when(a).localeCompare(when(b)) || a.finding.id - b.finding.id,
    ),
  }));
}

/**
 * The local date a run is for. On time (or a little late) it is the date it was scheduled for;
 * started a day or more late (the workers were down), the latest date whose FINDING_REMINDER_TIME
 * has passed, since a fire skipped in between never comes. `startedAt` is the first attempt's
 * start, kept in the job, so that retries, even past midnight, plan the same date.
 */
export function reminderRunDate(scheduledAt: number, startedAt: number, tz: string): IsoDate {
  const scheduled = localDate(scheduledAt, tz);
  const today = localDate(startedAt, tz);
  if (today <= scheduled) return scheduled;
  return localClock(startedAt, tz) >= FINDING_REMINDER_TIME ? today : addDays(today, -1);
}
