import { COUNT_MAX, COUNT_MIN, NOTES_MAX } from '../domain/new-activity';
import type { Weekday } from '../domain/types';
import type { ArgName, ErrorTexts, RoleTexts, WeekdayTexts } from './types';
import { usageEn } from './usage-en';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

const weekdays: WeekdayTexts = {
  1: 'Monday',
  2: 'Tuesday',
  3: 'Wednesday',
  4: 'Thursday',
  5: 'Friday',
  6: 'Saturday',
  7: 'Sunday',
};

const weekdayName = (day: unknown): string => weekdays[Number(day) as Weekday] ?? String(day);

const FINDING_STATE_EN: Record<string, string> = {
  open: 'is open',
  rectifying: 'is being rectified',
  waiting: 'is marked done and waits for verification',
  closed: 'is closed',
};
const findingStateEn = (status: unknown): string => FINDING_STATE_EN[String(status)] ?? String(status);

const STEP_VERB_EN: Record<string, string> = {
  plan: 'add a plan to',
  done: 'mark done',
  verify: 'verify',
  reopen: 'send back',
  due: 'move the due date of',
};
const stepVerbEn = (step: unknown): string => STEP_VERB_EN[String(step)] ?? String(step);

/** What can be done instead, when a step does not apply to a finding's state. */
function findingStepHintEn(step: unknown, status: unknown, id: unknown): string {
  if (status === 'closed')
    return step === 'reopen'
      ? ''
      : `To work on it again, send it back: \`/dudao finding reopen ${id} &lt;reason&gt;\`.`;
  if (status === 'waiting')
    return `A verifier signs it off (\`/dudao finding verify ${id}\`) or sends it back.`;
  if (step === 'verify') return `It is verified once marked done: \`/dudao finding done ${id}\`.`;
  return 'Only a finding marked done or closed can be sent back.';
}

const errors: ErrorTexts = {
  unknown_command: (p) => `I don't know the command \`${p.word}\`. Type \`/dudao help\` to see them all.`,
  usage: () => "That command isn't quite right.",
  missing_argument: (p) => `Missing: ${p.what}.`,
  bad_date: (p) => `\`${p.value}\` is not a date. Write it as YYYY-MM-DD, e.g. 2026-11-20.`,
  future_date: (p) => `${p.value} is in the future. Log work once it has happened.`,
  bad_range: (p) => `From ${p.from} to ${p.to} is not a range: \`from\` must not come after \`to\`.`,
  bad_time: (p) => `\`${p.value}\` is not a time. Use the 24-hour clock, HH:mm, e.g. 09:30.`,
  bad_weekday: (p) => `\`${p.value}\` is not a weekday. Use mon … sun.`,
  bad_number: (p) => `\`${p.name}\` must be a whole number from ${p.min} to ${p.max}, not \`${p.value}\`.`,
  bad_tz: (p) => `\`${p.value}\` is not a time zone. Use a name such as Asia/Shanghai or Europe/Paris.`,
  bad_lang: (p) => `\`${p.value}\` is not a language I speak. Use lang=en or lang=zh.`,
  bad_choice: (p) => `\`${p.name}=\` does not take \`${p.value}\`. Use one of: ${p.choices}.`,
  bad_role: (p) => `\`${p.value}\` is not a role. Use role=leader, role=deputy or role=member.`,
  bad_key: (p) => `\`${p.value}\` can't be a unit key. Use a short lower-case slug such as key=moc.`,
  bad_type: (p) =>
    `\`${p.value}\` is not an activity type. Use one of: plan_review, interview, symposium, research, meeting, feedback, study, other.`,
  bad_user: (p) => `\`${p.value}\` is not a Slack user. Mention people with @, e.g. @wang.`,
  unknown_option: (p) => `I don't know the option \`${p.name}=\`.`,
  text_too_long: (p) => `Too long: ${p.what} may have at most ${p.max} characters.`,
  no_group: () =>
    'This channel has no group, and you are in none. Start one here with `/dudao setup &lt;group name&gt;`.',
  which_group: (p) => `You are in several groups (${p.channels}). Run the command in the group's channel.`,
  channel_taken: (p) => `This channel already belongs to the group *${p.name}*. Use another channel.`,
  not_in_channel: () => 'Run `/dudao setup` in the channel the group will use, not in a direct message.',
  not_member: (p) => `You are not a member of *${p.group}*. Ask its leader ${p.leader} to add you.`,
  forbidden: (p) => `\`/dudao ${p.action}\` is for the group's leader and deputies.`,
  leader_only: (p) =>
    `Only a leader of the group can make, change or remove a leader (\`/dudao ${p.action}\`). Ask a leader to do it.`,
  unknown_unit: (p) => `No unit matches \`${p.ref}\`. See \`/dudao unit list\`.`,
  ambiguous_unit: (p) =>
    `\`${p.ref}\` matches several units: ${p.candidates}. Type more of the name, or the key.`,
  unit_exists: (p) => `A unit with the key \`${p.key}\` already exists. Choose another with key=….`,
  unit_archived: (p) => `*${p.name}* is archived: it can no longer be changed or logged against.`,
  unknown_finding: (p) => `There is no finding #${p.id} in this group. See \`/dudao finding list\`.`,
  finding_state: (p) =>
    `Finding #${p.id} ${findingStateEn(p.status)}. ${findingStepHintEn(p.step, p.status, p.id)}`,
  not_your_finding: (p) => `You can't ${stepVerbEn(p.step)} finding #${p.id}. Who can: ${p.who}.`,
  self_verify: (p) => `You marked finding #${p.id} done yourself, so someone else signs it off: ${p.who}.`,
  past_due: (p) => `${p.value} has passed: a new due date must be today or later.`,
  same_due: (p) => `The finding is already due on ${p.value}.`,
  history_full: (p) =>
    `Finding #${p.id} has had ${p.max} changes, the most one finding keeps. Raise a new finding for what is left.`,
  owner_not_member: (p) =>
    `${p.user} is not in this group, so they can't own a finding. A leader can add them: \`/dudao member add @name\`.`,
  nothing_to_undo: (p) => `Nothing to undo: you have logged nothing in the last ${p.minutes} minutes.`,
  last_leader: () => 'The group needs a leader. Make someone else leader first.',
  not_a_member: (p) => `${p.user} is not a member of this group.`,
  no_units: () => 'This group has no units yet. Add one with `/dudao unit add &lt;unit name&gt;`.',
  no_meeting: () => 'No weekly meeting is set. Set one with `/dudao meeting &lt;weekday&gt; &lt;HH:mm&gt;`.',
  export_too_large: (p) =>
    `That is more than ${p.max} rows to export at once. Choose a shorter range with from= and to=.`,
  export_busy: () => 'An export of this group is already being prepared. Try again when it has arrived.',
  slow_down: (p) =>
    `That is more than ${p.limit} commands in a minute. Nothing of this one was done: wait a minute and send it again.`,
  too_soon: (p) =>
    `The ${p.what === 'digest' ? 'digest' : 'meeting reminder'} was asked for a short while ago and is not posted again so soon. Try again in ${plural(Number(p.minutes), 'minute', 'minutes')}.`,
  duplicate_request: () => 'This request was already received and done once; it was not done again.',
  skipped_by_dst: (p) =>
    `In ${p.tz}, ${p.time} on ${weekdayName(p.weekday)} falls at a daylight-saving change, so the ${p.what === 'digest' ? 'digest' : 'meeting reminder'} would be missed or sent an hour late that week. Choose another time, e.g. 09:00.`,
};

const args: Record<ArgName, string> = {
  unit: 'the unit',
  user: 'a person (@mention)',
  name: 'the name',
  text: 'the text of the finding',
  type: 'the activity type',
  date: 'the date',
  id: 'the finding number',
  days: 'the number of days',
  weekday: 'the weekday',
  time: 'the time (HH:mm)',
  notes: 'notes',
  plan: 'the rectification plan',
  reason: 'the reason',
};

const roles: RoleTexts = { leader: 'leader', deputy: 'deputy', member: 'member', liaison: 'liaison' };

const rolesWhat: RoleTexts = {
  leader: 'runs the group: members, units, meeting, digest, coverage',
  deputy: 'the same rights as the leader',
  member: 'logs work, raises findings, rectifies those they own, verifies those they raised',
  liaison: 'keeps in touch with their units; logs work, rectifies their units’ findings',
};

/**
 * Every string the bot shows in English; `zh` has the same shape.
 * Strings are Slack mrkdwn, ready to send: a literal angle bracket is written `&lt;` / `&gt;`,
 * because Slack reads `<…>` as a link or a mention. Function arguments arrive already escaped.
 * Exceptions, sent as plain_text and so never escaped: `help.title`, every `*.header`,
 * `units.title`, `modal.*`, and `usage` (plain syntax, escaped where it is rendered).
 */
export const en = {
  roles,
  weekdays,
  args,
  usage: usageEn,
  errors,
  rolesWhat,
  words: {
    usage: 'Usage:',
    example: 'Example:',
    examples: 'Examples',
    noLiaison: 'no liaison',
    listSep: ', ',
    count: (n: number) => `×${n}`,
  },
  time: {
    daysAgo: (n: number) => (n <= 0 ? 'today' : n === 1 ? 'yesterday' : `${n} days ago`),
    never: 'never',
  },
  help: {
    title: 'dudao: log the work, see the coverage, get the weekly agenda',
    intro:
      'Log what the group does with each unit in one line or a short form. Status shows which units are covered and which are drifting; the weekly meeting agenda and the digest are built from the log, so nobody reports twice.',
    surfaces:
      'Without typing: the app’s *Home* tab shows your units and the findings waiting on you, with buttons; on any message, its *⋯* menu has *Log as activity* and *Raise a finding*.',
    commands: 'Commands',
    types: 'Activity types (any of the names works)',
    roles: 'Roles',
    more: 'Details of one command: `/dudao help &lt;command&gt;`',
    role: (name: string, key: string, what: string) =>
      name === key ? `*${key}*: ${what}` : `*${name}* (${key}): ${what}`,
  },
  fault: (ref: string) =>
    `Sorry, something went wrong on our side. It has been logged; please try again in a moment. Reference: \`${ref}\``,
  slow: 'Working on it: the answer follows in a moment.',
  confirm: {
    setup: (group: string, tz: string, lang: string) =>
      `Group *${group}* is set up in this channel. Time zone ${tz}, language ${lang}.`,
    setupOptions: (posts: 'message' | 'thread', liaisons: 'mention' | 'name') =>
      `${posts === 'thread' ? 'The meeting reminder and the digest are posted in a thread of the week’s first post (posts=thread)' : 'The meeting reminder and the digest are posted as new messages (posts=new)'}; liaisons in them are ${liaisons === 'name' ? 'named without being notified (mention=off)' : '@-mentioned (mention=on)'}. Change with \`/dudao setup posts=new|thread mention=on|off\`.`,
    setupNext:
      '*Next:*\n1. Add members: `/dudao member add @someone role=deputy`\n2. Add units: `/dudao unit add "Ministry of Commerce" key=moc liaison=@someone`\n3. Log work: `/dudao log`\n4. Set the weekly meeting: `/dudao meeting mon 09:30`',
    membersAdded: (users: string, role: string) => `${users}: now in the group as *${role}*.`,
    memberRemoved: (user: string) => `${user} has left the group and is no longer liaison for any unit.`,
    unitAdded: (unit: string) => `Unit added: ${unit}.`,
    unitEdited: (unit: string) => `Unit updated: ${unit}.`,
    unitDetails: (kind: string, liaisons: string) => `Kind: ${kind} · liaisons: ${liaisons}`,
    unitNext: (key: string) => `Log work for it: \`/dudao log interview ${key}\``,
    unitArchived: (unit: string) =>
      `${unit} is archived: it leaves status, digests and reminders; its history is kept.`,
    logged: (what: string) => `Logged: ${what}`,
    undoHint: (minutes: number) =>
      `A mistake? \`/dudao undo\` within ${plural(minutes, 'minute', 'minutes')}.`,
    undone: (what: string) => `Removed your log: ${what}`,
    notes: (notes: string) => `Notes: ${notes}`,
    findingAdded: (id: number, unit: string, text: string) =>
      `Finding *#${id}* recorded for ${unit}: ${text}`,
    findingHint: (id: number) => `When it is fixed: \`/dudao finding done ${id}\``,
    findingDone: (id: number, unit: string, text: string) => `Finding *#${id}* (${unit}) is done: ${text}`,
    due: (date: string) => `Due ${date}.`,
    meetingSet: (weekday: string, time: string, tz: string, remind: number) =>
      `Weekly meeting: every ${weekday} at ${time} (${tz}). The agenda is posted ${plural(remind, 'minute', 'minutes')} before.`,
    nextReminder: (when: string) => `Next reminder: ${when}.`,
    noNextReminder: 'No reminder is due yet.',
    skips: (dates: string) => `Skipped: ${dates}.`,
    meetingOff: 'Weekly meeting reminders are off.',
    meetingSkipped: (date: string) => `The meeting of ${date} is skipped: no reminder that week.`,
    digestSet: (weekday: string, time: string, tz: string) =>
      `Weekly digest: every ${weekday} at ${time} (${tz}), in this channel.`,
    nextDigest: (when: string) => `Next digest: ${when}.`,
    digestOff: 'The weekly digest is off.',
    coverageSet: (days: number) =>
      `A unit now counts as a coverage gap after ${plural(days, 'day', 'days')} without contact.`,
    queuedDigest: "This week's digest is on its way to this channel.",
    queuedRemind: 'The agenda and the liaison pings are on their way.',
    exportStarted: (where: 'channel' | 'dm'): string =>
      where === 'channel'
        ? 'Preparing the export; the CSV file follows in this channel.'
        : 'Preparing the export; the CSV file will come to you in a direct message from dudao, not in this channel.',
    exportDone: (from: string, to: string, activities: number, findings: number, where: 'channel' | 'dm') =>
      `Export ready: ${from} to ${to}, ${plural(activities, 'activity', 'activities')} and ${plural(findings, 'finding', 'findings')}. ${where === 'channel' ? 'The file is in this channel.' : 'The file is in your direct messages with dudao.'}`,
  },
  units: {
    title: (n: number) => `Units (${n})`,
    empty: 'No units yet. Add one with `/dudao unit add &lt;unit name&gt;`.',
    archived: (n: number) => `*Archived (${n})*`,
    more: (n: number) => `…and ${plural(n, 'more unit', 'more units')}.`,
  },
  status: {
    header: 'Status',
    title: (group: string, today: string) => `*${group}* · ${today}`,
    totals: (units: number, gaps: number, week: number, open: number) =>
      `${plural(units, 'unit', 'units')} · *${plural(gaps, 'coverage gap', 'coverage gaps')}* · ${plural(week, 'activity', 'activities')} this week · ${plural(open, 'open finding', 'open findings')}`,
    gapNote: (days: number) => `:warning: no contact for ${plural(days, 'day', 'days')} or more`,
    lastContact: (ago: string, never: boolean) => (never ? 'never contacted' : `last contact ${ago}`),
    week: (n: number) => `${n} this week`,
    open: (n: number) => plural(n, 'open finding', 'open findings'),
    empty: 'No units yet. Add one with `/dudao unit add &lt;unit name&gt;`.',
    more: (n: number) =>
      `…and ${plural(n, 'more unit', 'more units')}: \`/dudao status &lt;unit&gt;\` or \`/dudao export\``,
    unitHeader: 'Unit status',
    recent: '*Recent work*',
    noActivity: 'Nothing logged yet.',
    openTitle: '*Open findings*',
    noOpen: 'No open findings.',
    moreActivities: (n: number) => `…and ${plural(n, 'earlier entry', 'earlier entries')}: \`/dudao export\``,
    moreFindings: (n: number, key: string) => `…and ${n} more: \`/dudao finding list ${key}\``,
  },
  findings: {
    header: 'Findings',
    summary: (open: number, overdue: number, done: number) =>
      `${open} open (*${overdue} overdue*) · ${done} done`,
    openTitle: '*Open*',
    doneTitle: '*Recently done*',
    due: (date: string) => `due ${date}`,
    dueOverdue: (date: string) => `*due ${date}: overdue*`,
    raisedBy: (user: string) => `raised by ${user}`,
    doneBy: (user: string) => `done by ${user}`,
    none: 'No findings yet. Record one with `/dudao finding add &lt;unit&gt; &lt;text&gt;`.',
    noneOpen: 'No open findings.',
    more: (n: number) => `…and ${n} more: \`/dudao export\``,
  },
  modal: {
    title: 'Log activity',
    submit: 'Log',
    close: 'Cancel',
    unit: 'Unit',
    unitPlaceholder: 'Choose a unit',
    unitSearchHint: 'Type part of the name or the key.',
    type: 'Activity',
    typePlaceholder: 'Choose a type',
    date: 'Date',
    count: 'People or sessions',
    countHint: 'Leave empty for 1.',
    notes: 'Notes',
    notesPlaceholder: 'Who you met, what you found…',
  },
  /** Shown under a field of the log form (plain text). */
  formErrors: {
    groupGone: 'This group no longer exists.',
    notMember: 'You are not a member of this group.',
    chooseUnit: 'Choose a unit.',
    unitGone: 'This unit was archived or removed. Choose another.',
    chooseType: 'Choose an activity type.',
    chooseDate: 'Choose a date.',
    futureDate: 'This date is in the future. Log work once it has happened.',
    badCount: `Enter a whole number from ${COUNT_MIN} to ${COUNT_MAX}.`,
    notesTooLong: `Notes may have at most ${NOTES_MAX} characters.`,
  },
};

/** The shape every language must fill in full. */
export type Strings = typeof en;
