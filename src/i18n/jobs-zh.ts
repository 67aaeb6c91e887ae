import type { FindingCounts } from '../domain/digest';
import { type JobStrings, tenths } from './jobs-en';

/** `4.5 天`；不到 0.05 天的写作“不到 0.1 天”。 */
function zhDays(days: number): string {
  const t = tenths(days);
  return t === null ? '不到 0.1 天' : `${t} 天`;
}

/** `有期限的 2 个中按期关闭 1 个，平均用时 4.5 天`：已关闭问题的按期情况与平均用时。 */
function closing(c: FindingCounts): string[] {
  if (c.closed === 0 || c.averageDaysToClose === null) return [];
  const { closedWithDue: due, closedOnTime: onTime } = c;
  const timed =
    due === 0
      ? '均无整改期限'
      : due === 1
        ? `有期限的 1 个${onTime === 1 ? '按期' : '未按期'}关闭`
        : onTime === due
          ? `有期限的 ${due} 个全部按期关闭`
          : onTime === 0
            ? `有期限的 ${due} 个均未按期关闭`
            : `有期限的 ${due} 个中按期关闭 ${onTime} 个`;
  return [timed, `平均用时 ${zhDays(c.averageDaysToClose)}`];
}

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
    unitLine: (gap, unit, liaisons, week, last, open, overdue) =>
      `${gap ? ':warning: ' : ''}*${unit}* · 联络员 ${liaisons} · 本周 ${week} 项 · ${last} · ${
        open === 0 ? '无未关闭问题' : `未关闭问题 ${open} 个${overdue > 0 ? `（*逾期 ${overdue} 个*）` : ''}`
      }`,
    gapsTitle: (n, days) => `*联系空白：${n} 个单位*（${days} 天以上未联系）`,
    noGaps: (days) => `*无联系空白：* 所有单位在 ${days} 天内均有联系。`,
    gapLine: (unit, since) => `• *${unit}*：${since}`,
    findingsTitle: (opened, closed, overdue, waiting) =>
      `*问题清单：* 新增 ${opened} 个 · 验收关闭 ${closed} 个 · 逾期 ${overdue} 个 · 待验收 ${waiting} 个`,
    weekCounts: (c) => (c.closed === 0 ? '' : `• *本周：* ${closing(c).join('，')}`),
    trendCounts: (weeks, from, to, c) =>
      `• *近 ${weeks} 周*（${from} 至 ${to}）：${[`新增 ${c.opened} 个`, `验收关闭 ${c.closed} 个`, ...closing(c)].join('，')}`,
    countsNote: '_按期：在整改期限当天或之前验收关闭，只统计有整改期限的问题；用时：从提出到验收关闭。_',
    trendCapped: (n) => `_这几周只统计了最近验收关闭的 ${n} 个问题。_`,
    overdueTitle: (n) => `*逾期未整改：${n} 个*`,
    overdueLine: (id, unit, text, due, days, owner) =>
      `• :warning: #${id} *${unit}*：${text} · 期限 ${due}，*已逾期 ${days} 天* · 负责人 ${owner}`,
    waitingTitle: (n) => `*待验收：${n} 个*`,
    waitingLine: (id, unit, text, doneBy, doneOn) =>
      `• #${id} *${unit}*：${text} · ${doneBy} 于 ${doneOn} 标记整改完成`,
    openedTitle: (n) => `*本周新增：${n} 个*`,
    openedLine: (id, unit, text, owner) => `• #${id} *${unit}*：${text} · 负责人 ${owner}`,
    closedTitle: (n) => `*本周验收关闭：${n} 个*`,
    closedLine: (id, unit, text, by, days, daysLate) =>
      `• #${id} *${unit}*：${text} · ${by} 验收 · 用时 ${zhDays(days)}${
        daysLate === null ? '' : daysLate === 0 ? ' · 按期' : ` · *逾期 ${daysLate} 天*`
      }`,
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
    findingsTitle: (open, overdue, waiting) => {
      const parts = [
        overdue > 0 ? `逾期 ${overdue} 个` : '',
        waiting > 0 ? `待验收 ${waiting} 个` : '',
      ].filter(Boolean);
      return `*三、问题清单：未关闭 ${open} 个*${parts.length > 0 ? `，其中${parts.join('、')}` : ''}`;
    },
    noFindings: '*三、问题清单：* 无未关闭问题。',
    findingUnit: (unit) => `*${unit}*`,
    overdueLine: (id, text, due, days, owner) =>
      `• :warning: *已逾期 ${days} 天* #${id} ${text} · 期限 ${due} · 负责人 ${owner}`,
    waitingLine: (id, text, doneBy) =>
      `• :hourglass_flowing_sand: *待验收* #${id} ${text} · ${doneBy} 已标记整改完成`,
    openLine: (id, text, planned, due, owner) =>
      `• #${id} ${text} · ${planned ? '整改中' : '待整改'}${due ? ` · 期限 ${due}` : ''} · 负责人 ${owner}`,
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
