import type { Weekday } from './types';

const ENGLISH = new Map<string, Weekday>([
  ['mon', 1],
  ['monday', 1],
  ['tue', 2],
  ['tues', 2],
  ['tuesday', 2],
  ['wed', 3],
  ['wednesday', 3],
  ['thu', 4],
  ['thur', 4],
  ['thurs', 4],
  ['thursday', 4],
  ['fri', 5],
  ['friday', 5],
  ['sat', 6],
  ['saturday', 6],
  ['sun', 7],
  ['sunday', 7],
]);

const CHINESE_DAY = new Map<string, Weekday>([
  ['一', 1],
  ['二', 2],
  ['三', 3],
  ['四', 4],
  ['五', 5],
  ['六', 6],
  ['日', 7],
  ['天', 7],
]);

/**
 * A weekday in English (`mon`, `Monday`, any case) or Chinese (`周一`, `星期一`, `礼拜一`;
 * `日` or `天` for Sunday), or null.
 */
export function parseWeekday(word: string): Weekday | null {
  const w = word.trim().toLowerCase();
  const m = /^(?:周|星期|礼拜)(.)$/.exec(w);
  return ENGLISH.get(w) ?? (m ? (CHINESE_DAY.get(m[1] as string) ?? null) : null);
}

/** A 24-hour time `HH:mm` or `H:mm` (`：` accepted), zero-padded to `HH:mm`; null otherwise. */
export function parseTime(s: string): string | null {
  const m = /^(\d{1,2})[:：](\d{2})$/.exec(s.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}
