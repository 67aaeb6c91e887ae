import type { JobStrings } from './jobs-en';

/** 每周简报、周例会提醒与联络员提醒的中文文本；参数已转义。 */
export const jobsZh: JobStrings = {
  listSep: '、',
  noLiaison: '未指定',
  noContact: '尚未联系',
  lastContact: (date, days) =>
    `最近联系 ${date}（${days <= 0 ? '今天' : days === 1 ? '昨天' : `${days}天前`}）`,
  neverContacted: (days) => `尚未联系（添加已${days}天）`,
  typeTotal: (label, activities, count) =>
    `${label} ${activities}次${count !== activities ? `（n=${count}）` : ''}`,
  more: (n) => `……另有 ${n} 项`,
  digest: {
    header: (group) => `每周简报 · ${group}`,
    period: (from, to, tz) => `本周 ${from} 至 ${to} · 时区 ${tz}`,
    text: (group, from, to, n) => `${group} 每周简报（${from} 至 ${to}）：共 ${n} 项活动。`,
    noActivity: '*本周没有记录任何活动。* 以下内容均非本周记录。',
    totals: (n) => `*本周共 ${n} 项活动*`,
    unitsTitle: (n) => `*联系单位（${n} 个）*，薄弱环节在前`,
    noUnits: '尚无联系单位。用 `/dudao unit add &lt;单位名称&gt;` 添加。',
    unitLine: (gap, unit, liaisons, week, last, open) =>
      `${gap ? ':warning: ' : ''}*${unit}* · 联络员 ${liaisons} · 本周 ${week} 项 · ${last} · 未整改问题 ${open} 个`,
    gapsTitle: (n, days) => `*联系空白：${n} 个单位*（${days} 天以上未联系）`,
    noGaps: (days) => `*无联系空白：* 所有单位在 ${days} 天内均有联系。`,
    gapLine: (unit, since) => `• *${unit}*：${since}`,
    findingsTitle: (opened, done, overdue) =>
      `*问题清单：* 新增 ${opened} 个 · 已整改 ${done} 个 · 逾期 ${overdue} 个`,
    openedTitle: '*本周新增*',
    doneTitle: '*本周整改完成*',
    overdueTitle: '*逾期未整改*',
    findingLine: (id, unit, text) => `• #${id} *${unit}*：${text}`,
    doneBy: (user) => `整改确认人 ${user}`,
    overdueLine: (id, unit, text, due, days) =>
      `• :warning: #${id} *${unit}*：${text} · 期限 ${due}，*已逾期 ${days} 天*`,
    nothingTitle: (n) => `*无新情况报告（${n}）*`,
    nothingLine: (unit, user, when) => `• *${unit}*：${user}，${when}`,
  },
  reminder: {
    header: (group) => `周例会提醒 · ${group}`,
    text: (group, when) => `${group}：周例会将于 ${when} 召开，议程见此。`,
    intro: (when, since) =>
      `周例会将于 *${when}* 召开。以下议程根据 ${since} 以来的工作记录自动生成，无需再报材料。`,
    activeTitle: (n, units) => `*一、上次例会以来的工作：* ${units} 个单位共 ${n} 项活动`,
    noActivity: (since) => `*一、上次例会以来的工作：* ${since} 以来没有记录。`,
    activeLine: (unit, n, types) => `• *${unit}*（${n} 项）：${types}`,
    quietTitle: (n) => `*二、上次例会以来未联系的单位：${n} 个*`,
    noQuiet: '*二、未联系的单位：* 无，各单位均有联系。',
    quietLine: (gap, unit, last, liaisons) =>
      `• ${gap ? ':warning: ' : ''}*${unit}* · ${last} · 联络员 ${liaisons}`,
    findingsTitle: (open, overdue) => `*三、问题清单：未整改 ${open} 个*，其中逾期 ${overdue} 个`,
    noFindings: '*三、问题清单：* 无未整改问题。',
    findingLine: (overdue, id, unit, text, due) =>
      `• ${overdue ? ':warning: *已逾期* ' : ''}#${id} *${unit}*：${text}${due ? ` · 期限 ${due}` : ''}`,
    footer: '未联系单位的联络员将收到私信提醒，可直接记录工作或说明无新情况。',
  },
  ping: {
    text: (group, n) => `${group}：有 ${n} 个单位需要您关注。`,
    reminder: (user, group, when, since) =>
      `${user}，*${group}* 周例会将于 *${when}* 召开。您联系的以下单位自 ${since} 以来没有工作记录：`,
    coverage: (user, group, days) => `${user}，*${group}* 中您联系的以下单位已 ${days} 天以上未联系：`,
    leader: (user, group, days) =>
      `${user}，*${group}* 的以下单位已 ${days} 天以上未联系（达到联系空白阈值的两倍）：`,
    followUp: (user, group) => `${user}，按您的要求再次提醒：*${group}* 的以下单位仍没有新的联系：`,
    unitLine: (unit, last) => `*${unit}* · ${last}`,
    unitLineLeader: (unit, last, liaisons) => `*${unit}* · ${last} · 联络员 ${liaisons}`,
    moreUnits: (n, names) => `……另有 ${n} 个单位：${names}。请用 \`/dudao log\` 记录。`,
    hint: '请记录工作情况，或说明无新情况：将显示在每周简报中。',
    log: '记录活动',
    nothing: '无新情况',
    snooze: '推迟一天',
    answered: (when) => `:white_check_mark: 已记录“无新情况”（${when}）。`,
    snoozed: (when) => `:zzz: 已推迟至 ${when}。`,
  },
  action: {
    groupGone: '该组已不存在，无需记录。',
    notMember: (group) => `您已不是 *${group}* 的成员，此按钮对您不再适用。`,
    notLiaison: (unit) => `只有 *${unit}* 的联络员可以作答；您仍可用 \`/dudao log\` 记录工作。`,
    unitGone: (unit) => `*${unit}* 已不在本组联系单位之中。`,
    invalid: '此按钮已过期，请改用 `/dudao log` 或 `/dudao status`。',
    failed: '抱歉，操作未成功，请稍后再试。',
  },
};
