import { z } from 'zod';

/**
 * The shapes of the ids that reach keys, job data and button values, declared once. Whatever
 * checks an id (the store before building a key, a worker before trusting job data, a button
 * handler before trusting its value) uses these.
 */

/** Slack ids (`T…`, `C…`, `U…`): upper-case letters and digits. `_` is tolerated for local ids. */
export const SLACK_ID = /^[A-Z0-9][A-Z0-9_]{1,31}$/;
/** Unit keys are user-chosen slugs; anything that could end a hash tag or a key segment is refused. */
export const UNIT_KEY = /^[^\s{}:]{1,64}$/u;
/** A calendar date as stored: `YYYY-MM-DD`. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const isSlackId = (id: unknown): id is string => typeof id === 'string' && SLACK_ID.test(id);
export const isUnitKey = (key: unknown): key is string => typeof key === 'string' && UNIT_KEY.test(key);

/** zod forms of the same rules, for job data and interaction payloads. */
export const slackIdSchema = z.string().regex(SLACK_ID);
export const unitKeySchema = z.string().regex(UNIT_KEY);
export const isoDateSchema = z.string().regex(ISO_DATE);
