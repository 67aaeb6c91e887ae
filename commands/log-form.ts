import type {
  AllMiddlewareArgs,
  App,
  SlackOptionsMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { AppDeps } from '../src/app/deps';
import { isUserError } from '../src/domain/errors';
import { checkNewActivity, type NewActivityIssue, UNDO_WINDOW_MINUTES } from '../src/domain/new-activity';
import type { Activity, Group, Lang } from '../src/domain/types';
import { localDate } from '../src/domain/zoned-time';
import type { Strings } from '../src/i18n/index';
import { logFormStrings } from '../src/i18n/log-form';
import type { TeamStore } from '../src/store/types';
import { confirmMessage } from '../src/views/confirm';
import { LOG_MODAL_BLOCKS as B, LOG_MODAL } from '../src/views/ids';
import { logModal, unitOptions } from '../src/views/log-modal';

export interface LogModalInput {
  team: TeamStore;
  teamId: string;
  group: Group;
  lang: Lang;
  userId: string;
  channelId: string | null;
  initialUnitKey: string | null;
  now: number;
}

/** What the form carries from opening to submission. */
const metadataSchema = z.object({ t: z.string(), g: z.string(), c: z.string().nullable() });

/** Opens the log form; `initialUnitKey` preselects a unit (from a liaison's ping). */
export async function openLogModal(
  client: WebClient,
  triggerId: string,
  input: LogModalInput,
): Promise<void> {
  const units = (await input.team.listUnits(input.group.id)).filter((u) => !u.archived);
  const privateMetadata = JSON.stringify({ t: input.teamId, g: input.group.id, c: input.channelId });
  const view = logModal(input.lang, {
    units,
    today: localDate(input.now, input.group.tz),
    initialUnitKey: input.initialUnitKey,
    privateMetadata,
  });
  await client.views.open({ trigger_id: triggerId, view });
}

/** One field of a submitted form, as Slack sends it. */
const fieldSchema = z
  .object({
    selected_option: z.object({ value: z.string() }).nullable().optional(),
    selected_date: z.string().nullable().optional(),
    value: z.string().nullable().optional(),
  })
  .passthrough();
type Field = z.infer<typeof fieldSchema>;

function field(values: ViewSubmitAction['view']['state']['values'], block: string): Field {
  const entry = values[block];
  const first = entry ? Object.values(entry)[0] : undefined;
  const parsed = fieldSchema.safeParse(first ?? {});
  return parsed.success ? parsed.data : {};
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

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The team a form was opened in, as its metadata says, when that is the team Slack says the
 * submission (or suggestion request) comes from; null otherwise. The metadata is ours, but the
 * team it names decides whose data is written: only Slack's word for it is trusted.
 */
function metadataTeam(
  meta: { t: string },
  body: { team: { id: string } | null; user: { team_id?: string } },
): string | null {
  const sender = body.team?.id ?? body.user.team_id;
  return sender !== undefined && sender === meta.t ? meta.t : null;
}

/** The log form's submission: field errors come back on the field; success closes the form. */
function logSubmission(deps: AppDeps) {
  return async ({ ack, body, view, client }: ViewArgs): Promise<void> => {
    const meta = metadataSchema.safeParse(safeJson(view.private_metadata));
    if (!meta.success) {
      await ack();
      return;
    }
    const teamId = metadataTeam(meta.data, body);
    if (teamId === null) {
      deps.metrics.interactions.inc({ kind: 'log_form', outcome: 'forbidden' });
      const s = logFormStrings(deps.config.DEFAULT_LANG);
      return ack({ response_action: 'errors', errors: { [B.unit]: s.notMember } });
    }
    const team = deps.store.forTeam(teamId);
    const now = deps.now();
    const [group, member] = await Promise.all([
      team.getGroup(meta.data.g),
      team.getMember(meta.data.g, body.user.id),
    ]);
    const s = logFormStrings(group?.lang ?? deps.config.DEFAULT_LANG);
    if (!group) return ack({ response_action: 'errors', errors: { [B.unit]: s.groupGone } });
    if (!member) return ack({ response_action: 'errors', errors: { [B.unit]: s.notMember } });

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
      deps.metrics.interactions.inc({ kind: 'log_form', outcome: 'user_error' });
      return ack({ response_action: 'errors', errors });
    }

    const { type, date, count, notes } = checked.value;
    let activity: Activity;
    try {
      // Written before the acknowledgement, so that a refusal lands on the form; one write per view,
      // however often Slack delivers its submission.
      activity = await team.addActivity(
        group.id,
        { unitKey: unit.key, type, date, count, notes, userId: body.user.id, createdAt: now },
        { userId: body.user.id, now, requestId: view.id },
      );
    } catch (err) {
      // Removed from the group between the check above and the write.
      if (!isUserError(err) || err.code !== 'not_member') throw err;
      deps.metrics.interactions.inc({ kind: 'log_form', outcome: 'forbidden' });
      return ack({ response_action: 'errors', errors: { [B.unit]: s.notMember } });
    }
    await ack();
    deps.metrics.interactions.inc({ kind: 'log_form', outcome: 'ok' });
    const message = confirmMessage(group.lang, {
      kind: 'logged',
      activity,
      unit,
      undoMinutes: UNDO_WINDOW_MINUTES,
    });
    const channel = meta.data.c;
    try {
      if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, ...message });
      else await client.chat.postMessage({ channel: body.user.id, ...message });
    } catch (err) {
      // The activity is saved; only the courtesy note failed (e.g. the bot is not in that channel).
      deps.logger.warn({ err, team: teamId }, 'could not confirm a logged form');
    }
  };
}

type OptionsArgs = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;

/** Unit search for groups with more units than a static select can hold. */
function unitSuggestions(deps: AppDeps) {
  return async ({ ack, body }: OptionsArgs): Promise<void> => {
    const meta = metadataSchema.safeParse(safeJson(body.view?.private_metadata ?? ''));
    const teamId = meta.success ? metadataTeam(meta.data, body) : null;
    if (!meta.success || teamId === null) return ack({ options: [] });
    const team = deps.store.forTeam(teamId);
    const member = await team.getMember(meta.data.g, body.user.id);
    if (!member) return ack({ options: [] });
    const units = (await team.listUnits(meta.data.g)).filter((u) => !u.archived);
    await ack({ options: unitOptions(units, body.value ?? '') });
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Registers the form's listeners. */
export function registerLogForm(app: App, deps: AppDeps): void {
  app.view(LOG_MODAL, logSubmission(deps));
  app.options({ type: 'block_suggestion', action_id: B.unitAction }, unitSuggestions(deps));
}
