import { type FindingFilter, SUBCOMMANDS, type Subcommand } from './command';
import type { Token } from './tokenize';
import type { Severity } from './types';

/** Subcommand words in English and Chinese. */
const SUBCOMMAND_WORDS = new Map<string, Subcommand>([
  ...SUBCOMMANDS.map((s): [string, Subcommand] => [s, s]),
  ['帮助', 'help'],
  ['设置', 'setup'],
  ['创建', 'setup'],
  ['成员', 'member'],
  ['单位', 'unit'],
  ['记录', 'log'],
  ['登记', 'log'],
  ['撤销', 'undo'],
  ['状态', 'status'],
  ['概况', 'status'],
  ['问题', 'finding'],
  ['例会', 'meeting'],
  ['会议', 'meeting'],
  ['周报', 'digest'],
  ['摘要', 'digest'],
  ['提醒', 'remind'],
  ['覆盖', 'coverage'],
  ['阈值', 'coverage'],
  ['导出', 'export'],
]);

export type Verb =
  | 'add'
  | 'remove'
  | 'list'
  | 'import'
  | 'edit'
  | 'archive'
  | 'done'
  | 'show'
  | 'plan'
  | 'verify'
  | 'reopen'
  | 'due'
  | 'off'
  | 'skip'
  | 'now';

/** Second words (`member add`, `单位 列表`) in English and Chinese. */
const VERB_WORDS = new Map<string, Verb>([
  ['add', 'add'],
  ['添加', 'add'],
  ['remove', 'remove'],
  ['移除', 'remove'],
  ['删除', 'remove'],
  ['list', 'list'],
  ['列表', 'list'],
  ['import', 'import'],
  ['导入', 'import'],
  ['批量导入', 'import'],
  ['edit', 'edit'],
  ['编辑', 'edit'],
  ['修改', 'edit'],
  ['archive', 'archive'],
  ['归档', 'archive'],
  ['done', 'done'],
  ['完成', 'done'],
  ['整改', 'done'],
  ['已整改', 'done'],
  ['show', 'show'],
  ['查看', 'show'],
  ['详情', 'show'],
  ['plan', 'plan'],
  ['方案', 'plan'],
  ['verify', 'verify'],
  ['验收', 'verify'],
  ['reopen', 'reopen'],
  ['退回', 'reopen'],
  ['重开', 'reopen'],
  ['due', 'due'],
  ['延期', 'due'],
  ['off', 'off'],
  ['关闭', 'off'],
  ['skip', 'skip'],
  ['跳过', 'skip'],
  ['now', 'now'],
  ['立即', 'now'],
  ['现在', 'now'],
]);

/** The subcommand a word names, or null. */
export function subcommandWord(word: string): Subcommand | null {
  return SUBCOMMAND_WORDS.get(word.toLowerCase()) ?? null;
}

/** The verb a token names, if it is one of `verbs`; quoted words are never verbs. */
export function verbOf<V extends Verb>(tok: Token | undefined, verbs: readonly V[]): V | null {
  if (!tok || tok.quoted) return null;
  const verb = VERB_WORDS.get(tok.value.toLowerCase());
  return verb && (verbs as readonly Verb[]).includes(verb) ? (verb as V) : null;
}

/** `finding list` filters in English and Chinese. */
const FILTER_WORDS = new Map<string, FindingFilter>([
  ['open', 'open'],
  ['未关闭', 'open'],
  ['未完成', 'open'],
  ['overdue', 'overdue'],
  ['逾期', 'overdue'],
  ['超期', 'overdue'],
  ['waiting', 'waiting'],
  ['待验收', 'waiting'],
  ['closed', 'closed'],
  ['已关闭', 'closed'],
  ['已验收', 'closed'],
  ['all', 'all'],
  ['全部', 'all'],
]);

/** The filter a token names, or null; quoted words are unit names, never filters. */
export function findingFilterOf(tok: Token | undefined): FindingFilter | null {
  if (!tok || tok.quoted) return null;
  return FILTER_WORDS.get(tok.value.toLowerCase()) ?? null;
}

const SEVERITY_WORDS = new Map<string, Severity>([
  ['low', 'low'],
  ['低', 'low'],
  ['轻微', 'low'],
  ['medium', 'medium'],
  ['中', 'medium'],
  ['一般', 'medium'],
  ['high', 'high'],
  ['高', 'high'],
  ['严重', 'high'],
]);

/** The severity a word names (`high`, `高`, `严重`…), or null. */
export function severityWord(word: string): Severity | null {
  return SEVERITY_WORDS.get(word.toLowerCase()) ?? null;
}
