import type { Lang } from '../domain/types';

/**
 * The words of the daily due reminders of findings, in English and Chinese. Parameters arrive
 * made safe for mrkdwn (escaped, users as mentions); button labels come from the finding strings.
 */
export interface FindingReminderStrings {
  /** The notification text. */
  text: (group: string, n: number) => string;
  intro: (user: string, group: string) => string;
  /** Titles of the kinds, in the order a message lists them. */
  title: { today: string; soon: string; verify: string; overdue: string };
  dueToday: (date: string) => string;
  dueIn: (date: string, days: number) => string;
  overdue: (date: string, days: number) => string;
  owner: (user: string) => string;
  doneBy: (user: string, date: string) => string;
  /** After the findings listed: how many more there are. */
  more: (n: number) => string;
  hint: string;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

const en: FindingReminderStrings = {
  text: (group, n) => `${group}: ${plural(n, 'finding needs', 'findings need')} your attention.`,
  intro: (user, group) => `${user}, these findings of *${group}* need your attention:`,
  title: {
    today: '*Due today*',
    soon: '*Due in the next few days*',
    verify: '*Waiting for your verification*',
    overdue: '*Overdue*',
  },
  dueToday: (date) => `*due today* (${date})`,
  dueIn: (date, days) => `due ${date}, in ${plural(days, 'day', 'days')}`,
  overdue: (date, days) => `due ${date}, *${plural(days, 'day', 'days')} overdue*`,
  owner: (user) => `owner ${user}`,
  doneBy: (user, date) => `marked done by ${user} on ${date}`,
  more: (n) => `…and ${plural(n, 'more finding', 'more findings')}: \`/dudao finding list\` shows them all.`,
  hint: 'The whole history of a finding: `/dudao finding show &lt;id&gt;`. Reminders follow the due date when it is moved.',
};

const zh: FindingReminderStrings = {
  text: (group, n) => `${group}：有 ${n} 个问题需要您处理。`,
  intro: (user, group) => `${user}，*${group}* 的以下问题需要您处理：`,
  title: {
    today: '*今天到期*',
    soon: '*近几天到期*',
    verify: '*等待您验收*',
    overdue: '*已逾期*',
  },
  dueToday: (date) => `*今天到期*（${date}）`,
  dueIn: (date, days) => `整改期限 ${date}，还有 ${days} 天`,
  overdue: (date, days) => `整改期限 ${date}，*已逾期 ${days} 天*`,
  owner: (user) => `责任人 ${user}`,
  doneBy: (user, date) => `${user} 于 ${date} 标记整改完成`,
  more: (n) => `……另有 ${n} 个问题：\`/dudao finding list\` 可查看全部。`,
  hint: '查看问题全部经过：`/dudao finding show &lt;编号&gt;`。整改期限调整后，提醒随之调整。',
};

const BY_LANG: Record<Lang, FindingReminderStrings> = { en, zh };

/** The strings of the due reminders in `lang`. */
export function findingReminderStrings(lang: Lang): FindingReminderStrings {
  return BY_LANG[lang];
}
