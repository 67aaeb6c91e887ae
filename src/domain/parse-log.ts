import { parseActivityType } from './activity-types';
import type { Command } from './command';
import { UserError } from './errors';
import {
  assertClosed,
  checkLength,
  dateValue,
  freeText,
  intIn,
  joinWords,
  type Line,
  noArgs,
  type Option,
  optionOf,
  splitOptions,
} from './parse-args';
import { dateWord } from './parse-date-word';
import { verbOf } from './parse-words';
import type { Token } from './tokenize';
import type { IsoDate } from './types';

export const NOTES_MAX = 2000;
export const FINDING_TEXT_MAX = 1000;
const COUNT_MAX = 1000;

/*
 * Options among free text: those before the text starts must be ones the subcommand takes (a
 * mistyped `date=` is answered, not logged); once the text has started, only the subcommand's own
 * option is taken out of it and any other `x=y` is part of the text.
 */

/** The one `name=` option among the tokens, wherever it is. */
function takeOption(tokens: Token[], name: string, usage: 'log' | 'finding'): Option | null {
  const found = tokens.map(optionOf).filter((o): o is Option => o?.name === name);
  if (found.length > 1) throw new UserError('usage', { usage });
  return found[0] ?? null;
}

function unitArg(tok: Token | undefined, usage: 'log' | 'finding'): string {
  if (!tok || optionOf(tok)) throw new UserError('missing_argument', { what: 'unit', usage });
  return joinWords([tok], usage);
}

/** `log` (the form) or `log <type> <unit> [date] [n=<count>] [notes…]` */
export function parseLog(line: Line): Command {
  const [typeTok, unitTok, ...rest] = line.args;
  if (!typeTok) return { kind: 'log_form' };
  assertClosed(typeTok, 'log');
  const type = parseActivityType(typeTok.value);
  if (!type) throw new UserError('bad_type', { value: typeTok.value });
  const unit = unitArg(unitTok, 'log');
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
  if (date !== null && date > line.today) throw new UserError('future_date', { value: date });
  const countOpt = takeOption(rest, 'n', 'log');
  const count = countOpt ? intIn(countOpt.value, 'n', 1, COUNT_MAX) : 1;
  const notes = freeText(line, rest.slice(i), countOpt ? [countOpt.token] : []);
  checkLength(notes, 'notes', NOTES_MAX);
  return { kind: 'log', type, unit, date: date ?? line.today, count, notes };
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

function parseFindingAdd(line: Line, args: Token[]): Command {
  const [unitTok, ...rest] = args;
  const unit = unitArg(unitTok, 'finding');
  const lead = rest.findIndex((t) => !optionOf(t));
  splitOptions(lead < 0 ? rest : rest.slice(0, lead), ['due'], 'finding');
  const dueOpt = takeOption(rest, 'due', 'finding');
  const text = freeText(line, rest, dueOpt ? [dueOpt.token] : []);
  if (text === '') throw new UserError('missing_argument', { what: 'text', usage: 'finding' });
  checkLength(text, 'text', FINDING_TEXT_MAX);
  return { kind: 'finding_add', unit, text, due: dueOpt ? dateValue(dueOpt.value) : null };
}

/** `finding add <unit> <text…> [due=…]`, `finding list [<unit>]`, `finding done <id> [notes…]` */
export function parseFinding(line: Line): Command {
  const [verbTok, ...args] = line.args;
  const verb = verbOf(verbTok, ['add', 'list', 'done']);
  if (!verb) throw new UserError('usage', { usage: 'finding' });
  if (verb === 'add') return parseFindingAdd(line, args);
  if (verb === 'list') {
    const { words } = splitOptions(args, [], 'finding');
    return { kind: 'finding_list', unit: joinWords(words, 'finding') || null };
  }
  const [idTok, ...rest] = args;
  if (!idTok) throw new UserError('missing_argument', { what: 'id', usage: 'finding' });
  const id = intIn(idTok.value.replace(/^#/, ''), 'id', 1, 999_999_999);
  const notes = checkLength(freeText(line, rest, []), 'notes', NOTES_MAX);
  return { kind: 'finding_done', id, notes };
}
