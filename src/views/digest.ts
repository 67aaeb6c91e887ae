import { activityTypeLabel } from '../domain/activity-types';
import type { DigestModel } from '../domain/digest';
import type { StatusRow } from '../domain/status';
import type { Finding, Lang } from '../domain/types';
import { formatLocalDateTime } from '../domain/zoned-time';
import { type JobStrings, jobStrings } from '../i18n/jobs';
import { context, header, section } from './blocks';
import { userText } from './format';
import { MESSAGE_TEXT_CHARS, packWithin, truncate } from './limits';
import type { KnownBlock, Message } from './message';
import { MENTIONS, type People, person, persons } from './people';

/**
 * Sections each part may use, so that the whole stays within Slack's 50 blocks whatever the
 * group's size: 3 for the top, 24 + 3 + 3 × 4 + 3 = 42 for the parts, 45 in all.
 */
const BUDGET = { units: 24, gaps: 3, findings: 4, nothing: 3 } as const;
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

function findingLines(
  s: JobStrings,
  findings: Finding[],
  names: Map<string, string>,
  doneBy: People | null,
): string[] {
  return findings.map((f) => {
    const line = s.digest.findingLine(
      f.id,
      unitName(names.get(f.unitKey) ?? f.unitKey),
      userText(f.text, FINDING_CHARS),
    );
    return doneBy && f.doneBy ? `${line} · ${s.digest.doneBy(person(doneBy, f.doneBy))}` : line;
  });
}

function findingBlocks(
  s: JobStrings,
  model: DigestModel,
  names: Map<string, string>,
  people: People,
): KnownBlock[] {
  const blocks: KnownBlock[] = [
    section(s.digest.findingsTitle(model.opened.length, model.done.length, model.overdue.length)),
  ];
  const parts: [string, string[]][] = [
    [
      s.digest.overdueTitle,
      model.overdue.map((o) =>
        s.digest.overdueLine(
          o.finding.id,
          unitName(o.unitName),
          userText(o.finding.text, FINDING_CHARS),
          o.finding.due ?? '',
          o.daysOverdue,
        ),
      ),
    ],
    [s.digest.openedTitle, findingLines(s, model.opened, names, null)],
    [s.digest.doneTitle, findingLines(s, model.done, names, people)],
  ];
  for (const [title, lines] of parts) {
    if (lines.length > 0) blocks.push(...listSections(s, title, lines, BUDGET.findings));
  }
  return blocks;
}

/**
 * The weekly digest as Block Kit: totals by type, a line per unit (weak spots first), coverage
 * gaps, findings opened, done and overdue, and the "nothing to report" answers. A week without
 * activity still gets its digest, saying so at the top.
 */
export function digestMessage(model: DigestModel, view: DigestView): Message {
  const s = jobStrings(view.lang);
  const names = new Map(model.units.map((r) => [r.unit.key, r.unit.name]));
  for (const a of model.nothingToReport) names.set(a.unitKey, a.unitName);
  for (const o of model.overdue) names.set(o.finding.unitKey, o.unitName);
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

  blocks.push(...findingBlocks(s, model, names, people));

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
