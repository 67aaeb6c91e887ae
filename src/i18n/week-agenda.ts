import type { Lang } from '../domain/types';

/**
 * The words of an agenda that covers the week so far (`/dudao remind now` in a group without a
 * meeting, or whose meeting is skipped) where the meeting reminder says "since the last meeting".
 * Parameters arrive already made safe for mrkdwn; `header` is plain_text.
 */

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

const weekAgendaEn = {
  header: (group: string) => `Agenda of the week so far · ${group}`,
  text: (group: string, from: string, to: string) =>
    `${group}: the agenda of the week so far, ${from} to ${to}.`,
  intro: (from: string, to: string) =>
    `This agenda covers the week so far, *${from}* to *${to}*. It is assembled from the log; nobody needs to report again.`,
  activeTitle: (n: number, units: number) =>
    `*1. Work this week:* ${plural(n, 'activity', 'activities')} with ${plural(units, 'unit', 'units')}`,
  noActivity: (since: string) => `*1. Work this week:* nothing logged since ${since}.`,
  quietTitle: (n: number) => `*2. Units with no contact this week: ${n}*`,
  noQuiet: '*2. Units with no contact this week:* none, every unit had contact.',
  footer: (days: number) =>
    `Liaisons of units with no contact for ${plural(days, 'day', 'days')} or more get a direct message to log their work or say there is nothing to report.`,
};

type WeekAgendaStrings = typeof weekAgendaEn;

const weekAgendaZh: WeekAgendaStrings = {
  header: (group) => `本周工作议程 · ${group}`,
  text: (group, from, to) => `${group}：本周以来（${from} 至 ${to}）的工作议程。`,
  intro: (from, to) =>
    `本议程涵盖本周以来（*${from}* 至 *${to}*）的工作，根据工作记录自动生成，无需再报材料。`,
  activeTitle: (n, units) => `*一、本周工作：* ${units} 个单位共 ${n} 项活动`,
  noActivity: (since) => `*一、本周工作：* ${since} 以来没有记录。`,
  quietTitle: (n) => `*二、本周未联系的单位：${n} 个*`,
  noQuiet: '*二、本周未联系的单位：* 无，各单位均有联系。',
  footer: (days) => `${days} 天以上未联系单位的联络员将收到私信提醒，可直接记录工作或说明无新情况。`,
};

const BY_LANG: Record<Lang, WeekAgendaStrings> = { en: weekAgendaEn, zh: weekAgendaZh };

/** The week-so-far agenda's words in `lang`. */
export function weekAgendaStrings(lang: Lang): WeekAgendaStrings {
  return BY_LANG[lang];
}
