import type { Command } from './command';
import { UserError } from './errors';
import { dateValue, intIn, type Line, noArgs, splitOptions } from './parse-args';
import { verbOf } from './parse-words';
import type { Token } from './tokenize';
import type { Weekday } from './types';
import { parseTime, parseWeekday } from './weekday';

/** A reminder up to a day before the meeting. */
const REMIND_MAX = 1440;
const COVERAGE_MAX = 365;

/** `<weekday> <HH:mm>` and whatever follows. */
function weeklyAt(
  args: Token[],
  usage: 'meeting' | 'digest',
): { weekday: Weekday; time: string; rest: Token[] } {
  const [dayTok, timeTok, ...rest] = args;
  if (!dayTok) throw new UserError('usage', { usage });
  const weekday = parseWeekday(dayTok.value);
  if (!weekday) throw new UserError('bad_weekday', { value: dayTok.value });
  if (!timeTok) throw new UserError('missing_argument', { what: 'time', usage });
  const time = parseTime(timeTok.value);
  if (!time) throw new UserError('bad_time', { value: timeTok.value });
  return { weekday, time, rest };
}

/** `meeting <weekday> <HH:mm> [remind=<minutes>]`, `meeting off`, `meeting skip [date]` */
export function parseMeeting(line: Line): Command {
  const [first, ...rest] = line.args;
  const verb = verbOf(first, ['off', 'skip']);
  if (verb === 'off') {
    noArgs(rest, 'meeting');
    return { kind: 'meeting_off' };
  }
  if (verb === 'skip') {
    if (rest.length > 1) throw new UserError('usage', { usage: 'meeting' });
    return { kind: 'meeting_skip', date: rest[0] ? dateValue(rest[0].value) : null };
  }
  const at = weeklyAt(line.args, 'meeting');
  const { words, options } = splitOptions(at.rest, ['remind'], 'meeting');
  noArgs(words, 'meeting');
  const remind = options.get('remind');
  const remindMinutes = remind ? intIn(remind.value, 'remind', 0, REMIND_MAX) : null;
  return { kind: 'meeting_set', weekday: at.weekday, time: at.time, remindMinutes };
}

/** `digest <weekday> <HH:mm>`, `digest off`, `digest now` */
export function parseDigest(line: Line): Command {
  const [first, ...rest] = line.args;
  const verb = verbOf(first, ['off', 'now']);
  if (verb) {
    noArgs(rest, 'digest');
    return { kind: verb === 'off' ? 'digest_off' : 'digest_now' };
  }
  const at = weeklyAt(line.args, 'digest');
  noArgs(splitOptions(at.rest, [], 'digest').words, 'digest');
  return { kind: 'digest_set', weekday: at.weekday, time: at.time };
}

/** `remind now` */
export function parseRemind(line: Line): Command {
  const [first, ...rest] = line.args;
  if (verbOf(first, ['now']) !== 'now') throw new UserError('usage', { usage: 'remind' });
  noArgs(rest, 'remind');
  return { kind: 'remind_now' };
}

/** `coverage <days>`; `14d`, `14天` read as 14. */
export function parseCoverage(line: Line): Command {
  const { words } = splitOptions(line.args, [], 'coverage');
  const [daysTok, ...rest] = words;
  if (!daysTok) throw new UserError('missing_argument', { what: 'days', usage: 'coverage' });
  noArgs(rest, 'coverage');
  const value = daysTok.value.replace(/(?:d|days?|天)$/i, '');
  return { kind: 'coverage', days: intIn(value, 'days', 1, COVERAGE_MAX) };
}

/** `export [from=…] [to=…]` */
export function parseExport(line: Line): Command {
  const { words, options } = splitOptions(line.args, ['from', 'to'], 'export');
  noArgs(words, 'export');
  const fromOpt = options.get('from');
  const toOpt = options.get('to');
  const from = fromOpt ? dateValue(fromOpt.value) : null;
  const to = toOpt ? dateValue(toOpt.value) : null;
  if (from && to && from > to) throw new UserError('bad_range', { from, to });
  return { kind: 'export', from, to };
}
