import { activityTypeLabel } from '../domain/activity-types';
import type { AgendaModel } from '../domain/agenda';
import { totalsByType } from '../domain/digest';
import type { IsoDate, Lang } from '../domain/types';
import { weekdayName } from '../domain/zoned-time';
import { jobStrings } from '../i18n/jobs';
import { weekAgendaStrings } from '../i18n/week-agenda';
import { context, header, section } from './blocks';
import { lastContactText } from './digest';
import { userText } from './format';
import { packWithin } from './limits';
import type { KnownBlock, Message } from './message';
import { MENTIONS, type People, person, persons } from './people';

/** Sections per part: 2 + 20 + 12 + 12 + 1 = 47 blocks at most, under Slack's 50. */
const BUDGET = { active: 20, quiet: 12, findings: 12 } as const;
const NAME_CHARS = 120;
const FINDING_CHARS = 300;

export interface ReminderView {
  groupName: string;
  lang: Lang;
  /** The meeting's local time, `HH:mm`; null when the agenda covers the week so far. */
  meetingTime: string | null;
  /** How liaisons are written: mentioned (the default), or named without notifying them. */
  people?: People;
}

/** `Mon 2026-11-30 09:30` / `周一 2026-11-30 09:30`: a date of the group's calendar with a wall-clock time. */
export function meetingWhen(date: IsoDate, time: string, lang: Lang): string {
  return `${weekdayName(date, lang)} ${date} ${time}`;
}

/** The words that differ between a meeting's agenda and the week so far's. */
interface AgendaWords {
  header: string;
  text: string;
  intro: string;
  activeTitle: (n: number, units: number) => string;
  noActivity: (since: string) => string;
  quietTitle: (n: number) => string;
  noQuiet: string;
  footer: string;
}

function agendaWords(model: AgendaModel, view: ReminderView): AgendaWords {
  const group = userText(view.groupName, NAME_CHARS);
  if (model.meetingDate === null) {
    const w = weekAgendaStrings(view.lang);
    return {
      ...w,
      header: w.header(view.groupName),
      text: w.text(group, model.since, model.today),
      intro: w.intro(model.since, model.today),
      footer: w.footer(model.coverageDays),
    };
  }
  const r = jobStrings(view.lang).reminder;
  const when = meetingWhen(model.meetingDate, view.meetingTime ?? '', view.lang);
  return {
    ...r,
    header: r.header(view.groupName),
    text: r.text(group, when),
    intro: r.intro(when, model.since),
  };
}

/**
 * One entry per finding, grouped by unit: a unit's first entry starts with the unit's name, so a
 * name never ends a section without a finding under it, and "…and N more" counts findings.
 */
function findingEntries(model: AgendaModel, view: ReminderView, people: People): string[] {
  const r = jobStrings(view.lang).reminder;
  return model.findings.flatMap((unit) =>
    unit.findings.map((f, i) => {
      const { finding } = f;
      const text = userText(finding.text, FINDING_CHARS);
      const owner = person(people, finding.owner);
      const line = f.overdue
        ? r.overdueLine(finding.id, text, finding.due ?? '', f.daysOverdue, owner)
        : f.waiting
          ? r.waitingLine(finding.id, text, person(people, finding.doneBy ?? finding.owner))
          : r.openLine(finding.id, text, finding.status === 'rectifying', finding.due, owner);
      return i === 0 ? `${r.findingUnit(userText(unit.unitName, NAME_CHARS))}\n${line}` : line;
    }),
  );
}

/**
 * The meeting reminder: the agenda assembled from the log. Work per unit since the last meeting
 * (or this week, when there is no meeting to announce), the units nobody reached (weak spots
 * first), then the active findings per unit, overdue and waiting for verification first.
 */
export function reminderMessage(model: AgendaModel, view: ReminderView): Message {
  const s = jobStrings(view.lang);
  const r = { ...s.reminder, ...agendaWords(model, view) };
  const people = view.people ?? MENTIONS;
  const more = (n: number) => s.more(n);
  const name = (n: string) => userText(n, NAME_CHARS);
  const blocks: KnownBlock[] = [header(r.header), section(r.intro)];

  if (model.active.length === 0) blocks.push(section(r.noActivity(model.since)));
  else {
    const lines = model.active.map((u) => {
      const types = totalsByType(u.activities)
        .map((t) => s.typeTotal(activityTypeLabel(t.type, view.lang), t.activities, t.count))
        .join(s.listSep);
      return r.activeLine(name(u.unit.name), u.activities.length, types);
    });
    const title = r.activeTitle(model.totalActivities, model.active.length);
    blocks.push(...packWithin([title, ...lines], BUDGET.active, more).map(section));
  }

  if (model.quiet.length === 0) blocks.push(section(r.noQuiet));
  else {
    const lines = model.quiet.map((u) =>
      r.quietLine(
        u.gap,
        name(u.unit.name),
        lastContactText(s, u),
        persons(people, u.unit.liaisons, s.noLiaison, s.listSep),
      ),
    );
    blocks.push(...packWithin([r.quietTitle(model.quiet.length), ...lines], BUDGET.quiet, more).map(section));
  }

  if (model.findingCount === 0) blocks.push(section(r.noFindings));
  else {
    const title = r.findingsTitle(model.findingCount, model.overdueCount, model.waitingCount);
    blocks.push(
      ...packWithin([title, ...findingEntries(model, view, people)], BUDGET.findings, more).map(section),
    );
  }

  // Without a meeting, only units past the coverage threshold have their liaisons pinged.
  const pinged = (u: AgendaModel['quiet'][number]) =>
    u.unit.liaisons.length > 0 && (model.meetingDate !== null || u.gap);
  if (model.quiet.some(pinged)) blocks.push(context(r.footer));
  return { text: r.text, blocks };
}
