import type { IsoDate, Lang } from './types';

/** `2026-11-30 08:30` in `tz`, with the weekday in the reader's language. */
export function formatLocalDateTime(ms: number, tz: string, lang: Lang): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-US', {
    timeZone: tz,
    weekday: 'short',
  }).format(ms);
  return `${weekday} ${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** The calendar date of `ms` in `tz`. */
export function localDate(ms: number, tz: string): IsoDate {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(ms);
}
