/**
 * The bot's words in the group's language. `strings(lang)` for the tables; `usage` and
 * `errorParts` for the two texts every answer may need.
 */
import { SUBCOMMANDS, type Subcommand } from '../domain/command';
import type { ErrorParams, UserError } from '../domain/errors';
import type { Lang } from '../domain/types';
import { escapeText, mention } from '../slack/mrkdwn';
import { en, type Strings } from './en';
import { ARG_NAMES, type ArgName } from './types';
import { zh } from './zh';

export type { Strings } from './en';

const BY_LANG: Record<Lang, Strings> = { en, zh };

/** All strings of one language; an unknown language falls back to English. */
export function strings(lang: Lang): Strings {
  return BY_LANG[lang] ?? en;
}

function isSubcommand(value: unknown): value is Subcommand {
  return typeof value === 'string' && (SUBCOMMANDS as readonly string[]).includes(value);
}

/** The forms of a subcommand and its first example, as mrkdwn (placeholders escaped). */
export function usage(lang: Lang, sub: Subcommand): string {
  const s = strings(lang);
  const { forms, examples } = s.usage[sub];
  const lines = [`*${s.words.usage}*`, ...forms.map((f) => `\`${escapeText(f.syntax)}\``)];
  const example = examples[0];
  if (example) lines.push(`*${s.words.example}* \`${escapeText(example)}\``);
  return lines.join('\n');
}

export interface ErrorParts {
  /** What was wrong, one or two sentences of mrkdwn. */
  sentence: string;
  /** The right form of the command, when the error names one. */
  usage: string | null;
}

/** The error's sentence and, for errors with a `usage` param, the right form of the command. */
export function errorParts(lang: Lang, err: UserError): ErrorParts {
  const s = strings(lang);
  const sentence = s.errors[err.code](renderParams(s, err.params));
  const sub = err.params.usage;
  return { sentence, usage: isSubcommand(sub) ? usage(lang, sub) : null };
}

/** A Slack id in a token of its own (ids always hold a digit, so a word such as WTO is left alone). */
const BARE = '(?<=^|[\\s,，、])(%s(?=[A-Z0-9]*\\d)[A-Z0-9]{2,})(?=$|[\\s,，、])';
const USERS = new RegExp(`<@([UW][A-Z0-9]{2,})(?:\\|[^<>]*)?>|${BARE.replace('%s', '[UW]')}`, 'g');
const CHANNELS = new RegExp(`<#([CG][A-Z0-9]{2,})(?:\\|[^<>]*)?>|${BARE.replace('%s', '[CG]')}`, 'g');

/**
 * Params come from what the user typed, so everything is escaped; user and channel ids,
 * and only those, become real mentions and channel links. A missing param reads `?`.
 */
function renderParams(s: Strings, params: ErrorParams): ErrorParams {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) out[key] = renderParam(s, key, String(value));
  return new Proxy(out, {
    get: (target, key) => (typeof key === 'string' ? (target[key] ?? '?') : undefined),
  });
}

function renderParam(s: Strings, key: string, value: string): string {
  switch (key) {
    case 'leader':
    case 'user':
    case 'who':
      return linkIds(value, USERS, mention);
    case 'channels':
      return linkIds(value, CHANNELS, (id) => `<#${id}>`);
    case 'what':
      return isArgName(value) ? s.args[value] : escapeText(value);
    case 'action':
      return escapeText(value.replace(/_/g, ' '));
    default:
      return escapeText(value);
  }
}

/** Escapes `value` except the ids `pattern` finds, which `render` turns into Slack tokens. */
function linkIds(value: string, pattern: RegExp, render: (id: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of value.matchAll(pattern)) {
    out += escapeText(value.slice(last, m.index)) + render(m[1] ?? m[2] ?? '');
    last = m.index + m[0].length;
  }
  return out + escapeText(value.slice(last));
}

function isArgName(value: string): value is ArgName {
  return (ARG_NAMES as readonly string[]).includes(value);
}
