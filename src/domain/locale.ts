import type { Group, Lang } from './types';

/** Chinese characters and full-width punctuation: text typed in Chinese. */
const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;

/** The bot's language for a Slack locale (`zh-CN`, `zh-TW`, `en-GB`, `ja-JP`…); null when it has none. */
export function langOfLocale(locale: string | null): Lang | null {
  if (!locale) return null;
  const primary = locale.toLowerCase().split(/[-_]/)[0];
  if (primary === 'zh') return 'zh';
  if (primary === 'en') return 'en';
  return null;
}

export interface ReaderLangInput {
  /** The group the answer concerns, if any. */
  group: Pick<Group, 'lang' | 'langSet'> | null;
  /** The reader's Slack locale, when known. */
  locale: string | null;
  /** What the reader typed, when the answer is to a command. */
  text?: string;
  /** DEFAULT_LANG. */
  fallback: Lang;
}

/**
 * The language of what one person sees (an ephemeral answer, a form, their App Home). A group whose
 * language was chosen speaks it to everyone. Otherwise the reader decides: Chinese typed gets
 * Chinese, then their Slack locale, then the group's language, then the default.
 */
export function readerLang({ group, locale, text, fallback }: ReaderLangInput): Lang {
  if (group?.langSet) return group.lang;
  if (text !== undefined && CJK.test(text)) return 'zh';
  return langOfLocale(locale) ?? group?.lang ?? fallback;
}
