import type { Subcommand } from './command';
import { parseIsoDate } from './dates';
import { UserError } from './errors';
import { parseMention, splitMentionList } from './mentions';
import type { Token } from './tokenize';
import type { IsoDate } from './types';

/** The part of a command line a subcommand parser reads. */
export interface Line {
  /** The whole normalised line; token offsets point into it. */
  text: string;
  /** The words after the subcommand (and its verb, if any). */
  args: Token[];
  today: IsoDate;
}

export interface Option {
  /** Canonical name, e.g. `tz` for `TZ=` or `时区=`. */
  name: string;
  /** The name as typed, for error answers. */
  typed: string;
  value: string;
  token: Token;
}

const OPTION = /^([\p{L}_]+)=(.*)$/su;

/** Chinese (and a few English) spellings of option names. */
const OPTION_ALIASES = new Map([
  ['时区', 'tz'],
  ['语言', 'lang'],
  ['发帖', 'posts'],
  ['发布', 'posts'],
  ['提及', 'mention'],
  ['mentions', 'mention'],
  ['角色', 'role'],
  ['代码', 'key'],
  ['类别', 'kind'],
  ['联络人', 'liaison'],
  ['联络员', 'liaison'],
  ['liaisons', 'liaison'],
  ['名称', 'name'],
  ['count', 'n'],
  ['次数', 'n'],
  ['人数', 'n'],
  ['期限', 'due'],
  ['负责人', 'owner'],
  ['责任人', 'owner'],
  ['严重程度', 'severity'],
  ['等级', 'severity'],
  ['级别', 'severity'],
  ['截止', 'due'],
  ['提前', 'remind'],
  ['从', 'from'],
  ['至', 'to'],
  ['到', 'to'],
]);

/** The option a word spells (`key=value`, key in any case); null for other words, and quoted ones. */
export function optionOf(tok: Token): Option | null {
  const m = tok.quoted ? null : OPTION.exec(tok.value);
  if (!m) return null;
  const typed = m[1] as string;
  const lower = typed.toLowerCase();
  return {
    name: OPTION_ALIASES.get(lower) ?? lower,
    typed,
    value: unescapeSlack(m[2] as string),
    token: tok,
  };
}

/** Separates words from options; refuses an option the subcommand does not take, or one given twice. */
export function splitOptions(
  tokens: Token[],
  allowed: readonly string[],
  usage: Subcommand,
): { words: Token[]; options: Map<string, Option> } {
  const words: Token[] = [];
  const options = new Map<string, Option>();
  for (const tok of tokens) {
    const opt = optionOf(tok);
    if (!opt) words.push(tok);
    else if (!allowed.includes(opt.name)) throw new UserError('unknown_option', { name: opt.typed, usage });
    else if (options.has(opt.name)) throw new UserError('usage', { usage });
    else options.set(opt.name, opt);
  }
  return { words, options };
}

/** Slack sends `&`, `<` and `>` typed by users as entities; values carry what the user typed. */
export function unescapeSlack(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** A word that opens a quote and never closes it cannot be a name: show the form instead of guessing. */
export function assertClosed(tok: Token, usage: Subcommand): void {
  if (!tok.quoted && /^["']/.test(tok.value)) throw new UserError('usage', { usage });
}

/** Words joined by single spaces, as a name or unit reference. */
export function joinWords(words: Token[], usage: Subcommand): string {
  for (const w of words) assertClosed(w, usage);
  return unescapeSlack(words.map((w) => w.value).join(' ')).trim();
}

/** The value, refused when longer than `max` characters. */
export function checkLength(value: string, what: string, max: number): string {
  if ([...value].length > max) throw new UserError('text_too_long', { what, max });
  return value;
}

/** A whole number from `min` to `max`. */
export function intIn(value: string, name: string, min: number, max: number): number {
  const n = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max)) throw new UserError('bad_number', { name, value, min, max });
  return n;
}

/** A calendar date in any accepted spelling. */
export function dateValue(value: string): IsoDate {
  const date = parseIsoDate(value);
  if (!date) throw new UserError('bad_date', { value });
  return date;
}

/** The users of a word like `<@U1>,<@U2|bo>`; anything in it that is not a user is refused. */
export function mentionList(word: string): string[] {
  return splitMentionList(word).map((part) => {
    const user = parseMention(part);
    if (!user) throw new UserError('bad_user', { value: unescapeSlack(part) });
    return user;
  });
}

/** Subcommands that take no words refuse extra ones rather than silently ignore them. */
export function noArgs(tokens: Token[], usage: Subcommand): void {
  if (tokens.length > 0) throw new UserError('usage', { usage });
}

/**
 * Free text from the first of `tokens` to the end of the line, as typed (inner spacing and quotes
 * kept), without the option words in `skip`. Text that is one quoted string loses its quotes.
 */
export function freeText(line: Line, tokens: Token[], skip: Token[]): string {
  const rest = tokens.filter((t) => !skip.includes(t));
  const first = rest[0];
  if (!first) return '';
  if (rest.length === 1 && first.quoted) return unescapeSlack(first.value).trim();
  const parts: string[] = [];
  let pos = first.start;
  for (const t of skip.filter((s) => s.start > first.start).sort((a, b) => a.start - b.start)) {
    parts.push(line.text.slice(pos, t.start));
    pos = t.end;
  }
  parts.push(line.text.slice(pos));
  return unescapeSlack(
    parts
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .join(' '),
  );
}
