/**
 * The words of the "Log" controls and of the answers to a press on any button, in both
 * languages. Parameters arrive escaped (mentions already rendered).
 */
import type { Lang } from '../domain/types';

const buttonsEn = {
  log: 'Log',
  logFor: 'Log for…',
  listSep: ', ',
  answer: {
    invalid: 'This button is out of date. Run the command again: `/dudao status` or `/dudao finding list`.',
    groupGone: 'This group no longer exists, so there is nothing to do.',
    notMember: (group: string) =>
      `You are no longer a member of *${group}*, so this button no longer applies to you.`,
    unitGone: (unit: string) => `*${unit}* was archived or removed: nothing more is logged for it.`,
    findingGone: (id: number) => `Finding #${id} no longer exists in this group.`,
    failed: 'Sorry, that did not work. Please try again in a moment.',
  },
};

export type ButtonStrings = typeof buttonsEn;

const buttonsZh: ButtonStrings = {
  log: '记录',
  logFor: '记录工作：选择单位…',
  listSep: '、',
  answer: {
    invalid: '此按钮已过期，请重新运行命令：`/dudao status` 或 `/dudao finding list`。',
    groupGone: '该组已不存在，无需操作。',
    notMember: (group) => `您已不是 *${group}* 的成员，此按钮对您不再适用。`,
    unitGone: (unit) => `*${unit}* 已归档或移除，不能再为其记录工作。`,
    findingGone: (id) => `本组已没有编号为 #${id} 的问题。`,
    failed: '抱歉，操作未成功，请稍后再试。',
  },
};

const BY_LANG: Record<Lang, ButtonStrings> = { en: buttonsEn, zh: buttonsZh };

/** The strings of the buttons and of the answers to a press, in `lang`. */
export function buttonStrings(lang: Lang): ButtonStrings {
  return BY_LANG[lang];
}
