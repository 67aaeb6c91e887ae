/**
 * Every callback, block and action id the bot's views carry, declared once; handlers
 * match on these. Slack caps each id at 255 characters.
 */

/** `callback_id` of the log form. */
export const LOG_MODAL = 'log_modal';

/** Block and action ids of the log form's inputs; a submission's values are keyed by block id. */
export const LOG_MODAL_BLOCKS = {
  unit: 'unit',
  unitAction: 'unit_select',
  type: 'type',
  typeAction: 'type_select',
  date: 'date',
  dateAction: 'date_pick',
  count: 'count',
  countAction: 'count_input',
  notes: 'notes',
  notesAction: 'notes_input',
} as const;

/** Buttons of a liaison's ping: log now, nothing to report, snooze a day. */
export const PING_ACTIONS = {
  log: 'ping_log',
  nothing: 'ping_nothing',
  snooze: 'ping_snooze',
} as const;
