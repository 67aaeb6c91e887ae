/**
 * The words of findings and their rectification: states, severities, the list, `finding show`
 * and its history, the answers to each step and the notices it sends. Parameters arrive escaped
 * (mentions already rendered).
 */
import type { FindingFilter } from '../domain/command';
import type { FindingStatus, FindingStep, Lang, Severity } from '../domain/types';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

const findingsEn = {
  status: {
    open: 'open',
    rectifying: 'being rectified',
    waiting: 'waiting for verification',
    closed: 'closed',
  } satisfies Record<FindingStatus, string>,
  severity: { low: 'low', medium: 'medium', high: 'high' } satisfies Record<Severity, string>,
  /** A high-severity finding's mark in a list. */
  highSeverity: 'high severity',
  /** A history line: who did what, when, the notes after it. */
  step: {
    raise: (who: string) => `${who} raised it`,
    plan: (who: string) => `${who} gave a plan`,
    done: (who: string) => `${who} marked it done`,
    verify: (who: string) => `${who} verified it: closed`,
    reopen: (who: string) => `${who} sent it back`,
    due: (who: string) => `${who} moved the due date`,
  } satisfies Record<FindingStep, (who: string) => string>,
  selfVerified: 'no other verifier in the group: verified by the person who marked it done',
  legacy: 'closed when marked done, before findings were verified',
  dueChange: (from: string, to: string) => `${from} → ${to}`,
  noDue: 'none',
  listHeader: 'Findings',
  filterTitle: {
    open: '*Open, being rectified and waiting for verification*',
    overdue: '*Overdue*',
    waiting: '*Waiting for verification*',
    closed: '*Closed*',
    all: '*Not closed*',
  } satisfies Record<FindingFilter, string>,
  recentClosed: '*Recently closed*',
  summary: (active: number, overdue: number, waiting: number, closed: number) =>
    `${active} not closed (*${overdue} overdue*, ${waiting} waiting for verification) · ${closed} closed`,
  none: 'No findings yet. Record one with `/dudao finding add &lt;unit&gt; &lt;text&gt;`.',
  noneHere: 'None.',
  more: (n: number, filter: string) =>
    `…and ${n} more: \`/dudao finding list ${filter}\` or \`/dudao export\``,
  due: (date: string) => `due ${date}`,
  dueOverdue: (date: string) => `*due ${date}: overdue*`,
  owner: (user: string) => `owner ${user}`,
  raisedBy: (user: string) => `raised by ${user}`,
  doneBy: (user: string) => `done by ${user}`,
  closedBy: (user: string, onTime: boolean | null) =>
    `verified by ${user}${onTime === null ? '' : onTime ? ', on time' : ', late'}`,
  showHint: (id: number) => `Its whole history: \`/dudao finding show ${id}\``,
  showHeader: (id: number) => `Finding #${id}`,
  fields: {
    unit: 'Unit',
    status: 'State',
    owner: 'Owner',
    severity: 'Severity',
    due: 'Due',
    raised: 'Raised',
    plan: 'Plan',
    evidence: 'Evidence',
  },
  history: '*History*',
  historyMore: (n: number) => `…and ${plural(n, 'earlier change', 'earlier changes')}: \`/dudao export\``,
  nextSteps: {
    open: (id: number) => `Next: the owner gives a plan (\`/dudao finding plan ${id} …\`) or marks it done.`,
    rectifying: (id: number) => `Next: when it is fixed, \`/dudao finding done ${id} [notes]\`.`,
    waiting: (id: number) =>
      `Next: a verifier signs it off (\`/dudao finding verify ${id}\`) or sends it back.`,
    closed: (id: number) =>
      `Closed. It can still be sent back: \`/dudao finding reopen ${id} &lt;reason&gt;\`.`,
  } satisfies Record<FindingStatus, (id: number) => string>,
  /** The answer to the one who took the step. */
  moved: {
    plan: (id: number, unit: string) =>
      `Plan recorded for finding *#${id}* (${unit}); it is being rectified.`,
    done: (id: number, unit: string, verifiers: string) =>
      `Finding *#${id}* (${unit}) is marked done. It waits for verification by ${verifiers}, who are told.`,
    verify: (id: number, unit: string) => `Finding *#${id}* (${unit}) is verified and closed.`,
    reopen: (id: number, unit: string) =>
      `Finding *#${id}* (${unit}) is sent back to its owner, who is told.`,
    due: (id: number, unit: string, from: string, to: string) =>
      `Finding *#${id}* (${unit}): due date moved from ${from} to ${to}; the reminders follow the new date.`,
  },
  added: (id: number, unit: string, text: string) => `Finding *#${id}* recorded for ${unit}: ${text}`,
  addedDetails: (owner: string, severity: string) => `Owner ${owner} · severity ${severity}`,
  addedHint: (id: number) =>
    `The owner gives a plan with \`/dudao finding plan ${id} …\` and marks it done with \`/dudao finding done ${id}\`; a verifier then signs it off.`,
  notes: (notes: string) => `Notes: ${notes}`,
  reason: (reason: string) => `Reason: ${reason}`,
  files: (names: string) => `Evidence: ${names}`,
  /** Direct messages a step sends. */
  notice: {
    toVerify: (who: string, id: number, unit: string, text: string) =>
      `${who} marked finding *#${id}* (${unit}) done: ${text}\nIt waits for your verification.`,
    reopened: (who: string, id: number, unit: string, text: string) =>
      `${who} sent finding *#${id}* (${unit}) back to be rectified: ${text}`,
    verified: (who: string, id: number, unit: string, text: string) =>
      `${who} verified finding *#${id}* (${unit}): closed. ${text}`,
  },
  buttons: {
    plan: 'Add plan',
    done: 'Mark done',
    verify: 'Verify',
    reopen: 'Send back',
  },
  /** The row of a finding once verified from that message. */
  verifiedNote: (user: string, when: string) => `:white_check_mark: Verified by ${user} · ${when}`,
  /** The step form ("Add plan", "Mark done", "Send back"): plain text but for `about`. */
  form: {
    title: { plan: 'Add plan', done: 'Mark done', reopen: 'Send back' },
    submit: { plan: 'Save plan', done: 'Mark done', reopen: 'Send back' },
    close: 'Cancel',
    notes: { plan: 'Rectification plan', done: 'What was done', reopen: 'Why it goes back' },
    placeholder: {
      plan: 'What will be done, by whom, by when…',
      done: 'What was fixed, and how a verifier can check it…',
      reopen: 'What is still not rectified…',
    },
    files: 'Evidence',
    filesHint: (max: number) => `Up to ${max} files: photos, scans, minutes.`,
    notesMissing: { plan: 'Write the plan.', reopen: 'Say why it goes back.' },
    notesTooLong: (max: number) => `At most ${max} characters.`,
  },
};

export type FindingStrings = typeof findingsEn;

const findingsZh: FindingStrings = {
  status: { open: '待整改', rectifying: '整改中', waiting: '待验收', closed: '已关闭' },
  severity: { low: '低', medium: '中', high: '高' },
  highSeverity: '严重',
  step: {
    raise: (who) => `${who} 提出问题`,
    plan: (who) => `${who} 提交整改方案`,
    done: (who) => `${who} 标记整改完成`,
    verify: (who) => `${who} 验收通过，问题关闭`,
    reopen: (who) => `${who} 退回重新整改`,
    due: (who) => `${who} 调整整改期限`,
  },
  selfVerified: '组内没有其他验收人：由标记整改完成的本人验收',
  legacy: '在启用验收前标记整改即关闭',
  dueChange: (from, to) => `${from} → ${to}`,
  noDue: '无',
  listHeader: '问题清单',
  filterTitle: {
    open: '*待整改、整改中和待验收*',
    overdue: '*已逾期*',
    waiting: '*待验收*',
    closed: '*已关闭*',
    all: '*未关闭*',
  },
  recentClosed: '*近期关闭*',
  summary: (active, overdue, waiting, closed) =>
    `未关闭 ${active} 个（*逾期 ${overdue} 个*，待验收 ${waiting} 个）· 已关闭 ${closed} 个`,
  none: '暂无问题。可用 `/dudao finding add &lt;单位&gt; &lt;问题描述&gt;` 记录。',
  noneHere: '无。',
  more: (n, filter) => `……另有 ${n} 个：\`/dudao finding list ${filter}\` 或 \`/dudao export\``,
  due: (date) => `整改期限 ${date}`,
  dueOverdue: (date) => `*整改期限 ${date}，已逾期*`,
  owner: (user) => `负责人 ${user}`,
  raisedBy: (user) => `提出人 ${user}`,
  doneBy: (user) => `${user} 标记整改完成`,
  closedBy: (user, onTime) => `${user} 验收${onTime === null ? '' : onTime ? '，按期完成' : '，逾期完成'}`,
  showHint: (id) => `查看全部经过：\`/dudao finding show ${id}\``,
  showHeader: (id) => `问题 #${id}`,
  fields: {
    unit: '单位',
    status: '状态',
    owner: '负责人',
    severity: '严重程度',
    due: '整改期限',
    raised: '提出',
    plan: '整改方案',
    evidence: '佐证材料',
  },
  history: '*整改经过*',
  historyMore: (n) => `……另有更早的 ${n} 条记录：\`/dudao export\``,
  nextSteps: {
    open: (id) => `下一步：负责人提交整改方案（\`/dudao finding plan ${id} …\`）或直接标记整改完成。`,
    rectifying: (id) => `下一步：整改到位后，\`/dudao finding done ${id} [说明]\`。`,
    waiting: (id) => `下一步：验收人验收（\`/dudao finding verify ${id}\`）或退回。`,
    closed: (id) => `已关闭。如有反复，仍可退回：\`/dudao finding reopen ${id} &lt;原因&gt;\`。`,
  },
  moved: {
    plan: (id, unit) => `已记录问题 *#${id}*（${unit}）的整改方案，问题进入整改中。`,
    done: (id, unit, verifiers) =>
      `问题 *#${id}*（${unit}）已标记整改完成，等待 ${verifiers} 验收，已通知验收人。`,
    verify: (id, unit) => `问题 *#${id}*（${unit}）验收通过，已关闭。`,
    reopen: (id, unit) => `问题 *#${id}*（${unit}）已退回负责人重新整改，已通知负责人。`,
    due: (id, unit, from, to) => `问题 *#${id}*（${unit}）的整改期限由 ${from} 调整为 ${to}，提醒随之调整。`,
  },
  added: (id, unit, text) => `已记录问题 *#${id}*（${unit}）：${text}`,
  addedDetails: (owner, severity) => `负责人 ${owner} · 严重程度 ${severity}`,
  addedHint: (id) =>
    `负责人用 \`/dudao finding plan ${id} …\` 提交整改方案，用 \`/dudao finding done ${id}\` 标记整改完成，再由验收人验收。`,
  notes: (notes) => `说明：${notes}`,
  reason: (reason) => `原因：${reason}`,
  files: (names) => `佐证材料：${names}`,
  notice: {
    toVerify: (who, id, unit, text) => `${who} 已将问题 *#${id}*（${unit}）标记整改完成：${text}\n请你验收。`,
    reopened: (who, id, unit, text) => `${who} 将问题 *#${id}*（${unit}）退回重新整改：${text}`,
    verified: (who, id, unit, text) => `${who} 已验收问题 *#${id}*（${unit}），问题关闭。${text}`,
  },
  buttons: {
    plan: '填写整改方案',
    done: '标记整改完成',
    verify: '验收',
    reopen: '退回',
  },
  verifiedNote: (user, when) => `:white_check_mark: ${user} 已验收（${when}）`,
  form: {
    title: { plan: '填写整改方案', done: '标记整改完成', reopen: '退回重新整改' },
    submit: { plan: '提交方案', done: '确认完成', reopen: '退回' },
    close: '取消',
    notes: { plan: '整改方案', done: '整改情况', reopen: '退回原因' },
    placeholder: {
      plan: '整改措施、责任人、完成时限……',
      done: '整改了什么，验收人如何核实……',
      reopen: '还有哪些没有整改到位……',
    },
    files: '佐证材料',
    filesHint: (max) => `最多 ${max} 个文件：照片、扫描件、会议纪要等。`,
    notesMissing: { plan: '请填写整改方案。', reopen: '请填写退回原因。' },
    notesTooLong: (max) => `最多 ${max} 个字符。`,
  },
};

const BY_LANG: Record<Lang, FindingStrings> = { en: findingsEn, zh: findingsZh };

/** The strings of findings in `lang`. */
export function findingStrings(lang: Lang): FindingStrings {
  return BY_LANG[lang] ?? findingsEn;
}
