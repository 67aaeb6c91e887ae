import { COUNT_MAX, COUNT_MIN, NOTES_MAX } from '../domain/new-activity';
import type { Weekday } from '../domain/types';
import type { Strings } from './en';
import type { ArgName, ErrorTexts, RoleTexts, WeekdayTexts } from './types';
import { usageZh } from './usage-zh';

const weekdays: WeekdayTexts = {
  1: '周一',
  2: '周二',
  3: '周三',
  4: '周四',
  5: '周五',
  6: '周六',
  7: '周日',
};

const weekdayName = (day: unknown): string => weekdays[Number(day) as Weekday] ?? String(day);

const FINDING_STATE_ZH: Record<string, string> = {
  open: '尚未整改',
  rectifying: '正在整改',
  waiting: '已标记整改完成，等待验收',
  closed: '已验收关闭',
};
const findingStateZh = (status: unknown): string => FINDING_STATE_ZH[String(status)] ?? String(status);

const STEP_ON_ZH: Record<string, (id: string) => string> = {
  plan: (id) => `为问题 #${id} 填写整改方案`,
  done: (id) => `将问题 #${id} 标记为整改完成`,
  verify: (id) => `验收问题 #${id}`,
  reopen: (id) => `退回问题 #${id}`,
  due: (id) => `调整问题 #${id} 的整改期限`,
};
/** “为问题 #12 填写整改方案”：某一步连同它所涉及的问题。 */
const stepOnZh = (step: unknown, id: unknown): string =>
  (STEP_ON_ZH[String(step)] ?? ((n: string) => `办理问题 #${n}`))(String(id));

/** 某一步不适用于问题当前状态时，可以怎么办。 */
function findingStepHintZh(step: unknown, status: unknown, id: unknown): string {
  if (status === 'closed')
    return step === 'reopen' ? '' : `如需继续整改，请先退回：\`/dudao finding reopen ${id} &lt;原因&gt;\`。`;
  if (status === 'waiting') return `请验收人验收（\`/dudao finding verify ${id}\`）或退回。`;
  if (step === 'verify') return `须先标记整改完成：\`/dudao finding done ${id}\`。`;
  return '只有已标记整改完成或已关闭的问题才能退回。';
}

const errors: ErrorTexts = {
  unknown_command: (p) => `无法识别命令 \`${p.word}\`。输入 \`/dudao help\` 查看全部命令。`,
  usage: () => '命令格式不正确。',
  missing_argument: (p) => `缺少${p.what}。`,
  bad_date: (p) => `\`${p.value}\` 不是有效日期，请按 YYYY-MM-DD 填写，例如 2026-11-20。`,
  future_date: (p) => `${p.value} 是将来的日期，请在工作完成后再记录。`,
  bad_range: (p) => `日期范围 ${p.from} 至 ${p.to} 无效：起始日期不能晚于结束日期。`,
  bad_time: (p) => `\`${p.value}\` 不是有效时间，请使用 24 小时制 HH:mm，例如 09:30。`,
  bad_weekday: (p) => `\`${p.value}\` 不是有效的星期，请使用 周一 … 周日。`,
  bad_number: (p) => `\`${p.name}\` 须为 ${p.min} 到 ${p.max} 之间的整数，不能是 \`${p.value}\`。`,
  bad_tz: (p) => `\`${p.value}\` 不是有效时区，请使用时区名称，例如 Asia/Shanghai。`,
  bad_lang: (p) => `不支持语言 \`${p.value}\`，请使用 lang=zh 或 lang=en。`,
  bad_choice: (p) => `\`${p.name}=\` 不能取值 \`${p.value}\`，可选：${p.choices}。`,
  bad_role: (p) =>
    `\`${p.value}\` 不是有效角色，请使用 role=leader（组长）、role=deputy（副组长）或 role=member（组员）。`,
  bad_key: (p) => `\`${p.value}\` 不能用作单位简称，请使用简短的小写英文或数字，例如 key=moc。`,
  bad_type: (p) =>
    `\`${p.value}\` 不是有效的工作类型。可用：审阅方案、个别访谈、座谈会、调研、列席会议、现场点评、集中学习、其他。`,
  bad_user: (p) => `\`${p.value}\` 不是 Slack 用户，请用 @ 提及成员，例如 @王伟。`,
  unknown_option: (p) => `无法识别选项 \`${p.name}=\`。`,
  text_too_long: (p) => `${p.what}过长，最多 ${p.max} 个字符。`,
  no_group: () =>
    '本频道尚未设立指导组，你也不属于任何指导组。可在本频道输入 `/dudao setup &lt;指导组名称&gt;` 创建。',
  which_group: (p) => `你属于多个指导组（${p.channels}），请在相应指导组的频道中使用命令。`,
  channel_taken: (p) => `本频道已是指导组 *${p.name}* 的工作频道，新建指导组请使用其他频道。`,
  not_in_channel: () => '请在指导组的工作频道中运行 `/dudao setup`，不要在私信中运行。',
  not_member: (p) => `你不是 *${p.group}* 的成员，请联系组长 ${p.leader} 将你加入。`,
  forbidden: (p) => `\`/dudao ${p.action}\` 仅限组长和副组长使用。`,
  leader_only: (p) => `只有组长才能任命、调整或移除组长（\`/dudao ${p.action}\`），请联系组长办理。`,
  unknown_unit: (p) => `找不到与 \`${p.ref}\` 匹配的联系单位，可用 \`/dudao unit list\` 查看。`,
  ambiguous_unit: (p) => `\`${p.ref}\` 匹配到多个联系单位：${p.candidates}。请输入更完整的名称或简称。`,
  unit_exists: (p) => `简称 \`${p.key}\` 已被其他联系单位使用，请用 key=… 另取一个。`,
  unit_archived: (p) => `*${p.name}* 已归档，不能再修改或记录工作。`,
  unknown_finding: (p) => `本组没有编号为 #${p.id} 的问题，可用 \`/dudao finding list\` 查看问题清单。`,
  finding_state: (p) =>
    `问题 #${p.id}${findingStateZh(p.status)}。${findingStepHintZh(p.step, p.status, p.id)}`,
  not_your_finding: (p) => `你无权${stepOnZh(p.step, p.id)}。可以办理的人：${p.who}。`,
  self_verify: (p) => `问题 #${p.id} 是你本人标记整改完成的，需由他人验收：${p.who}。`,
  past_due: (p) => `${p.value} 已经过去，新的整改期限须是今天或以后。`,
  same_due: (p) => `该问题的整改期限已是 ${p.value}。`,
  history_full: (p) =>
    `问题 #${p.id} 已有 ${p.max} 次变更，达到单个问题的上限。请就尚未解决的部分另行提出问题。`,
  owner_not_member: (p) =>
    `${p.user} 不是本组成员，不能作为问题负责人。可由组长先添加：\`/dudao member add @姓名\`。`,
  nothing_to_undo: (p) => `没有可撤销的记录：你最近 ${p.minutes} 分钟内没有新的记录。`,
  last_leader: () => '指导组至少需要一名组长，请先指定其他组长。',
  not_a_member: (p) => `${p.user} 不是本指导组成员。`,
  no_units: () => '本组还没有联系单位，请先用 `/dudao unit add &lt;单位名称&gt;` 添加。',
  no_meeting: () => '尚未设置周例会，请用 `/dudao meeting &lt;星期&gt; &lt;HH:mm&gt;` 设置。',
  export_too_large: (p) => `一次导出的数据超过 ${p.max} 行，请用 from= 和 to= 缩小日期范围。`,
  export_busy: () => '本组已有一次导出正在生成，请等文件送达后再试。',
  slow_down: (p) => `一分钟内的命令已超过 ${p.limit} 条，本条未执行，请稍等一分钟后重新发送。`,
  too_soon: (p) =>
    `${p.what === 'digest' ? '每周简报' : '周例会提醒'}刚刚已请求发送过，为避免重复刷屏，请 ${p.minutes} 分钟后再试。`,
  duplicate_request: () => '此请求已收到并执行过一次，未重复执行。',
  skipped_by_dst: (p) =>
    `${p.tz} 的${weekdayName(p.weekday)} ${p.time} 正好碰上夏令时调整，${p.what === 'digest' ? '每周简报' : '周例会提醒'}当周会被错过或推迟一小时。请另选时间，例如 09:00。`,
};

const args: Record<ArgName, string> = {
  unit: '联系单位',
  user: '成员（请用 @ 提及）',
  name: '名称',
  text: '问题描述',
  type: '工作类型',
  date: '日期',
  id: '问题编号',
  days: '天数',
  weekday: '星期',
  time: '时间（HH:mm）',
  notes: '备注',
  plan: '整改方案',
  reason: '原因',
};

const roles: RoleTexts = { leader: '组长', deputy: '副组长', member: '组员', liaison: '联络员' };
const rolesWhat: RoleTexts = {
  leader: '主持指导组工作：管理成员、联系单位、周例会、简报和联系期限',
  deputy: '与组长权限相同',
  member: '记录工作、提出问题，整改自己负责的问题，验收自己提出的问题',
  liaison: '与所联系单位保持日常联系；记录工作，整改所联系单位的问题',
};

/** 全部中文界面文字；类型与 `en` 相同，缺一项即无法通过类型检查。 */
export const zh: Strings = {
  roles,
  weekdays,
  args,
  usage: usageZh,
  errors,
  rolesWhat,
  words: {
    usage: '用法：',
    example: '示例：',
    examples: '示例',
    noLiaison: '未指定联络员',
    listSep: '、',
    count: (n) => `×${n}`,
  },
  time: {
    daysAgo: (n) => (n <= 0 ? '今天' : n === 1 ? '昨天' : `${n}天前`),
    never: '从未联系',
  },
  help: {
    title: '督导助手：记录工作、掌握联系情况、自动生成周例会议程',
    intro:
      '用一行命令或一张简短表单记录指导组对各联系单位开展的工作。工作情况一览显示哪些单位联系紧密、哪些超期未联系；周例会议程和每周简报都由工作记录自动生成，不要求反复报材料。',
    surfaces:
      '不用输入命令：应用的 *主页*（Home）标签列出你联络的单位和等你处理的问题，并带操作按钮；任一条消息的 *⋯* 菜单中有 *Log as activity*（记为工作）和 *Raise a finding*（提出问题）。',
    commands: '命令',
    types: '工作类型（中英文名称均可使用）',
    roles: '角色',
    more: '查看某条命令的详细用法：`/dudao help &lt;命令&gt;`',
    role: (name, key, what) => `*${name}*（${key}）：${what}`,
  },
  fault: (ref) => `抱歉，系统出现问题，已记录在案，请稍后重试。参考编号：\`${ref}\``,
  slow: '正在处理，结果稍后发出。',
  confirm: {
    setup: (group, tz, lang) => `指导组 *${group}* 已在本频道设立。时区 ${tz}，语言 ${lang}。`,
    setupOptions: (posts, liaisons) =>
      `${posts === 'thread' ? '周例会提醒和每周简报在本周首条帖子的线程中回复（posts=thread）' : '周例会提醒和每周简报作为新消息发送（posts=new）'}；其中的联络员${liaisons === 'name' ? '只写姓名，不发通知（mention=off）' : '以 @ 提及并通知（mention=on）'}。可用 \`/dudao setup posts=new|thread mention=on|off\` 修改。`,
    setupNext:
      '*下一步：*\n1. 添加成员：`/dudao member add @成员 role=deputy`\n2. 添加联系单位：`/dudao unit add "商务部" key=moc liaison=@联络员`\n3. 记录工作：`/dudao log`\n4. 设置周例会：`/dudao meeting 周一 09:30`',
    membersAdded: (users, role) => `${users} 已加入指导组，角色：*${role}*。`,
    memberRemoved: (user) => `已将 ${user} 移出指导组，其联络员职责同时解除。`,
    unitAdded: (unit) => `已添加联系单位：${unit}。`,
    unitEdited: (unit) => `已更新联系单位：${unit}。`,
    unitDetails: (kind, liaisons) => `类别：${kind} · 联络员：${liaisons}`,
    unitNext: (key) => `为其记录工作：\`/dudao log 个别访谈 ${key}\``,
    unitArchived: (unit) => `${unit} 已归档：不再出现在工作情况、简报和提醒中，历史记录保留。`,
    logged: (what) => `已记录：${what}`,
    undoHint: (minutes) => `记错了？${minutes} 分钟内可用 \`/dudao undo\` 撤销。`,
    undone: (what) => `已撤销你的记录：${what}`,
    notes: (notes) => `备注：${notes}`,
    findingAdded: (id, unit, text) => `已记录问题 *#${id}*（${unit}）：${text}`,
    findingHint: (id) => `整改完成后：\`/dudao finding done ${id}\``,
    findingDone: (id, unit, text) => `问题 *#${id}*（${unit}）已整改：${text}`,
    due: (date) => `整改期限：${date}。`,
    meetingSet: (weekday, time, tz, remind) =>
      `周例会：每${weekday} ${time}（${tz}），会前 ${remind} 分钟发送自动生成的议程。`,
    nextReminder: (when) => `下次提醒：${when}。`,
    noNextReminder: '暂无待发送的提醒。',
    skips: (dates) => `已跳过：${dates}。`,
    meetingOff: '已关闭周例会提醒。',
    meetingSkipped: (date) => `${date} 的周例会已跳过，当周不发提醒。`,
    digestSet: (weekday, time, tz) => `每周简报：每${weekday} ${time}（${tz}）发送到本频道。`,
    nextDigest: (when) => `下次简报：${when}。`,
    digestOff: '已停止每周简报。',
    coverageSet: (days) => `联系单位超过 ${days} 天未联系即视为超期。`,
    queuedDigest: '本周简报正在生成，稍后发到本频道。',
    queuedRemind: '议程和联络员提醒正在发送。',
    exportStarted: (where) =>
      where === 'channel'
        ? '正在导出，CSV 文件稍后发到本频道。'
        : '正在导出，CSV 文件稍后由 dudao 私信发给你，不会发到本频道。',
    exportDone: (from, to, activities, findings, where) =>
      `导出完成：${from} 至 ${to}，工作记录 ${activities} 条，问题 ${findings} 个。${where === 'channel' ? '文件已发到本频道。' : '文件已私信发给你。'}`,
  },
  units: {
    title: (n) => `联系单位（${n} 个）`,
    empty: '还没有联系单位，请用 `/dudao unit add &lt;单位名称&gt;` 添加。',
    archived: (n) => `*已归档（${n} 个）*`,
    more: (n) => `……另有 ${n} 个单位。`,
  },
  status: {
    header: '工作情况',
    title: (group, today) => `*${group}* · ${today}`,
    totals: (units, gaps, week, open) =>
      `联系单位 ${units} 个 · *超期未联系 ${gaps} 个* · 本周工作 ${week} 次 · 未整改问题 ${open} 个`,
    gapNote: (days) => `:warning: ${days} 天及以上未联系`,
    lastContact: (ago, never) => (never ? ago : `最近联系：${ago}`),
    week: (n) => `本周 ${n} 次`,
    open: (n) => `未整改问题 ${n} 个`,
    empty: '还没有联系单位，请用 `/dudao unit add &lt;单位名称&gt;` 添加。',
    more: (n) => `……另有 ${n} 个单位：可用 \`/dudao status &lt;单位&gt;\` 或 \`/dudao export\` 查看`,
    unitHeader: '单位情况',
    recent: '*近期工作*',
    noActivity: '暂无工作记录。',
    openTitle: '*未整改问题*',
    noOpen: '没有未整改的问题。',
    moreActivities: (n) => `……另有 ${n} 条更早的记录：\`/dudao export\``,
    moreFindings: (n, key) => `……另有 ${n} 个：\`/dudao finding list ${key}\``,
  },
  findings: {
    header: '问题清单',
    summary: (open, overdue, done) => `未整改 ${open} 个（*逾期 ${overdue} 个*）· 已整改 ${done} 个`,
    openTitle: '*未整改*',
    doneTitle: '*近期已整改*',
    due: (date) => `整改期限 ${date}`,
    dueOverdue: (date) => `*整改期限 ${date}，已逾期*`,
    raisedBy: (user) => `提出人 ${user}`,
    doneBy: (user) => `${user} 确认整改`,
    none: '暂无问题。可用 `/dudao finding add &lt;单位&gt; &lt;问题描述&gt;` 记录。',
    noneOpen: '没有未整改的问题。',
    more: (n) => `……另有 ${n} 个：\`/dudao export\``,
  },
  modal: {
    title: '记录工作',
    submit: '保存',
    close: '取消',
    unit: '联系单位',
    unitPlaceholder: '选择联系单位',
    unitSearchHint: '输入名称或简称的一部分进行搜索。',
    type: '工作类型',
    typePlaceholder: '选择工作类型',
    date: '日期',
    count: '人数或场次',
    countHint: '不填则记为 1。',
    notes: '备注',
    notesPlaceholder: '访谈对象、发现的问题等',
  },
  formErrors: {
    groupGone: '该指导组已不存在。',
    notMember: '你不是该指导组的成员。',
    chooseUnit: '请选择联系单位。',
    unitGone: '该单位已归档或删除，请另选。',
    chooseType: '请选择工作类型。',
    chooseDate: '请选择日期。',
    futureDate: '不能选择将来的日期，请在工作完成后再记录。',
    badCount: `请输入 ${COUNT_MIN} 到 ${COUNT_MAX} 之间的整数。`,
    notesTooLong: `备注最多 ${NOTES_MAX} 个字符。`,
  },
};
