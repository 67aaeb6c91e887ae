/**
 * The words of the "Log" and "Mark done" controls and of the answers to a press, in both
 * languages. Parameters arrive escaped (mentions already rendered).
 */
import type { Lang } from '../domain/types';

const buttonsEn = {
  log: 'Log',
  logFor: 'Log for…',
  markDone: 'Mark done',
  /** The row of a finding once marked from that message. */
  doneNote: (user: string, when: string) => `:white_check_mark: Done by ${user} · ${when}`,
  listSep: ', ',
  answer: {
    invalid: 'This button is out of date. Run the command again: `/dudao status` or `/dudao finding list`.',
    groupGone: 'This group no longer exists, so there is nothing to do.',
    notMember: (group: string) =>
      `You are no longer a member of *${group}*, so this button no longer applies to you.`,
    unitGone: (unit: string) => `*${unit}* was archived or removed: nothing more is logged for it.`,
    unitArchived: (id: number, unit: string) =>
      `Finding #${id} cannot be marked done: its unit *${unit}* was archived.`,
    findingGone: (id: number) => `Finding #${id} no longer exists in this group.`,
    alreadyDone: (id: number, user: string, when: string) =>
      `Finding #${id} is already done: ${user} marked it on ${when}.`,
    notAllowed: (id: number, who: string) => `You may not mark finding #${id} done. Who can: ${who}.`,
    raiser: (user: string) => `${user} (raised it)`,
    liaisons: (unit: string, users: string) => `the liaisons of *${unit}* (${users})`,
    leads: (users: string) => `the leader and deputies (${users})`,
    failed: 'Sorry, that did not work. Please try again in a moment.',
  },
};

export type ButtonStrings = typeof buttonsEn;

const buttonsZh: ButtonStrings = {
  log: '记录',
  logFor: '记录工作：选择单位…',
  markDone: '标记已整改',
  doneNote: (user, when) => `:white_check_mark: ${user} 已标记整改（${when}）`,
  listSep: '、',
  answer: {
    invalid: '此按钮已过期，请重新运行命令：`/dudao status` 或 `/dudao finding list`。',
    groupGone: '该组已不存在，无需操作。',
    notMember: (group) => `您已不是 *${group}* 的成员，此按钮对您不再适用。`,
    unitGone: (unit) => `*${unit}* 已归档或移除，不能再为其记录工作。`,
    unitArchived: (id, unit) => `问题 #${id} 无法标记为已整改：其所属单位 *${unit}* 已归档。`,
    findingGone: (id) => `本组已没有编号为 #${id} 的问题。`,
    alreadyDone: (id, user, when) => `问题 #${id} 已整改完成：${user} 于 ${when} 标记。`,
    notAllowed: (id, who) => `您无权将问题 #${id} 标记为已整改。可以标记的有：${who}。`,
    raiser: (user) => `${user}（提出人）`,
    liaisons: (unit, users) => `*${unit}* 的联络员（${users}）`,
    leads: (users) => `组长和副组长（${users}）`,
    failed: '抱歉，操作未成功，请稍后再试。',
  },
};

const BY_LANG: Record<Lang, ButtonStrings> = { en: buttonsEn, zh: buttonsZh };

/** The strings of the buttons and of the answers to a press, in `lang`. */
export function buttonStrings(lang: Lang): ButtonStrings {
  return BY_LANG[lang];
}
