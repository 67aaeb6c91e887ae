import { SUBCOMMANDS, type Subcommand } from './command';
import type { Token } from './tokenize';

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
