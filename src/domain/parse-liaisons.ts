import { UserError } from './errors';
import { parseMention, splitMentionList } from './mentions';
import { mentionList, type Option, optionOf, splitOptions } from './parse-args';
import type { Token } from './tokenize';

/** Words that clear a unit's liaisons: `liaison=none`, `liaison=-`, `liaison=无`. */
const NONE_WORDS = new Set(['none', '-', '无']);

function isMentionWord(tok: Token): boolean {
  const parts = splitMentionList(tok.value);
  return parts.length > 0 && parts.every((p) => parseMention(p) !== null);
}

/**
 * Splits `unit add|edit` words: `liaison=` takes the mentions in its value and every mention word
 * right after it (`liaison=<@U1> <@U2>`); `liaison=none` clears. `liaisons` is null when not given.
 * A mention anywhere else is refused, since it cannot be part of a unit name.
 */
export function splitLiaisons(
  tokens: Token[],
  allowed: readonly string[],
  usage: 'unit',
): { words: Token[]; options: Map<string, Option>; liaisons: string[] | null } {
  let liaisons: string[] | null = null;
  let collecting = false;
  let cleared = false;
  const rest: Token[] = [];
  for (const tok of tokens) {
    const opt = optionOf(tok);
    if (opt?.name === 'liaison') {
      if (liaisons !== null) throw new UserError('usage', { usage });
      cleared = NONE_WORDS.has(opt.value.trim().toLowerCase());
      liaisons = cleared ? [] : mentionList(opt.value);
      collecting = !cleared;
    } else if (collecting && liaisons && !tok.quoted && isMentionWord(tok)) {
      liaisons.push(...mentionList(tok.value));
    } else {
      collecting = false;
      rest.push(tok);
    }
  }
  if (liaisons?.length === 0 && !cleared) throw new UserError('missing_argument', { what: 'user', usage });
  const { words, options } = splitOptions(rest, allowed, usage);
  if (words.some((w) => w.value.includes('<@'))) throw new UserError('usage', { usage });
  return { words, options, liaisons: liaisons && [...new Set(liaisons)] };
}
