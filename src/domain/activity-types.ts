import { ACTIVITY_TYPES, type ActivityType, type Lang } from './types';

/** The name of each type as users see it, in each language. */
const LABELS: Record<ActivityType, Record<Lang, string>> = {
  plan_review: { en: 'plan review', zh: '审阅方案' },
  interview: { en: 'interview', zh: '个别访谈' },
  symposium: { en: 'symposium', zh: '座谈会' },
  research: { en: 'field research', zh: '调研' },
  meeting: { en: 'meeting attended', zh: '列席会议' },
  feedback: { en: 'guidance feedback', zh: '现场点评' },
  study: { en: 'study session', zh: '集中学习' },
  other: { en: 'other', zh: '其他' },
};

/** Other words people use for each type; compared without case, spaces, `-` or `_`. */
const ALIASES: Record<ActivityType, string[]> = {
  plan_review: ['plan', 'review', '方案', '审阅', '审阅实施方案', '审方案'],
  interview: ['interviews', '访谈', '谈话', '个别谈话'],
  symposium: ['座谈', '座谈会议'],
  research: ['field', 'fieldwork', 'visit', '深入调研', '实地调研', '走访'],
  meeting: ['attended', 'attend', '列席', '会议', '列席会'],
  feedback: ['guidance', '点评', '反馈', '现场反馈'],
  study: ['session', 'learning', '学习', '学习会'],
  other: ['others', 'misc', '其它'],
};

function squash(word: string): string {
  return word
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

const BY_WORD = new Map<string, ActivityType>();
for (const type of ACTIVITY_TYPES) {
  for (const word of [type, LABELS[type].en, LABELS[type].zh, ...ALIASES[type]])
    BY_WORD.set(squash(word), type);
}

/**
 * The activity type named by one word in English or Chinese: its key (`plan_review`,
 * `plan-review`, `planreview`), its label (`调研`) or a common alias (`review`, `访谈`); null if none.
 */
export function parseActivityType(word: string): ActivityType | null {
  return BY_WORD.get(squash(word)) ?? null;
}

/** The type's name in the given language, e.g. `field research` or `调研`. */
export function activityTypeLabel(type: ActivityType, lang: Lang): string {
  return LABELS[type][lang];
}
