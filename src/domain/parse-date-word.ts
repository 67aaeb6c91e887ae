import { addDays, lastWeekday, parseIsoDate, weekStart } from './dates';
import { UserError } from './errors';
import type { IsoDate } from './types';
import { parseWeekday } from './weekday';

/** Days before today named by a word. */
const RELATIVE = new Map<string, number>([
  ['today', 0],
  ['今天', 0],
  ['今日', 0],
  ['yesterday', 1],
  ['昨天', 1],
  ['昨日', 1],
  ['前天', 2],
  // Named so that they are answered "that is in the future" rather than read as notes.
  ['tomorrow', -1],
  ['明天', -1],
]);

const DATE_SHAPE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{4}年\d{1,2}月\d{1,2}[日号]$/;

/**
 * The date a word names relative to `today`: a calendar date, `today`/`yesterday`/`今天`/`昨天`/
 * `前天`, a weekday (the most recent one on or before today) or `上周五` (last week's Friday).
 * Null when the word is not a date at all; a word shaped like a date that is not one (`2026-02-30`)
 * is refused rather than taken for notes.
 */
export function dateWord(word: string, today: IsoDate): IsoDate | null {
  const w = word.trim().toLowerCase();
  if (DATE_SHAPE.test(w)) {
    const date = parseIsoDate(w);
    if (!date) throw new UserError('bad_date', { value: word });
    return date;
  }
  const back = RELATIVE.get(w);
  if (back !== undefined) return addDays(today, -back);
  const weekday = parseWeekday(w);
  if (weekday) return lastWeekday(today, weekday);
  const lastWeek = /^上(周|星期|礼拜)(.)$/.exec(w);
  const prior = lastWeek ? parseWeekday(`${lastWeek[1]}${lastWeek[2]}`) : null;
  return prior ? addDays(weekStart(today), prior - 8) : null;
}
