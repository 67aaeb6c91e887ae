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

/**
 * Message shortcuts (manifest.yml `shortcuts`, type message): their callback ids are what Slack
 * sends back in a `message_action` payload.
 */
export const SHORTCUTS = {
  logActivity: 'log_activity',
  raiseFinding: 'raise_finding',
} as const;

/** `callback_id` of the finding form ("Raise a finding"). */
export const FINDING_MODAL = 'finding_modal';

/** Block and action ids of the finding form's inputs. */
export const FINDING_MODAL_BLOCKS = {
  unit: 'unit',
  unitAction: 'finding_unit_select',
  text: 'text',
  textAction: 'text_input',
  due: 'due',
  dueAction: 'due_pick',
  owner: 'owner',
  ownerAction: 'owner_pick',
  severity: 'severity',
  severityAction: 'severity_pick',
} as const;

/**
 * `callback_id` of the small form that asks which group, when a shortcut is used outside a
 * group's channel by someone in several groups.
 */
export const GROUP_PICK_MODAL = 'group_pick_modal';
export const GROUP_PICK_BLOCKS = { group: 'group', groupAction: 'group_select' } as const;

/** `callback_id` of the `/dudao unit import` form and its one field. */
export const UNIT_IMPORT_MODAL = 'unit_import_modal';
export const UNIT_IMPORT_BLOCKS = { lines: 'lines', linesAction: 'lines_input' } as const;

/**
 * Buttons on the bot's own messages and on the App Home. Their `value` is JSON:
 * - `statusLog` ("Log" on a unit line of `/dudao status`): `{"g": groupId, "u": unitKey}`;
 * - `homeLog` ("Log activity" on the App Home, one per group): `{"g": groupId}`;
 * - `findingDone` / `findingVerify` / `findingPlan` / `findingReopen` ("Mark done" / "Verify" /
 *   "Add plan" / "Send back"): `{"g": groupId, "f": findingId}`. Plan, done and reopen open the
 *   finding step form (FINDING_STEP_MODAL) where notes and evidence are written; verify signs off.
 */
export const BUTTON_ACTIONS = {
  statusLog: 'status_log',
  homeLog: 'home_log',
  findingDone: 'finding_done',
  findingVerify: 'finding_verify',
  findingPlan: 'finding_plan',
  findingReopen: 'finding_reopen',
} as const;

/**
 * `callback_id` of the finding step form: a plan, "done" or a reason to send back, with notes and,
 * for a plan or done, evidence files (Slack `file_input`). Its private_metadata names the group,
 * the finding and the step.
 */
export const FINDING_STEP_MODAL = 'finding_step_modal';
export const FINDING_STEP_BLOCKS = {
  notes: 'notes',
  notesAction: 'notes_input',
  files: 'files',
  filesAction: 'files_input',
} as const;

/**
 * The "Log for…" select of a `/dudao status` section that lists several units (past what one
 * button a line allows): each option's value is a unit key, the group is in the block id
 * (src/views/action-values.ts).
 */
export const STATUS_LOG_SELECT = 'status_log_select';
