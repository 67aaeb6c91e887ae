import type { View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { AppDeps } from '../src/app/deps';
import { isUserError } from '../src/domain/errors';
import { messageLink } from '../src/domain/message-link';
import { checkNewActivity, type NewActivityIssue, UNDO_WINDOW_MINUTES } from '../src/domain/new-activity';
import type { Activity, Group, Lang } from '../src/domain/types';
import { localDate } from '../src/domain/zoned-time';
import type { Strings } from '../src/i18n/index';
import { logFormStrings } from '../src/i18n/log-form';
import type { TeamStore } from '../src/store/types';
import { confirmMessage } from '../src/views/confirm';
import { LOG_MODAL_BLOCKS as B, LOG_MODAL } from '../src/views/ids';
import { logModal } from '../src/views/log-modal';
import {
  admitSubmission,
  confirmPrivately,
  field,
  formBasis,
  submissionListener,
  unitSuggestions,
} from './form-parts';
import type { Routes } from './routes';

export interface LogModalInput {
  team: TeamStore;
  teamId: string;
  group: Group;
  /** The reader's language: `langFor(reader, group)` (reader-lang.ts). */
  lang: Lang;
  userId: string;
  /** Where the confirmation goes (ephemeral); null for a direct message from the bot. */
  channelId: string | null;
  initialUnitKey: string | null;
  now: number;
  /** Notes filled in: the text of the message the form was opened from. */
  initialNotes?: string;
  /** The permalink of that message; kept with the activity when it is a link messageLink accepts. */
  link?: string | null;
  /** The units this user is liaison for come first in the select (the App Home's "Log activity"). */
  preferUnitsOf?: string;
}

/** The log form for `input.group`, with its units read now. */
export async function logModalView(input: LogModalInput): Promise<View> {
  const notes = input.initialNotes ?? '';
  return logModal(input.lang, {
    ...(await formBasis(input, notes)),
    today: localDate(input.now, input.group.tz),
    initialNotes: notes,
  });
}

/**
 * Opens the log form; `initialUnitKey` preselects a unit (from a liaison's ping). Slack wants the
 * trigger used within 3 s, so callers open it right after their acknowledgement.
 */
export async function openLogModal(
  client: WebClient,
  triggerId: string,
  input: LogModalInput,
): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view: await logModalView(input) });
}

/** The form's block for a field the schema refused, and what it says there. */
function fieldError(issue: NewActivityIssue, s: Strings['formErrors']): [block: string, message: string] {
  switch (issue.field) {
    case 'unit':
      return [B.unit, s.chooseUnit];
    case 'type':
      return [B.type, s.chooseType];
    case 'date':
      return [B.date, issue.code === 'future_date' ? s.futureDate : s.chooseDate];
    case 'count':
      return [B.count, s.badCount];
    case 'notes':
      return [B.notes, s.notesTooLong];
  }
}

/**
 * The log form's submission: field errors come back on the field; success closes the form. The
 * metadata must be the bot's and name the team Slack says the submission comes from; membership
 * and the unit are checked again, as they may have changed since the form was opened.
 */
const logSubmission = (deps: AppDeps) =>
  submissionListener('log_form', deps, B.unit, async (args, ctx) => {
    const admitted = await admitSubmission(args, deps, B.unit, ctx);
    if (typeof admitted === 'string') return admitted;
    const { meta, teamId, team, group, userId, now, lang } = admitted;
    const { ack, view, client } = args;
    const s = logFormStrings(lang);

    const values = view.state.values;
    const unitKey = field(values, B.unit).selected_option?.value;
    // Slack sends an optional field left empty as null; a blank count is not given either.
    const countText = field(values, B.count).value?.trim();
    const checked = checkNewActivity(
      {
        type: field(values, B.type).selected_option?.value,
        unit: unitKey,
        date: field(values, B.date).selected_date ?? undefined,
        count: countText || undefined,
        notes: field(values, B.notes).value ?? undefined,
      },
      localDate(now, group.tz),
    );
    const units = await team.listUnits(group.id);
    const unit = units.find((u) => u.key === unitKey && !u.archived);

    const errors: Record<string, string> = checked.ok
      ? {}
      : Object.fromEntries(checked.issues.map((issue) => fieldError(issue, s)));
    if (unitKey && !unit) errors[B.unit] = s.unitGone;
    if (!checked.ok || !unit) {
      await ack({ response_action: 'errors', errors });
      return 'user_error';
    }

    const { type, date, count, notes } = checked.value;
    // A link that is not a plain web address of reasonable length is dropped, never stored.
    const link = messageLink(meta.l);
    let activity: Activity;
    try {
      // Written before the acknowledgement, so that a refusal lands on the form; one write per view,
      // however often Slack delivers its submission.
      activity = await team.addActivity(
        group.id,
        { unitKey: unit.key, type, date, count, notes, userId, createdAt: now, ...(link ? { link } : {}) },
        { userId, now, requestId: view.id },
      );
    } catch (err) {
      // Removed from the group between the check above and the write.
      if (!isUserError(err) || err.code !== 'not_member') throw err;
      await ack({ response_action: 'errors', errors: { [B.unit]: s.notMember } });
      return 'forbidden';
    }
    await ack();
    deps.home.changed(teamId, group.id, [...new Set([userId, ...unit.liaisons])]);
    const message = confirmMessage(lang, {
      kind: 'logged',
      activity,
      unit,
      undoMinutes: UNDO_WINDOW_MINUTES,
    });
    await confirmPrivately(client, deps.logger, { channel: meta.c, userId }, message);
    return 'ok';
  });

/** Registers the form's listeners. */
export function registerLogForm(routes: Routes, deps: AppDeps): void {
  routes.view(LOG_MODAL, logSubmission(deps));
  routes.options(B.unitAction, unitSuggestions(deps));
}
