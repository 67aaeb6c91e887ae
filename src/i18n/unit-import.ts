import type { Lang } from '../domain/types';
import type { LineProblem } from '../domain/unit-import';

/**
 * The words of `/dudao unit import`, in English and Chinese. The form's texts and its errors are
 * plain_text (never escaped: Slack shows them as they are); `confirm` is mrkdwn and gets its
 * arguments escaped.
 */
export interface UnitImportStrings {
  title: string;
  submit: string;
  close: string;
  label: string;
  hint: (max: number) => string;
  exampleTitle: string;
  example: string;
  /** `line 3: …`: one line's problems. */
  line: (line: number, problems: string) => string;
  /** Joins the problems of one line. */
  problemSep: string;
  problem: (p: LineProblem) => string;
  /** After the lines that fit in one error: how many bad lines were not listed. */
  more: (n: number) => string;
  empty: string;
  tooMany: (count: number, max: number) => string;
  forbidden: string;
  confirm: {
    done: (n: number, group: string) => string;
    more: (n: number) => string;
    next: string;
  };
}

const en: UnitImportStrings = {
  title: 'Import units',
  submit: 'Import',
  close: 'Cancel',
  label: 'Units, one a line',
  hint: (max) =>
    `name, key, kind, @liaison … Only the name is required; without a key, one is made from the name. ` +
    `Separate the columns with commas (, or ，) or 、, and put a name that contains a comma in "quotes". ` +
    `Type @ to pick a liaison. A first line of column names is skipped. At most ${max} units at a time; ` +
    'nothing is imported while a line has a problem.',
  exampleTitle: '*Example*',
  example: [
    'name, key, kind, liaisons',
    'Ministry of Commerce, moc, ministry, @wang @li',
    '"Transport, Ministry of", mot',
    'Ministry of Finance, , ministry, @zhao',
    'Ministry of Education',
  ].join('\n'),
  line: (line, problems) => `line ${line}: ${problems}`,
  problemSep: '; ',
  problem: (p) => {
    switch (p.code) {
      case 'open_quote':
        return 'a quote (") is opened and never closed';
      case 'too_many_fields':
        return `more than ${p.max} columns; put a name that contains a comma in quotes`;
      case 'no_name':
        return "the unit's name is missing";
      case 'misplaced_mention':
        return 'people go in the liaison column, after the name, key and kind';
      case 'name_too_long':
        return `the name may have at most ${p.max} characters`;
      case 'kind_too_long':
        return `the kind may have at most ${p.max} characters`;
      case 'bad_key':
        return `“${p.value}” can't be a key: use a short lower-case slug such as moc (letters, digits, - and _), or leave it empty`;
      case 'not_a_mention':
        return `“${p.text}” is not a Slack mention: type @ and pick the person from the list (or write <@U…>)`;
      case 'key_repeated':
        return `the key “${p.key}” is already given on line ${p.first}`;
      case 'key_taken':
        return p.made
          ? `the key made from the name, “${p.key}”, was just taken by another unit: submit again, or give this line a key`
          : `the key “${p.key}” is already used by a unit of this group (archived units count too)`;
    }
  },
  more: (n) => `…and ${n} more ${n === 1 ? 'line' : 'lines'} with problems.`,
  empty: 'Paste at least one unit, one a line.',
  tooMany: (count, max) => `That is ${count} units; one import takes at most ${max}. Split the list.`,
  forbidden: "Only the group's leader and deputies can import units.",
  confirm: {
    done: (n, group) => `Imported ${n} ${n === 1 ? 'unit' : 'units'} into *${group}*.`,
    more: (n) => `…and ${n} more: \`/dudao unit list\``,
    next: 'Log work for them: `/dudao log`',
  },
};

const zh: UnitImportStrings = {
  title: '导入单位',
  submit: '导入',
  close: '取消',
  label: '单位（每行一个）',
  hint: (max) =>
    '名称，简称，类别，@联络员…… 只有名称必填；不填简称时按名称自动生成。' +
    '各列用逗号（, 或 ，）或顿号（、）分隔，名称中含逗号时请加引号（"）。' +
    `输入 @ 选择联络员。首行若为列名将被跳过。一次最多 ${max} 个单位；任何一行有问题时不会导入。`,
  exampleTitle: '*示例*',
  example: [
    '名称，简称，类别，联络员',
    '商务部，moc，部委，@王伟 @李娜',
    '"交通运输部，国家铁路局"，mot',
    '财政部，，部委，@赵强',
    '教育部',
  ].join('\n'),
  line: (line, problems) => `第${line}行：${problems}`,
  problemSep: '；',
  problem: (p) => {
    switch (p.code) {
      case 'open_quote':
        return '引号（"）没有闭合';
      case 'too_many_fields':
        return `超过 ${p.max} 列；名称中含逗号时请加引号`;
      case 'no_name':
        return '缺少单位名称';
      case 'misplaced_mention':
        return '联络员应写在名称、简称、类别之后';
      case 'name_too_long':
        return `名称最多 ${p.max} 个字`;
      case 'kind_too_long':
        return `类别最多 ${p.max} 个字`;
      case 'bad_key':
        return `“${p.value}”不能作简称：请用简短的小写字母、数字、- 或 _（如 moc），或留空自动生成`;
      case 'not_a_mention':
        return `“${p.text}”不是 Slack 成员：请输入 @ 并从列表中选择此人（或写成 <@U…>）`;
      case 'key_repeated':
        return `简称“${p.key}”与第${p.first}行重复`;
      case 'key_taken':
        return p.made
          ? `按名称生成的简称“${p.key}”刚被其他单位占用：请重新提交，或为此行指定简称`
          : `简称“${p.key}”已被本组单位使用（含已归档单位）`;
    }
  },
  more: (n) => `……另有 ${n} 行有问题。`,
  empty: '请至少粘贴一个单位，每行一个。',
  tooMany: (count, max) => `共 ${count} 个单位，一次最多导入 ${max} 个，请分批导入。`,
  forbidden: '只有组长和副组长可以导入单位。',
  confirm: {
    done: (n, group) => `已向 *${group}* 导入 ${n} 个单位。`,
    more: (n) => `……另有 ${n} 个：\`/dudao unit list\``,
    next: '记录工作：`/dudao log`',
  },
};

const BY_LANG: Record<Lang, UnitImportStrings> = { en, zh };

/** The import's words in `lang`. */
export function unitImportStrings(lang: Lang): UnitImportStrings {
  return BY_LANG[lang] ?? en;
}
