import type { Command } from './command';
import { UserError } from './errors';
import { checkLength, joinWords, type Line, mentionList, noArgs, splitOptions } from './parse-args';
import { splitLiaisons } from './parse-liaisons';
import { verbOf } from './parse-words';
import type { Lang, Role } from './types';
import { slugify } from './unit-lookup';
import { canonicalTimeZone } from './zoned-time';

/** Group and unit names stay short enough for one line of a status message. */
const NAME_MAX = 80;
const KIND_MAX = 40;
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

function requireName(name: string, what: string, usage: 'setup' | 'unit'): string {
  if (name === '') throw new UserError('missing_argument', { what, usage });
  return checkLength(name, what, NAME_MAX);
}

/** `setup <group name> [tz=…] [lang=en|zh]` */
export function parseSetup(line: Line): Command {
  const { words, options } = splitOptions(line.args, ['tz', 'lang'], 'setup');
  const name = requireName(joinWords(words, 'setup'), 'name', 'setup');
  const tzOpt = options.get('tz');
  const tz = tzOpt ? canonicalTimeZone(tzOpt.value) : null;
  if (tzOpt && !tz) throw new UserError('bad_tz', { value: tzOpt.value });
  const langOpt = options.get('lang');
  const lang = langOpt ? (LANG_WORDS.get(langOpt.value.toLowerCase()) ?? null) : null;
  if (langOpt && !lang) throw new UserError('bad_lang', { value: langOpt.value });
  return { kind: 'setup', name, tz, lang };
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

function parseKey(value: string): string {
  const key = value.toLowerCase();
  if (!KEY.test(key)) throw new UserError('bad_key', { value });
  return key;
}

function kindOf(value: string | undefined): string | null {
  return value === undefined ? null : checkLength(value.trim(), 'kind', KIND_MAX);
}

/** `unit add|list|edit|archive …` */
export function parseUnit(line: Line): Command {
  const [verbTok, ...rest] = line.args;
  const verb = verbOf(verbTok, ['add', 'list', 'edit', 'archive']);
  if (!verb) throw new UserError('usage', { usage: 'unit' });
  if (verb === 'list') {
    noArgs(rest, 'unit');
    return { kind: 'unit_list' };
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
