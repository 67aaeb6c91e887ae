/**
 * Generated `/dudao` lines: the real words of the grammar in both languages (written out here from
 * src/domain/parse*.ts and the SPEC, not imported) mixed with Slack markup, the quotes and
 * full-width forms Chinese keyboards type, entities, arbitrary Unicode and huge tokens.
 */
import fc from 'fast-check';

const SUBCOMMANDS = [
  ...['help', 'setup', 'member', 'unit', 'log', 'undo', 'status', 'finding'],
  ...['meeting', 'digest', 'remind', 'coverage', 'export'],
  ...['帮助', '设置', '创建', '成员', '单位', '记录', '登记', '撤销', '状态', '概况', '问题'],
  ...['例会', '会议', '周报', '摘要', '提醒', '覆盖', '阈值', '导出'],
];

const VERBS = [
  ...['add', 'remove', 'list', 'import', 'edit', 'archive', 'done', 'show', 'plan', 'verify'],
  ...['reopen', 'due', 'off', 'skip', 'now'],
  ...['添加', '移除', '删除', '列表', '导入', '批量导入', '编辑', '修改', '归档', '完成', '整改'],
  ...['已整改', '查看', '详情', '方案', '验收', '退回', '重开', '延期', '关闭', '跳过', '立即', '现在'],
];

const OPTION_NAMES = [
  ...['tz', 'lang', 'posts', 'mention', 'mentions', 'role', 'key', 'kind', 'liaison', 'liaisons'],
  ...['name', 'n', 'count', 'due', 'owner', 'severity', 'remind', 'from', 'to', 'TZ', 'Lang'],
  ...['时区', '语言', '发帖', '发布', '提及', '角色', '代码', '类别', '联络人', '联络员', '名称'],
  ...[
    '次数',
    '人数',
    '期限',
    '负责人',
    '责任人',
    '严重程度',
    '等级',
    '级别',
    '截止',
    '提前',
    '从',
    '至',
    '到',
  ],
];

const VALUES = [
  ...['Asia/Shanghai', 'asia/shanghai', 'America/New_York', 'Mars/Olympus', 'UTC', 'en', 'zh', 'zh-CN'],
  ...['中文', '英文', 'klingon', 'new', 'thread', '线程', 'on', 'off', '开', '否', 'leader', 'deputy'],
  ...['member', '组长', '副组长', 'emperor', 'moc', 'MOC', 'bad key!', 'ministry', 'none', '-', '无'],
  ...['low', 'medium', 'high', '高', '严重', 'extreme', '0', '1', '3', '1000', '1001', '-1', '999999999999'],
  ...['2026-11-20', '2026/1/2', '2026.02.30', '2026-13-01', '2026年11月20日', '0000-01-01', '9999-12-31'],
  ...['today', 'yesterday', 'tomorrow', '今天', '昨天', '前天', '明天', '上周五', '上星期日', 'fri'],
  ...['周一', '星期日', '礼拜三', 'Sunday', 'funday', '09:30', '9：30', '24:00', '23:59', '7:5', '#12', '#0'],
  ...['interview', '个别访谈', 'plan_review', 'plan-review', '调研', 'field research', 'lunch', '其它'],
  ...['open', 'overdue', 'waiting', 'closed', 'all', '逾期', '待验收', '全部', '14d', '14天', '366'],
];

const MENTIONS = [
  ...['<@U0LEAD>', '<@U0LEAD|lead>', '<@U0MEM01|member one>', '<@W0GRID1>', '<@U123|a b c>', '<@u1>'],
  ...['<@U0LEAD>,<@U0MEM01>', '<@U0LEAD>、<@U0OUT01|out>', '<#C0GROUP|group>', '<#C123>', '<!here>'],
  ...['<!channel>', '<!everyone>', '<!subteam^S123|@team>', '<!date^1700000000^{date}|Nov 14>'],
  ...['<https://evil.example|click>', '<https://x.example>', '<mailto:a@b.example|mail>', '<@', '<>'],
  ...['<@U1|>', '<@U1', '@channel', '&lt;@U0LEAD&gt;', '&lt;!here&gt;', '&amp;', '&lt;', '&gt;', '&'],
];

const QUOTES = ['"', "'", '“', '”', '‘', '’', '「', '」', '『', '』', '＂', '＇', '«', '»', '`'];

/** Full-width and other look-alike forms: U+3000, Ａ–Ｚ, ０–９, ＝, ＜＞＆＠, punctuation. */
const FULL_WIDTH = [
  '\u3000',
  '＝',
  '＜',
  '＞',
  '＆',
  '＠',
  '－',
  '＿',
  '．',
  '／',
  '＃',
  '：',
  '，',
  '、',
  '（',
  '）',
  '！',
  '？',
  '～',
];
const fullWidthLetter = fc.integer({ min: 0xff21, max: 0xff3a }).map((c) => String.fromCharCode(c));
const fullWidthDigit = fc.integer({ min: 0xff10, max: 0xff19 }).map((c) => String.fromCharCode(c));
/** Ａ–Ｚ, ａ–ｚ, ０–９ spelled in full width: `ｌｏｇ`, `２０２６－１１－２０`. */
const toFullWidth = (s: string) =>
  [...s].map((c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');

const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00a0', '\u202e', '\u0000'];
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const SEPARATORS = [' ', ' ', ' ', '  ', '\u3000', '\t', '\n', ' \u3000 ', '\r\n'];

/** A token of 10,000–20,000 UTF-16 units: repeated syllables of every kind. */
const hugeToken = fc
  .tuple(
    fc.constantFrom(
      'a',
      '<',
      '>',
      '"',
      '“',
      '&amp;',
      '<@U1>',
      '商',
      '😀',
      'ｌ',
      '=',
      'n=',
      '\u200b',
      '<@U1|',
    ),
    fc.integer({ min: 10_000, max: 20_000 }),
  )
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)));

const word = (words: readonly string[]) => fc.constantFrom(...words);
const cased = (w: fc.Arbitrary<string>) =>
  fc
    .tuple(w, fc.constantFrom('as is', 'upper', 'full width'))
    .map(([s, how]) => (how === 'upper' ? s.toUpperCase() : how === 'full width' ? toFullWidth(s) : s));

const option = fc
  .tuple(word(OPTION_NAMES), fc.constantFrom('=', '＝'), fc.oneof(word(VALUES), word(MENTIONS), fc.string()))
  .map(([name, eq, value]) => `${name}${eq}${value}`);

const quoted = fc
  .tuple(word(QUOTES), fc.oneof(word(VALUES), fc.string({ unit: 'grapheme', maxLength: 20 })), word(QUOTES))
  .map(([open, inner, close]) => `${open}${inner}${close}`);

/** One token of a line. */
const token: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: cased(word(VERBS)) },
  { weight: 8, arbitrary: cased(word(VALUES)) },
  { weight: 5, arbitrary: word(MENTIONS) },
  { weight: 6, arbitrary: option },
  { weight: 4, arbitrary: quoted },
  { weight: 2, arbitrary: word(QUOTES) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 12 }) },
  {
    weight: 2,
    arbitrary: fc.string({ unit: fc.oneof(word(FULL_WIDTH), fullWidthLetter, fullWidthDigit), maxLength: 8 }),
  },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.oneof(word(ZERO_WIDTH), loneSurrogate), minLength: 1, maxLength: 4 }),
  },
);

/** The first word: a subcommand in any spelling most of the time, anything at all otherwise. */
const head = fc.oneof(
  { weight: 12, arbitrary: cased(word(SUBCOMMANDS)) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: token },
);

/** One line in fifty carries a huge token somewhere after its first word. */
const maybeHuge = fc.oneof(
  { weight: 49, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.tuple(hugeToken, fc.nat()) },
);

/** A line in a shape of the grammar, each slot filled with a word that fits it, or nearly. */
const any = (words: readonly string[]) =>
  fc.oneof({ weight: 4, arbitrary: cased(word(words)) }, { weight: 1, arbitrary: token });
const opt = (names: readonly string[], values: fc.Arbitrary<string>) =>
  fc.tuple(word(names), fc.constantFrom('=', '＝'), values).map(([n, eq, v]) => `${n}${eq}${v}`);
const some = (slot: fc.Arbitrary<string>, max = 3) =>
  fc.array(slot, { maxLength: max }).map((w) => w.join(' '));
const maybe = (slot: fc.Arbitrary<string>) => fc.option(slot, { nil: '' });

const unitRef = any([
  'moc',
  'mof',
  '商务部',
  '"Ministry of Finance"',
  '“商务部”',
  'Ministry',
  'min',
  '"unclosed',
]);
const date = any([
  '2026-11-20',
  '2026/11/19',
  '2026年11月1日',
  '2026-02-30',
  'yesterday',
  '昨天',
  '上周五',
  'tomorrow',
]);
const findingId = any(['1', '#1', '2', '#12', '0', '#999999999', '1000000000', 'one']);
const weekday = any(['mon', 'Monday', '周一', '星期日', '礼拜三', 'sun', 'funday']);
const time = any(['09:30', '9：30', '00:00', '23:59', '24:00', '7:5', '２１：００']);
const userList = any(['<@U0MEM01>', '<@U0DEP01|dep>', '<@U0OUT01>,<@U0MEM01>', '<!here>', '@bob', '<#C1>']);
const notes = some(token, 4);

const SHAPES: fc.Arbitrary<string>[] = [
  fc.tuple(
    any(['setup', '设置', '创建']),
    maybe(unitRef),
    some(opt(['tz', 'lang', 'posts', 'mention', '时区', '语言'], token)),
  ),
  fc.tuple(
    any(['member', '成员']),
    any(['add', 'remove', '添加', '移除']),
    some(userList),
    maybe(opt(['role', '角色'], any(['leader', 'deputy', 'member', '组长', 'boss']))),
  ),
  fc.tuple(
    any(['unit', '单位']),
    any(['add', 'edit', 'archive', 'list', 'import', '添加', '编辑', '归档']),
    maybe(unitRef),
    some(opt(['key', 'kind', 'liaison', 'name', '代码', '联络人'], fc.oneof(userList, token))),
  ),
  fc.tuple(
    any(['log', '记录', '登记']),
    any(['interview', '个别访谈', 'plan_review', '调研', '其他', 'lunch']),
    unitRef,
    maybe(date),
    maybe(opt(['n', 'count', '次数'], any(['1', '3', '1000', '1001', '0', 'x']))),
    notes,
  ),
  fc.tuple(
    any(['finding', '问题']),
    any(['add', '添加']),
    unitRef,
    notes,
    some(opt(['due', 'owner', 'severity', '期限', '负责人', '等级'], fc.oneof(date, userList, token))),
  ),
  fc.tuple(
    any(['finding', '问题']),
    any(['plan', 'done', 'verify', 'reopen', 'due', 'show', '方案', '完成', '验收', '退回', '延期', '查看']),
    findingId,
    maybe(date),
    notes,
  ),
  fc.tuple(
    any(['finding', '问题']),
    any(['list', '列表']),
    maybe(unitRef),
    maybe(any(['open', 'overdue', 'waiting', 'closed', 'all', '逾期'])),
  ),
  fc.tuple(
    any(['meeting', '例会', '会议']),
    weekday,
    time,
    maybe(opt(['remind', '提前'], any(['0', '60', '1440', '1441', '-5']))),
  ),
  fc.tuple(any(['meeting', '例会']), any(['off', 'skip', '关闭', '跳过']), maybe(date)),
  fc.tuple(
    any(['digest', '周报', '摘要']),
    fc.oneof(any(['off', 'now', '关闭', '立即']), weekday),
    maybe(time),
  ),
  fc.tuple(any(['remind', '提醒']), any(['now', '现在', 'later'])),
  fc.tuple(any(['coverage', '覆盖', '阈值']), any(['7', '14d', '30天', '0', '366', 'week'])),
  fc.tuple(any(['export', '导出']), some(opt(['from', 'to', '从', '至'], date))),
  fc.tuple(
    any(['undo', '撤销', 'status', '状态', 'help', '帮助']),
    maybe(fc.oneof(unitRef, any(SUBCOMMANDS))),
  ),
].map((shape) =>
  fc
    .tuple(shape as fc.Arbitrary<string[]>, word(SEPARATORS))
    .map(([words, sep]) => words.filter((w) => w !== '').join(sep)),
);

/** A line of loose words: a first word, often a verb, a few more words. */
const looseLine = fc
  .tuple(
    head,
    fc.option(cased(word(VERBS)), { freq: 3 }),
    fc.array(fc.tuple(word(SEPARATORS), token), { maxLength: 7 }),
  )
  .map(([first, verb, rest]) => `${first} ${verb ?? ''}${rest.map(([sep, t]) => sep + t).join('')}`);

/** A whole line after `/dudao `: as the grammar has it, or loose words; one in fifty with a huge token. */
export const commandLine: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '', ' ', '\u3000', '\n'),
    fc.oneof(fc.oneof(...SHAPES), looseLine),
    maybeHuge,
    fc.constantFrom('', '', ' ', '\u3000'),
  )
  .map(([lead, line, huge, trail]) => {
    if (!huge) return `${lead}${line}${trail}`;
    const words = line.split(' ');
    words.splice(1 + (huge[1] % words.length), 0, huge[0]);
    return `${lead}${words.join(' ')}${trail}`;
  });
