import type { UsageTexts } from './types';

/** The forms of every subcommand, in English, with examples a reader can copy. */
export const usageEn: UsageTexts = {
  help: {
    forms: [{ syntax: '/dudao help [<command>]', what: 'this overview, or the details of one command' }],
    examples: ['/dudao help log'],
  },
  setup: {
    forms: [
      {
        syntax: '/dudao setup <group name> [tz=<time zone>] [lang=en|zh] [posts=new|thread] [mention=on|off]',
        what: 'make this channel the home of a new group; you become its leader',
      },
      {
        syntax: '/dudao setup [<new name>] [tz=…] [lang=…] [posts=new|thread] [mention=on|off]',
        what: "in the group's channel (leader or deputy): change its name or options, or show them. posts=thread puts the meeting reminder and the digest in a thread of the week's first post; mention=off names liaisons in them without notifying them",
      },
    ],
    examples: [
      '/dudao setup "Group 14" tz=Asia/Shanghai lang=zh',
      '/dudao setup "Audit team North"',
      '/dudao setup posts=thread mention=off',
    ],
  },
  member: {
    forms: [
      {
        syntax: '/dudao member add <@user>… [role=leader|deputy|member]',
        what: 'add people, or change their role (default: member)',
      },
      { syntax: '/dudao member remove <@user>', what: 'take someone out of the group and off their units' },
    ],
    examples: ['/dudao member add @wang @li role=deputy', '/dudao member remove @zhao'],
  },
  unit: {
    forms: [
      {
        syntax: '/dudao unit add <unit name> [key=<slug>] [kind=<kind>] [liaison=<@user>…]',
        what: 'add a unit the group supervises',
      },
      { syntax: '/dudao unit list', what: 'list the units with their keys and liaisons' },
      {
        syntax: '/dudao unit import',
        what: 'a form: paste many units, one a line (name, key, kind, @liaison …); all are added or none',
      },
      {
        syntax: '/dudao unit edit <unit> [name=…] [kind=…] [liaison=<@user>…]',
        what: 'rename a unit, change its kind or its liaisons',
      },
      { syntax: '/dudao unit archive <unit>', what: 'stop following a unit; its history is kept' },
    ],
    examples: [
      '/dudao unit add "Ministry of Commerce" key=moc kind=ministry liaison=@wang',
      '/dudao unit edit moc liaison=@wang @li',
      '/dudao unit archive moc',
    ],
  },
  log: {
    forms: [
      { syntax: '/dudao log', what: 'open the form' },
      {
        syntax: '/dudao log <type> <unit> [YYYY-MM-DD] [n=<count>] [notes…]',
        what: 'log work in one line; the date defaults to today, n counts people or sessions',
      },
    ],
    examples: [
      '/dudao log interview moc 2026-11-20 n=3 met the deputy director',
      '/dudao log plan_review moc draft plan lacks a timetable',
    ],
  },
  undo: {
    forms: [{ syntax: '/dudao undo', what: 'remove your own last log (within 15 minutes)' }],
    examples: ['/dudao undo'],
  },
  status: {
    forms: [
      { syntax: '/dudao status', what: 'every unit at a glance, coverage gaps first' },
      { syntax: '/dudao status <unit>', what: "one unit's recent work and open findings" },
    ],
    examples: ['/dudao status', '/dudao status moc'],
  },
  finding: {
    forms: [
      {
        syntax: '/dudao finding add <unit> <text> [due=YYYY-MM-DD] [owner=@user] [severity=low|medium|high]',
        what: 'record a problem to be fixed; without owner= the unit’s first liaison owns it',
      },
      {
        syntax: '/dudao finding list [<unit>] [open|overdue|waiting|closed|all]',
        what: 'findings not yet closed, most urgent first; or only those overdue, waiting for verification, closed',
      },
      { syntax: '/dudao finding show <id>', what: 'a finding and its whole history' },
      { syntax: '/dudao finding plan <id> <plan…>', what: 'the owner’s rectification plan' },
      {
        syntax: '/dudao finding done <id> [notes…]',
        what: 'rectified: it now waits for a verifier (a leader, a deputy or whoever raised it)',
      },
      {
        syntax: '/dudao finding verify <id> [notes…]',
        what: 'sign it off: closed. Not by whoever marked it done',
      },
      { syntax: '/dudao finding reopen <id> <reason…>', what: 'send it back to be rectified again' },
      { syntax: '/dudao finding due <id> YYYY-MM-DD <reason…>', what: 'a new due date; the old one is kept' },
    ],
    examples: [
      '/dudao finding add moc plan has no timetable due=2026-12-15 owner=@li severity=high',
      '/dudao finding plan 12 revise the plan by Friday with the deputy',
      '/dudao finding done 12 timetable added',
      '/dudao finding verify 12',
    ],
  },
  meeting: {
    forms: [
      {
        syntax: '/dudao meeting <weekday> <HH:mm> [remind=<minutes>]',
        what: 'the weekly group meeting; its agenda is posted before it (default 60 minutes)',
      },
      { syntax: '/dudao meeting skip [YYYY-MM-DD]', what: 'skip the next meeting, or the one on that date' },
      { syntax: '/dudao meeting off', what: 'no more meeting reminders' },
    ],
    examples: ['/dudao meeting mon 09:30 remind=60', '/dudao meeting skip 2026-12-28'],
  },
  digest: {
    forms: [
      { syntax: '/dudao digest <weekday> <HH:mm>', what: 'post the weekly digest to this channel' },
      { syntax: '/dudao digest off', what: 'stop the weekly digest' },
      { syntax: '/dudao digest now', what: "post this week's digest now" },
    ],
    examples: ['/dudao digest fri 17:00'],
  },
  remind: {
    forms: [
      {
        syntax: '/dudao remind now',
        what: 'post the agenda now (for the next meeting; without one, of the week so far) and ping the liaisons of quiet units',
      },
    ],
    examples: ['/dudao remind now'],
  },
  coverage: {
    forms: [
      {
        syntax: '/dudao coverage <days>',
        what: 'days without contact before a unit counts as a coverage gap (default 7)',
      },
    ],
    examples: ['/dudao coverage 10'],
  },
  export: {
    forms: [
      {
        syntax: '/dudao export [from=YYYY-MM-DD] [to=YYYY-MM-DD]',
        what: 'a CSV file of activities and findings',
      },
    ],
    examples: ['/dudao export from=2026-09-01 to=2026-11-30'],
  },
};
