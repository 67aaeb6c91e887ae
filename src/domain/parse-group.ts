import type { Command } from './command';
import { UserError } from './errors';
import {
  checkLength,
  joinWords,
  type Line,
  mentionList,
  noArgs,
  type Option,
  splitOptions,
} from './parse-args';
import { splitLiaisons } from './parse-liaisons';
import { verbOf } from './parse-words';
import type { Lang, LiaisonNames, PostMode, Role } from './types';
import { slugify } from './unit-lookup';
import { canonicalTimeZone } from './zoned-time';

/** Group and unit names stay short enough for one line of a status message. */
export const NAME_MAX = 80;
export const KIND_MAX = 40;
const KEY = /^[a-z0-9][a-z0-9_-]{0,31}$/;

const LANG_WORDS = new Map<string, Lang>([
  ['en', 'en'],
  ['english', 'en'],
  ['英文', 'en'],
  ['英语', 'en'],
  ['zh', 'zh'],
  ['zh-cn', 'zh'],
  ['chinese', 'zh'],
  ['中文', 'zh'],
]);

const ROLE_WORDS = new Map<string, Role>([
  ['leader', 'leader'],
  ['组长', 'leader'],
  ['deputy', 'deputy'],
  ['副组长', 'deputy'],
  ['member', 'member'],
  ['成员', 'member'],
  ['组员', 'member'],
]);

/** `posts=`: the reminder and the digest as new messages, or in a thread of the week's first post. */
const POSTS_WORDS = new Map<string, PostMode>([
  ['new', 'message'],
  ['message', 'message'],
  ['新消息', 'message'],
  ['消息', 'message'],
  ['thread', 'thread'],
  ['线程', 'thread'],
  ['跟帖', 'thread'],
  ['话题', 'thread'],
]);

/** `mention=`: liaisons in channel posts @-mentioned (notified), or only named. */
const MENTION_WORDS = new Map<string, LiaisonNames>([
  ['on', 'mention'],
  ['yes', 'mention'],
  ['开', 'mention'],
  ['开启', 'mention'],
  ['是', 'mention'],
  ['off', 'name'],
  ['no', 'name'],
  ['关', 'name'],
  ['关闭', 'name'],
  ['否', 'name'],
]);

/** The choice an option's value names, null when the option was not given; refuses any other value. */
function choiceOf<T>(opt: Option | undefined, words: Map<string, T>, choices: string): T | null {
  if (!opt) return null;
  const choice = words.get(opt.value.trim().toLowerCase());
  if (choice === undefined) {
    throw new UserError('bad_choice', { name: opt.typed, value: opt.value, choices, usage: 'setup' });
  }
  return choice;
}

function requireName(name: string, what: string, usage: 'unit'): string {
  if (name === '') throw new UserError('missing_argument', { what, usage });
  return checkLength(name, what, NAME_MAX);
}

/**
 * `setup [<group name>] [tz=…] [lang=en|zh] [posts=new|thread] [mention=on|off]`. The name may be
 * left out when the channel already has a group (the handler knows); creating one requires it.
 */
export function parseSetup(line: Line): Command {
  const { words, options } = splitOptions(line.args, ['tz', 'lang', 'posts', 'mention'], 'setup');
  const typed = joinWords(words, 'setup');
  const name = typed === '' ? null : checkLength(typed, 'name', NAME_MAX);
  const tzOpt = options.get('tz');
  const tz = tzOpt ? canonicalTimeZone(tzOpt.value) : null;
  if (tzOpt && !tz) throw new UserError('bad_tz', { value: tzOpt.value });
  const langOpt = options.get('lang');
  const lang = langOpt ? (LANG_WORDS.get(langOpt.value.toLowerCase()) ?? null) : null;
  if (langOpt && !lang) throw new UserError('bad_lang', { value: langOpt.value });
  return {
    kind: 'setup',
    name,
    tz,
    lang,
    posts: choiceOf(options.get('posts'), POSTS_WORDS, 'new, thread'),
    liaisonNames: choiceOf(options.get('mention'), MENTION_WORDS, 'on, off'),
  };
}

/** `member add <@user>… [role=…]` and `member remove <@user>` */
export function parseMember(line: Line): Command {
  const [verbTok, ...rest] = line.args;
  const verb = verbOf(verbTok, ['add', 'remove']);
  if (!verb) throw new UserError('usage', { usage: 'member' });
  const { words, options } = splitOptions(rest, verb === 'add' ? ['role'] : [], 'member');
  const users = [...new Set(words.flatMap((w) => mentionList(w.value)))];
  const first = users[0];
  if (!first) throw new UserError('missing_argument', { what: 'user', usage: 'member' });
  if (verb === 'remove') {
    if (users.length > 1) throw new UserError('usage', { usage: 'member' });
    return { kind: 'member_remove', user: first };
  }
  const roleOpt = options.get('role');
  const role = roleOpt ? ROLE_WORDS.get(roleOpt.value.toLowerCase()) : 'member';
  if (!role) throw new UserError('bad_role', { value: roleOpt?.value ?? '' });
  return { kind: 'member_add', users, role };
}

/** The unit key `value` spells (any case), or null when it cannot be one. */
export function unitKeyOf(value: string): string | null {
  const key = value.toLowerCase();
  return KEY.test(key) ? key : null;
}

function parseKey(value: string): string {
  const key = unitKeyOf(value);
  if (key === null) throw new UserError('bad_key', { value });
  return key;
}

function kindOf(value: string | undefined): string | null {
  return value === undefined ? null : checkLength(value.trim(), 'kind', KIND_MAX);
}

/** `unit add|list|import|edit|archive …` */
export function parseUnit(line: Line): Command {
  const [verbTok, ...rest] = line.args;
  const verb = verbOf(verbTok, ['add', 'list', 'import', 'edit', 'archive']);
  if (!verb) throw new UserError('usage', { usage: 'unit' });
  if (verb === 'list') {
    noArgs(rest, 'unit');
    return { kind: 'unit_list' };
  }
  if (verb === 'import') {
    noArgs(rest, 'unit');
    return { kind: 'unit_import' };
  }
  if (verb === 'archive') {
    const { words } = splitOptions(rest, [], 'unit');
    return { kind: 'unit_archive', unit: requireName(joinWords(words, 'unit'), 'unit', 'unit') };
  }
  const allowed = verb === 'add' ? ['key', 'kind'] : ['name', 'kind'];
  const { words, options, liaisons } = splitLiaisons(rest, allowed, 'unit');
  const ref = requireName(joinWords(words, 'unit'), verb === 'add' ? 'name' : 'unit', 'unit');
  const unitKind = kindOf(options.get('kind')?.value);
  if (verb === 'add') {
    const keyOpt = options.get('key');
    return {
      kind: 'unit_add',
      name: ref,
      key: keyOpt ? parseKey(keyOpt.value) : slugify(ref),
      unitKind,
      liaisons,
    };
  }
  const nameOpt = options.get('name');
  const name = nameOpt ? requireName(nameOpt.value.trim(), 'name', 'unit') : null;
  if (name === null && unitKind === null && liaisons === null)
    throw new UserError('usage', { usage: 'unit' });
  return { kind: 'unit_edit', unit: ref, name, unitKind, liaisons };
}
