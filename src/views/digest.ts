import { activityTypeLabel } from '../domain/activity-types';
import { type DigestModel, TREND_WEEKS } from '../domain/digest';
import type { StatusRow } from '../domain/status';
import type { Finding, Lang } from '../domain/types';
import { formatLocalDateTime, localDate } from '../domain/zoned-time';
import { type JobStrings, jobStrings } from '../i18n/jobs';
import { context, header, section } from './blocks';
import { userText } from './format';
import { MESSAGE_TEXT_CHARS, packWithin, truncate } from './limits';
import type { KnownBlock, Message } from './message';
import { MENTIONS, type People, person, persons } from './people';

/**
 * Sections each part may use, so that the whole stays within Slack's 50 blocks whatever the
 * group's size: 3 for the top, then 22 for the units, 3 for the gaps, 1 for the findings' counts
 * and 3 for each of their four lists, 3 for the answers: 44 in all, leaving room to spare.
 */
const BUDGET = { units: 22, gaps: 3, findings: 3, nothing: 3 } as const;
const NAME_CHARS = 120;
const FINDING_CHARS = 300;

export interface DigestView {
  groupName: string;
  lang: Lang;
  tz: string;
  /** How people are written: mentioned (the default), or named without notifying them. */
  people?: People;
}

/** `last contact 2026-11-28 (3 days ago)`, or that there was none. */
export function lastContactText(s: JobStrings, row: Pick<StatusRow, 'lastContact' | 'daysSince'>): string {
  return row.lastContact === null ? s.noContact : s.lastContact(row.lastContact, row.daysSince ?? 0);
}

function unitName(name: string): string {
  return userText(name, NAME_CHARS);
}

/** Packs a titled list into sections: the title is the first line of the first one. */
function listSections(s: JobStrings, title: string, lines: string[], max: number): KnownBlock[] {
  return packWithin([title, ...lines], max, (n) => s.more(n)).map(section);
}

/** The findings' counts (this week, the trend), then the overdue, waiting, opened and closed ones. */
function findingBlocks(s: JobStrings, model: DigestModel, view: DigestView, people: People): KnownBlock[] {
  const d = s.digest;
  const text = (f: Finding) => userText(f.text, FINDING_CHARS);
  const counts = [
    d.findingsTitle(model.week.opened, model.week.closed, model.overdue.length, model.waiting.length),
    d.weekCounts(model.week),
    d.trendCounts(TREND_WEEKS, model.trendStart, model.weekEnd, model.trend),
    model.trendCappedAt === null ? '' : d.trendCapped(model.trendCappedAt),
    d.countsNote,
  ].filter((line) => line !== '');
  const blocks: KnownBlock[] = [section(counts.join('\n'))];
  const parts: [string, string[]][] = [
    [
      d.overdueTitle(model.overdue.length),
      model.overdue.map((o) =>
        d.overdueLine(
          o.finding.id,
          unitName(o.unitName),
          text(o.finding),
          o.finding.due ?? '',
          o.daysOverdue,
          person(people, o.finding.owner),
        ),
      ),
    ],
    [
      d.waitingTitle(model.waiting.length),
      model.waiting.map((w) =>
        d.waitingLine(
          w.finding.id,
          unitName(w.unitName),
          text(w.finding),
          person(people, w.finding.doneBy ?? w.finding.owner),
          localDate(w.finding.doneAt ?? w.finding.createdAt, view.tz),
        ),
      ),
    ],
    [
      d.openedTitle(model.opened.length),
      model.opened.map((o) =>
        d.openedLine(o.finding.id, unitName(o.unitName), text(o.finding), person(people, o.finding.owner)),
      ),
    ],
    [
      d.closedTitle(model.closed.length),
      model.closed.map((c) =>
        d.closedLine(
          c.finding.id,
          unitName(c.unitName),
          text(c.finding),
          person(people, c.finding.closedBy ?? c.finding.owner),
          c.days,
          c.daysLate,
        ),
      ),
    ],
  ];
  for (const [title, lines] of parts) {
    if (lines.length > 0) blocks.push(...listSections(s, title, lines, BUDGET.findings));
  }
  return blocks;
}

/**
 * The weekly digest as Block Kit: totals by type, a line per unit (weak spots first, with its
 * open and overdue findings), coverage gaps, the findings' counts for the week and the last 12
 * weeks, the findings overdue, waiting for verification, opened and closed this week, and the
 * "nothing to report" answers. A week without activity still gets its digest, saying so at the top.
 */
export function digestMessage(model: DigestModel, view: DigestView): Message {
  const s = jobStrings(view.lang);
  const group = userText(view.groupName, NAME_CHARS);
  const people = view.people ?? MENTIONS;

  const blocks: KnownBlock[] = [
    header(s.digest.header(view.groupName)),
    context(s.digest.period(model.weekStart, model.weekEnd, userText(view.tz, 64))),
  ];
  if (model.totalActivities === 0) blocks.push(section(s.digest.noActivity));
  else {
    const types = model.byType.map(
      (t) => `• ${s.typeTotal(activityTypeLabel(t.type, view.lang), t.activities, t.count)}`,
    );
    blocks.push(section([s.digest.totals(model.totalActivities), ...types].join('\n')));
  }

  if (model.units.length === 0) blocks.push(section(s.digest.noUnits));
  else {
    const lines = model.units.map((r) =>
      s.digest.unitLine(
        r.gap,
        unitName(r.unit.name),
        persons(people, r.unit.liaisons, s.noLiaison, s.listSep),
        r.weekCount,
        lastContactText(s, r),
        r.openFindings,
        r.overdueFindings,
      ),
    );
    blocks.push(...listSections(s, s.digest.unitsTitle(model.units.length), lines, BUDGET.units));
  }

  if (model.gaps.length === 0) blocks.push(section(s.digest.noGaps(model.coverageDays)));
  else {
    const lines = model.gaps.map((r) => s.digest.gapLine(unitName(r.unit.name), lastContactText(s, r)));
    blocks.push(
      ...listSections(s, s.digest.gapsTitle(model.gaps.length, model.coverageDays), lines, BUDGET.gaps),
    );
  }

  blocks.push(...findingBlocks(s, model, view, people));

  if (model.nothingToReport.length > 0) {
    const lines = model.nothingToReport.map((a) =>
      s.digest.nothingLine(
        unitName(a.unitName),
        person(people, a.userId),
        formatLocalDateTime(a.at, view.tz, view.lang),
      ),
    );
    blocks.push(...listSections(s, s.digest.nothingTitle(lines.length), lines, BUDGET.nothing));
  }

  const text = truncate(
    s.digest.text(group, model.weekStart, model.weekEnd, model.totalActivities),
    MESSAGE_TEXT_CHARS,
  );
  return { text, blocks };
}
