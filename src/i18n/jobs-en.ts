/**
 * Strings of the scheduled messages (digest, meeting reminder, liaison pings) and of the ping
 * buttons. Parameters arrive already made safe for mrkdwn (escaped, users as mentions); the
 * `header`s and button labels are plain_text and are sent as they are.
 */

import type { FindingCounts } from '../domain/digest';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Days to one decimal, as both languages write them (`4.5`, `9`); null when under 0.05 but not 0. */
export function tenths(days: number): string | null {
  const r = Math.round(days * 10) / 10;
  return r === 0 && days > 0 ? null : String(r);
}

function daysText(days: number): string {
  const t = tenths(days);
  return t === null ? 'under 0.1 days' : `${t} ${t === '1' ? 'day' : 'days'}`;
}

/** `2 of the 3 with a due date on time · 4.5 days to close on average`, for findings closed. */
function closing(c: FindingCounts): string[] {
  if (c.closed === 0 || c.averageDaysToClose === null) return [];
  const { closedWithDue: due, closedOnTime: onTime } = c;
  const timed =
    due === 0
      ? 'none had a due date'
      : onTime === due
        ? due === 1
          ? 'the one with a due date on time'
          : `all ${due} with a due date on time`
        : onTime === 0
          ? due === 1
            ? 'the one with a due date late'
            : `none of the ${due} with a due date on time`
          : `${onTime} of the ${due} with a due date on time`;
  return [timed, `${daysText(c.averageDaysToClose)} to close on average`];
}

export const jobsEn = {
  listSep: ', ',
  noLiaison: 'no liaison',
  noContact: 'no contact yet',
  lastContact: (date: string, days: number) =>
    `last contact ${date} (${days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`})`,
  neverContacted: (days: number) => `no contact yet (${plural(days, 'day', 'days')} since added)`,
  /** `n=` is how a count is written in `/dudao log`, so the same notation reads the same in both languages. */
  typeTotal: (label: string, activities: number, count: number) =>
    `${label} ×${activities}${count !== activities ? ` (n=${count})` : ''}`,
  more: (n: number) => `…and ${n} more`,
  digest: {
    header: (group: string) => `Weekly digest · ${group}`,
    period: (from: string, to: string, tz: string) => `Week of ${from} to ${to} · times in ${tz}`,
    text: (group: string, from: string, to: string, n: number) =>
      `Weekly digest of ${group}, ${from} to ${to}: ${plural(n, 'activity', 'activities')}.`,
    noActivity: '*No activity was logged this week.* Nothing below comes from this week’s log.',
    totals: (n: number) => `*This week: ${plural(n, 'activity', 'activities')}*`,
    unitsTitle: (n: number) => `*Units (${n})*, weak spots first`,
    noUnits: 'No units yet. Add one with `/dudao unit add &lt;unit name&gt;`.',
    unitLine: (
      gap: boolean,
      unit: string,
      liaisons: string,
      week: number,
      last: string,
      open: number,
      overdue: number,
    ) =>
      `${gap ? ':warning: ' : ''}*${unit}* · ${liaisons} · ${week} this week · ${last} · ${
        open === 0
          ? 'no open findings'
          : `${plural(open, 'open finding', 'open findings')}${overdue > 0 ? `, *${overdue} overdue*` : ''}`
      }`,
    gapsTitle: (n: number, days: number) =>
      `*Coverage gaps: ${n}* (no contact for ${plural(days, 'day', 'days')} or more)`,
    noGaps: (days: number) =>
      `*No coverage gaps:* every unit was contacted within ${plural(days, 'day', 'days')}.`,
    gapLine: (unit: string, since: string) => `• *${unit}*: ${since}`,
    findingsTitle: (opened: number, closed: number, overdue: number, waiting: number) =>
      `*Findings:* ${opened} opened · ${closed} closed · ${overdue} overdue · ${waiting} waiting for verification`,
    /** This week's closings (the title gave the counts); empty when nothing was closed. */
    weekCounts: (c: FindingCounts) => (c.closed === 0 ? '' : `• *This week:* ${closing(c).join(' · ')}`),
    trendCounts: (weeks: number, from: string, to: string, c: FindingCounts) =>
      `• *Last ${weeks} weeks* (${from} to ${to}): ${[`${c.opened} opened`, `${c.closed} closed`, ...closing(c)].join(' · ')}`,
    countsNote:
      '_On time: verified on or before the due date; only findings with a due date count. Days to close: from raising to verification._',
    trendCapped: (n: number) => `_Only the latest ${n} closings of these weeks are counted._`,
    overdueTitle: (n: number) => `*Overdue: ${n}*`,
    overdueLine: (id: number, unit: string, text: string, due: string, days: number, owner: string) =>
      `• :warning: #${id} *${unit}*: ${text} · due ${due}, *${plural(days, 'day', 'days')} overdue* · owner ${owner}`,
    waitingTitle: (n: number) => `*Waiting for verification: ${n}*`,
    waitingLine: (id: number, unit: string, text: string, doneBy: string, doneOn: string) =>
      `• #${id} *${unit}*: ${text} · marked done by ${doneBy} on ${doneOn}`,
    openedTitle: (n: number) => `*Opened this week: ${n}*`,
    openedLine: (id: number, unit: string, text: string, owner: string) =>
      `• #${id} *${unit}*: ${text} · owner ${owner}`,
    closedTitle: (n: number) => `*Closed this week: ${n}*`,
    closedLine: (id: number, unit: string, text: string, by: string, days: number, daysLate: number | null) =>
      `• #${id} *${unit}*: ${text} · verified by ${by} · closed in ${daysText(days)}${
        daysLate === null
          ? ''
          : daysLate === 0
            ? ' · on time'
            : ` · *${plural(daysLate, 'day', 'days')} late*`
      }`,
    nothingTitle: (n: number) => `*Nothing to report (${n})*`,
    nothingLine: (unit: string, user: string, when: string) => `• *${unit}*: ${user}, ${when}`,
  },
  reminder: {
    header: (group: string) => `Meeting reminder · ${group}`,
    text: (group: string, when: string) => `${group}: the weekly meeting is ${when}. The agenda is here.`,
    intro: (when: string, since: string) =>
      `The weekly meeting is *${when}*. This agenda is assembled from the log since ${since}; nobody needs to report again.`,
    activeTitle: (n: number, units: number) =>
      `*1. Work since the last meeting:* ${plural(n, 'activity', 'activities')} with ${plural(units, 'unit', 'units')}`,
    noActivity: (since: string) => `*1. Work since the last meeting:* nothing logged since ${since}.`,
    activeLine: (unit: string, n: number, types: string) => `• *${unit}* (${n}): ${types}`,
    quietTitle: (n: number) => `*2. Units with no contact since the last meeting: ${n}*`,
    noQuiet: '*2. Units with no contact:* none, every unit had contact.',
    quietLine: (gap: boolean, unit: string, last: string, liaisons: string) =>
      `• ${gap ? ':warning: ' : ''}*${unit}* · ${last} · ${liaisons}`,
    findingsTitle: (open: number, overdue: number, waiting: number) =>
      `*3. Open findings: ${open}*${overdue > 0 ? `, ${overdue} overdue` : ''}${
        waiting > 0 ? `, ${waiting} waiting for verification` : ''
      }`,
    noFindings: '*3. Open findings:* none.',
    findingUnit: (unit: string) => `*${unit}*`,
    overdueLine: (id: number, text: string, due: string, days: number, owner: string) =>
      `• :warning: *${plural(days, 'day', 'days')} overdue* #${id} ${text} · due ${due} · owner ${owner}`,
    waitingLine: (id: number, text: string, doneBy: string) =>
      `• :hourglass_flowing_sand: *waiting for verification* #${id} ${text} · marked done by ${doneBy}`,
    openLine: (id: number, text: string, planned: boolean, due: string | null, owner: string) =>
      `• #${id} ${text} · ${planned ? 'being rectified' : 'no plan yet'}${due ? ` · due ${due}` : ''} · owner ${owner}`,
    footer:
      'Liaisons of units with no contact get a direct message to log their work or say there is nothing to report.',
  },
  ping: {
    text: (group: string, n: number) => `${group}: ${plural(n, 'unit needs', 'units need')} your attention.`,
    reminder: (user: string, group: string, when: string, since: string) =>
      `${user}, the *${group}* meeting is *${when}*. These units you are liaison for have no activity logged since ${since}:`,
    coverage: (user: string, group: string, days: number) =>
      `${user}, these units of *${group}* you are liaison for have had no contact for ${plural(days, 'day', 'days')} or more:`,
    leader: (user: string, group: string, days: number) =>
      `${user}, these units of *${group}* have had no contact for ${plural(days, 'day', 'days')} or more, twice the coverage threshold:`,
    followUp: (user: string, group: string) =>
      `${user}, here is the reminder you snoozed. These units of *${group}* still have no new contact:`,
    unitLine: (unit: string, last: string) => `*${unit}* · ${last}`,
    unitLineLeader: (unit: string, last: string, liaisons: string) => `*${unit}* · ${last} · ${liaisons}`,
    moreUnits: (n: number, names: string) =>
      `…and ${plural(n, 'more unit', 'more units')}: ${names}. Log with \`/dudao log\`.`,
    hint: 'Log what happened, or say there is nothing to report: it shows in the weekly digest.',
    log: 'Log activity',
    nothing: 'Nothing to report',
    snooze: 'Snooze 1 day',
    answered: (when: string) => `:white_check_mark: Nothing to report: recorded ${when}.`,
    snoozed: (when: string) => `:zzz: Snoozed until ${when}.`,
  },
  action: {
    groupGone: 'This group no longer exists, so there is nothing to record.',
    notMember: (group: string) =>
      `You are no longer a member of *${group}*, so this button no longer applies to you.`,
    notLiaison: (unit: string) =>
      `Only the liaisons of *${unit}* answer for it; you can still log work with \`/dudao log\`.`,
    unitGone: (unit: string) => `*${unit}* is no longer followed by this group.`,
    invalid: 'This button is out of date. Use `/dudao log` or `/dudao status` instead.',
    failed: 'Sorry, that did not work. Please try again in a moment.',
  },
};

/** The shape every language must fill in full. */
export type JobStrings = typeof jobsEn;
