/**
 * The App Home's words. Texts are mrkdwn unless named `…Button` or `…Title`/`…Header` (plain
 * text); placeholders are escaped (`&lt;`). Arguments are already escaped by the view.
 */
import type { Lang } from '../domain/types';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

const en = {
  header: 'dudao',
  intro: 'Your groups, the units you are liaison for, and the findings waiting on you.',
  legend: (near: number) =>
    `:red_circle: past the coverage threshold · :large_yellow_circle: within ${plural(near, 'day', 'days')} of it · :large_green_circle: covered`,
  moreGroups: (n: number) =>
    `…and ${plural(n, 'more group', 'more groups')}: \`/dudao status\` in each group's channel.`,
  welcomeHeader: 'Welcome to dudao',
  welcome:
    'dudao is where an oversight group logs its work with each unit, sees which units are covered, and gets its weekly agenda and digest.\n\n*To start a group*, type `/dudao setup &lt;group name&gt;` in its channel: you become its leader.\n*To join one*, ask its leader to add you with `/dudao member add`.',
  welcomeHelp: '`/dudao help` lists every command.',
  groupTitle: (name: string, channel: string) => `*${name}* · ${channel}`,
  you: (role: string) => `You: ${role}`,
  totals: (units: number, past: number, open: number) =>
    `${plural(units, 'unit', 'units')} · ${past} past the threshold · ${plural(open, 'open finding', 'open findings')}`,
  nextMeeting: (when: string, tz: string) => `Next meeting: ${when} (${tz})`,
  noMeeting: 'No weekly meeting set.',
  logButton: 'Log activity',
  yourUnits: (n: number) => `*Your units (${n})*`,
  noUnits: 'You are not liaison for any unit of this group.',
  gapUnits: (n: number) => `*Units past the threshold (${n})*`,
  noGaps: 'Every unit of the group was contacted within the threshold.',
  moreUnits: (n: number, channel: string) =>
    `…and ${plural(n, 'more unit', 'more units')}: \`/dudao status\` in ${channel}`,
  yourFindings: (n: number) => `*Findings waiting on you (${n})*`,
  noFindings: 'No findings waiting on you.',
  moreFindings: (n: number, channel: string) => `…and ${n} more: \`/dudao finding list\` in ${channel}`,
  waiting: 'waiting for verification',
};

export type HomeStrings = typeof en;

const zh: HomeStrings = {
  header: '督导',
  intro: '你所在的督导组、你联络的单位，以及等你处理的问题。',
  legend: (near) =>
    `:red_circle: 已超过未联系天数 · :large_yellow_circle: 距超期不足 ${near} 天 · :large_green_circle: 正常`,
  moreGroups: (n) => `……另有 ${n} 个督导组：请在各组频道使用 \`/dudao status\`。`,
  welcomeHeader: '欢迎使用督导助手',
  welcome:
    '督导助手用于督导组记录对各联系单位的工作、查看联系覆盖情况，并自动生成每周例会议程和简报。\n\n*新建督导组*：在督导组的频道输入 `/dudao setup &lt;督导组名称&gt;`，你将成为组长。\n*加入督导组*：请组长用 `/dudao member add` 添加你。',
  welcomeHelp: '输入 `/dudao help` 查看全部命令。',
  groupTitle: (name, channel) => `*${name}* · ${channel}`,
  you: (role) => `你的角色：${role}`,
  totals: (units, past, open) => `联系单位 ${units} 个 · 超期未联系 ${past} 个 · 未整改问题 ${open} 个`,
  nextMeeting: (when, tz) => `下次例会：${when}（${tz}）`,
  noMeeting: '尚未设置每周例会。',
  logButton: '记录工作',
  yourUnits: (n) => `*你联络的单位（${n} 个）*`,
  noUnits: '你不是本组任何单位的联络员。',
  gapUnits: (n) => `*超期未联系的单位（${n} 个）*`,
  noGaps: '本组所有单位都在规定天数内有联系。',
  moreUnits: (n, channel) => `……另有 ${n} 个单位：请在 ${channel} 使用 \`/dudao status\``,
  yourFindings: (n) => `*等你处理的问题（${n} 个）*`,
  noFindings: '没有等你处理的问题。',
  moreFindings: (n, channel) => `……另有 ${n} 个：请在 ${channel} 使用 \`/dudao finding list\``,
  waiting: '待验收',
};

const BY_LANG: Record<Lang, HomeStrings> = { en, zh };

/** The App Home's strings in `lang`. */
export function homeStrings(lang: Lang): HomeStrings {
  return BY_LANG[lang];
}
