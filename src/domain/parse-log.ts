import { parseActivityType } from './activity-types';
import type { Command } from './command';
import { isUserError, UserError } from './errors';
import {
  checkNewActivity,
  NEW_ACTIVITY_FIELDS,
  type NewActivityField,
  type NewActivityInput,
  type NewActivityIssue,
} from './new-activity';
import {
  assertClosed,
  freeText,
  joinWords,
  type Line,
  noArgs,
  type Option,
  optionOf,
  splitOptions,
} from './parse-args';
import { dateWord } from './parse-date-word';
import type { Token } from './tokenize';
import type { IsoDate } from './types';

/*
 * Options among free text: those before the text starts must be ones the subcommand takes (a
 * mistyped `date=` is answered, not logged); once the text has started, only the subcommand's own
 * option is taken out of it and any other `x=y` is part of the text.
 */

/** The one `name=` option among the tokens, wherever it is. */
export function takeOption(tokens: Token[], name: string, usage: 'log' | 'finding'): Option | null {
  const found = tokens.map(optionOf).filter((o): o is Option => o?.name === name);
  if (found.length > 1) throw new UserError('usage', { usage });
  return found[0] ?? null;
}

export function unitArg(tok: Token | undefined, usage: 'log' | 'finding'): string {
  if (!tok || optionOf(tok)) throw new UserError('missing_argument', { what: 'unit', usage });
  return joinWords([tok], usage);
}

const refusal = (issue: NewActivityIssue) => new UserError(issue.code, issue.params);

/**
 * Reads the words of `field`. Answers follow the line from left to right, as they did when each
 * field was checked as soon as it was read: a word that cannot be read is answered only after the
 * fields read before it (`log lunch` is a wrong type, not a missing unit).
 */
function reading<T>(input: NewActivityInput, field: NewActivityField, today: IsoDate, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (!isUserError(err)) throw err;
    const before = NEW_ACTIVITY_FIELDS.slice(0, NEW_ACTIVITY_FIELDS.indexOf(field));
    const checked = checkNewActivity(input, today);
    const earlier = checked.ok ? undefined : checked.issues.find((i) => before.includes(i.field));
    throw earlier ? refusal(earlier) : err;
  }
}

/** The date words right after the unit (at most one date); notes start at `end`. */
function leadingDate(line: Line, rest: Token[]): { date: IsoDate | null; end: number } {
  let date: IsoDate | null = null;
  let i = 0;
  for (; i < rest.length; i++) {
    const tok = rest[i] as Token;
    const opt = optionOf(tok);
    if (opt && opt.name !== 'n') throw new UserError('unknown_option', { name: opt.typed, usage: 'log' });
    if (opt) continue;
    const d: IsoDate | null = date === null && !tok.quoted ? dateWord(tok.value, line.today) : null;
    if (!d) break;
    date = d;
  }
  return { date, end: i };
}

/**
 * `log` (the form) or `log <type> <unit> [date] [n=<count>] [notes…]`. The line is read here; its
 * fields are checked by the same schema as the form's (see new-activity.ts).
 */
export function parseLog(line: Line): Command {
  const [typeTok, unitTok, ...rest] = line.args;
  if (!typeTok) return { kind: 'log_form' };
  assertClosed(typeTok, 'log');
  const today = line.today;
  const input: NewActivityInput = { type: parseActivityType(typeTok.value) ?? typeTok.value };
  input.unit = reading(input, 'unit', today, () => unitArg(unitTok, 'log'));
  const { date, end } = reading(input, 'date', today, () => leadingDate(line, rest));
  input.date = date ?? today;
  const countOpt = reading(input, 'count', today, () => takeOption(rest, 'n', 'log'));
  input.count = countOpt?.value;
  input.notes = freeText(line, rest.slice(end), countOpt ? [countOpt.token] : []);
  const checked = checkNewActivity(input, today);
  if (!checked.ok) throw refusal(checked.issues[0] as NewActivityIssue);
  return { kind: 'log', ...checked.value };
}

/** `undo` */
export function parseUndo(line: Line): Command {
  noArgs(line.args, 'undo');
  return { kind: 'undo' };
}

/** `status [<unit>]` */
export function parseStatus(line: Line): Command {
  const { words } = splitOptions(line.args, [], 'status');
  return { kind: 'status', unit: joinWords(words, 'status') || null };
}
