import { escapeHtml } from './html';

/** Slack's `<!date^…>` tokens. The `_pretty` ones say "today"/"yesterday" in Slack; without a clock they show the date. */
const TOKENS =
  /\{(date_num|date_short_pretty|date_long_pretty|date_pretty|date_short|date_long|date|time_secs|time)\}/g;

const part = (options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...options });
const WEEKDAY = part({ weekday: 'long' });
const MONTH_LONG = part({ month: 'long' });
const MONTH_SHORT = part({ month: 'short' });

/** Each token of a UTC date, in British order: `18 February 2014`, `Tuesday, 18 February 2014`, `06:39`. */
function tokenValues(d: Date): Record<string, string> {
  const iso = d.toISOString();
  const day = String(d.getUTCDate());
  const year = String(d.getUTCFullYear());
  const date = `${day} ${MONTH_LONG.format(d)} ${year}`;
  const short = `${day} ${MONTH_SHORT.format(d)} ${year}`;
  const long = `${WEEKDAY.format(d)}, ${date}`;
  return {
    date_num: iso.slice(0, 10),
    date,
    date_short: short,
    date_long: long,
    date_pretty: date,
    date_short_pretty: short,
    date_long_pretty: long,
    time: iso.slice(11, 16),
    time_secs: iso.slice(11, 19),
  };
}

/**
 * `<!date^1700000000^{date_short} at {time}|fallback>` as a `<time>` element, in UTC. An epoch
 * that is not a whole number of seconds shows the fallback text instead.
 */
export function slackDateHtml(epoch: string, format: string, fallback: string): string {
  const seconds = /^-?\d{1,12}$/.test(epoch) ? Number(epoch) : Number.NaN;
  const d = new Date(seconds * 1000);
  if (Number.isNaN(d.getTime())) return escapeHtml(fallback);
  const values = tokenValues(d);
  const text = format.replace(TOKENS, (_, token: string) => values[token] ?? '');
  return `<time datetime="${d.toISOString()}">${escapeHtml(text)}</time>`;
}
