import type { WebClient } from '@slack/web-api';
import type { AppDeps } from '../src/app/deps';
import { readerLang } from '../src/domain/locale';
import type { Group, Lang } from '../src/domain/types';
import type { TeamStore } from '../src/store/types';

/** How long a person's Slack locale is trusted before users.info is asked again. */
const LOCALE_TTL_MS = 24 * 60 * 60_000;
/** After users.info failed or said nothing, how long before it is asked again. */
const UNKNOWN_LOCALE_TTL_MS = 10 * 60_000;
/** users.info is asked at most this long on a request's path; past it the answer goes out without it. */
const LOCALE_LOOKUP_MS = 800;

export interface Reader {
  deps: AppDeps;
  client: WebClient;
  team: TeamStore;
  userId: string;
}

/**
 * The reader's Slack locale: from the store's cache, else users.info (include_locale) once, kept
 * for a day. Null when Slack does not say or does not answer in time; never throws.
 */
async function localeOf(r: Reader): Promise<string | null> {
  const cached = await r.team.readLocale(r.userId).catch(() => null);
  if (cached !== null) return cached || null;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), LOCALE_LOOKUP_MS);
  });
  const lookup = r.client.users
    .info({ user: r.userId, include_locale: true })
    .then(async (res) => {
      const locale = typeof res.user?.locale === 'string' ? res.user.locale : '';
      await r.team.saveLocale(r.userId, locale, locale ? LOCALE_TTL_MS : UNKNOWN_LOCALE_TTL_MS);
      return locale || null;
    })
    .catch(async (err: unknown) => {
      r.deps.logger.warn({ err, user: r.userId }, 'could not read a Slack locale');
      await r.team.saveLocale(r.userId, '', UNKNOWN_LOCALE_TTL_MS).catch(() => {});
      return null;
    });
  try {
    return await Promise.race([lookup, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The language of what `r.userId` alone sees about `group` (see domain/locale.ts): the group's
 * when it was chosen, else the reader's. `text` is what they typed, for a command.
 */
export async function langFor(r: Reader, group: Group | null, text?: string): Promise<Lang> {
  if (group?.langSet) return group.lang;
  const locale = await localeOf(r);
  return readerLang({
    group,
    locale,
    fallback: r.deps.config.DEFAULT_LANG,
    ...(text === undefined ? {} : { text }),
  });
}
