/**
 * The words of the message shortcuts ("Log as activity", "Raise a finding"): the finding form, the
 * group question, and the line that links a form or a confirmation back to its message. Form
 * labels and field errors are plain text (never escaped); the rest is mrkdwn, arguments escaped.
 */
import { FINDING_TEXT_MAX } from '../domain/new-finding';
import type { Lang } from '../domain/types';

const en = {
  /** mrkdwn; `link` is the message's permalink, escaped. */
  fromMessage: (link: string) => `:link: From <${link}|this message>`,
  /** mrkdwn: the shortcut was used by someone in no group. */
  noGroup:
    'You are not in a dudao group yet, so there is no group to file this under. To start one, run `/dudao setup &lt;group name&gt;` in the channel the group will use; to join one, ask its leader to add you.',
  /** Plain text under a field of any of the bot's forms. */
  form: {
    stale: 'This form can no longer be used. Close it and open it again.',
    failed: (ref: string) => `Something went wrong on our side; please try again. Reference: ${ref}`,
  },
  finding: {
    title: 'Raise a finding',
    submit: 'Raise',
    close: 'Cancel',
    text: 'Finding',
    textPlaceholder: 'What is wrong, and where it was seen…',
    due: 'Due date',
    dueHint: 'Today or later; leave empty when there is none.',
    owner: 'Owner',
    ownerHint: 'Who rectifies it. Leave empty: the unit’s first liaison, else you.',
    severity: 'Severity',
  },
  findingErrors: {
    textMissing: 'Describe the finding.',
    textTooLong: `A finding may have at most ${FINDING_TEXT_MAX} characters.`,
    badDue: 'Choose a date.',
    pastDue: 'This date is in the past. Choose today or a later date.',
    ownerNotMember: 'This person is not in the group. Choose a member, or leave it empty.',
  },
  pick: {
    title: 'Choose a group',
    submit: 'Next',
    close: 'Cancel',
    /** mrkdwn */
    intro: (kind: 'log' | 'finding') =>
      `You are in several groups. Which one is this ${kind === 'log' ? 'activity' : 'finding'} for?`,
    group: 'Group',
    groupPlaceholder: 'Choose a group',
    chooseGroup: 'Choose a group.',
  },
};

export type ShortcutStrings = typeof en;

const zh: ShortcutStrings = {
  fromMessage: (link) => `:link: 来自<${link}|这条消息>`,
  noGroup:
    '你还不在任何督导组中，无处记录。要新建指导组，请在该组使用的频道里运行 `/dudao setup &lt;组名&gt;`；要加入已有的组，请联系组长将你加入。',
  form: {
    stale: '该表单已失效，请关闭后重新打开。',
    failed: (ref) => `系统出错，请稍后重试。参考编号：${ref}`,
  },
  finding: {
    title: '提出问题',
    submit: '提交',
    close: '取消',
    text: '问题描述',
    textPlaceholder: '发现了什么问题，在哪里发现的',
    due: '整改期限',
    dueHint: '不早于今天；没有期限可不填。',
    owner: '负责人',
    ownerHint: '负责整改的人。不填则由该单位第一位联络员负责，没有联络员时由你负责。',
    severity: '严重程度',
  },
  findingErrors: {
    textMissing: '请填写问题描述。',
    textTooLong: `问题描述最多 ${FINDING_TEXT_MAX} 个字符。`,
    badDue: '请选择日期。',
    pastDue: '该日期已经过去，请选择今天或以后的日期。',
    ownerNotMember: '此人不是本组成员。请选择组内成员，或不填。',
  },
  pick: {
    title: '选择指导组',
    submit: '下一步',
    close: '取消',
    intro: (kind) => `你在多个指导组中。这条${kind === 'log' ? '工作记录' : '问题'}属于哪个组？`,
    group: '指导组',
    groupPlaceholder: '选择指导组',
    chooseGroup: '请选择指导组。',
  },
};

const BY_LANG: Record<Lang, ShortcutStrings> = { en, zh };

/** The shortcuts' strings in `lang`. */
export function shortcutStrings(lang: Lang): ShortcutStrings {
  return BY_LANG[lang];
}
