import type { Lang } from '../domain/types';
import { type JobStrings, jobsEn } from './jobs-en';
import { jobsZh } from './jobs-zh';

const BY_LANG: Record<Lang, JobStrings> = { en: jobsEn, zh: jobsZh };

/** The strings of the scheduled messages and ping buttons in `lang`. */
export function jobStrings(lang: Lang): JobStrings {
  return BY_LANG[lang];
}

export type { JobStrings };
