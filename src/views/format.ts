/** Pieces of text several views share; every one escapes what users typed. */
import { activityTypeLabel } from '../domain/activity-types';
import type { Activity, Lang, Unit } from '../domain/types';
import { strings } from '../i18n/index';
import { escapeText } from '../slack/mrkdwn';
import { truncate } from './limits';

/** Longest unit name shown in a line; names are short, this only guards the layout. */
const NAME_CHARS = 200;

/** What the user typed, escaped, then cut to `max` without breaking an entity. */
export function userText(s: string, max: number): string {
  return truncate(escapeText(s), max);
}

/** `*Ministry of Commerce* (`moc`)` */
export function unitRef(unit: Pick<Unit, 'key' | 'name'>): string {
  return `*${userText(unit.name, NAME_CHARS)}* (\`${userText(unit.key, 64)}\`)`;
}

/** `*interview* · *Ministry of Commerce* (`moc`) · 2026-11-20 · ×3` */
export function activitySummary(lang: Lang, activity: Activity, unit: Unit): string {
  const parts = [`*${activityTypeLabel(activity.type, lang)}*`, unitRef(unit), escapeText(activity.date)];
  if (activity.count !== 1) parts.push(strings(lang).words.count(activity.count));
  return parts.join(' · ');
}

/** Language names as each language calls itself. */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', zh: '中文' };
