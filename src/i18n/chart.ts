import type { Lang } from '../domain/types';

/**
 * The words of the digest's coverage chart (a PNG: units down, the last weeks across). Plain text:
 * they are drawn on the image, or are a file's title, never mrkdwn.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const chartEn = {
  title: (group: string, weeks: number) => `${group}: activities per unit, last ${weeks} weeks`,
  allUnits: (n: number) => `All ${n} ${n === 1 ? 'unit' : 'units'}, least active first`,
  someUnits: (shown: number, of: number) => `The ${shown} least active of ${of} units`,
  /** A week's column, by its Monday (`month` 1–12). */
  week: (month: number, day: number) => `${MONTHS[month - 1]} ${day}`,
  thisWeek: 'this week',
  total: 'total',
  legendNone: 'no activity',
  legendNotYet: 'not yet a unit',
  legendCounts: 'activities that week',
  fileTitle: (group: string, weeks: number) => `Coverage of the last ${weeks} weeks · ${group}`,
};

type ChartStrings = typeof chartEn;

const chartZh: ChartStrings = {
  title: (group, weeks) => `${group}：近 ${weeks} 周各单位活动`,
  allUnits: (n) => `全部 ${n} 个单位，活动少的在前`,
  someUnits: (shown, of) => `${of} 个单位中活动最少的 ${shown} 个`,
  week: (month, day) => `${month}月${day}日`,
  thisWeek: '本周',
  total: '合计',
  legendNone: '无活动',
  legendNotYet: '尚未添加',
  legendCounts: '当周活动次数',
  fileTitle: (group, weeks) => `近 ${weeks} 周联系覆盖情况 · ${group}`,
};

const BY_LANG: Record<Lang, ChartStrings> = { en: chartEn, zh: chartZh };

/** The coverage chart's words in `lang`. */
export function chartStrings(lang: Lang): ChartStrings {
  return BY_LANG[lang];
}
