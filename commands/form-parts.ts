import type {
  AllMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AppDeps } from '../src/app/deps';
import { faultRef, type Outcome } from '../src/domain/errors';
import { slackIdSchema } from '../src/domain/ids';
import { messageLink } from '../src/domain/message-link';
import type { Group, Lang } from '../src/domain/types';
import { unitNamedIn } from '../src/domain/unit-lookup';
import { logFormStrings } from '../src/i18n/log-form';
import { shortcutStrings } from '../src/i18n/shortcuts';
import type { TeamStore } from '../src/store/types';
import type { Message } from '../src/views/message';
import { unitOptions } from '../src/views/unit-select';
import { langFor, type Reader } from './reader-lang';

/**
 * What the log form and the finding form share at the edge: what their private_metadata carries,
 * the reading of a submission's fields, the private confirmation, and the listener wrapper that
 * keeps a fault from ever reaching the form as anything but one short line.
 */

/**
 * What a form carries from opening to submission: team, group, the channel to confirm in (null:
 * a direct message), the permalink of the message it was opened from, and whose units come first.
 */
const formMetadataSchema = z.object({
  t: slackIdSchema,
  g: slackIdSchema,
  c: slackIdSchema.nullable(),
  l: z.string().optional(),
  p: slackIdSchema.optional(),
});
export type FormMetadata = z.infer<typeof formMetadataSchema>;

/** A form's private_metadata; the link is one domain/message-link.ts accepted. */
export function formMetadata(m: {
  teamId: string;
  groupId: string;
  channelId: string | null;
  link?: string | null;
  preferUnitsOf?: string | null;
}): string {
  return JSON.stringify({
    t: m.teamId,
    g: m.groupId,
    c: m.channelId,
    ...(m.link ? { l: m.link } : {}),
    ...(m.preferUnitsOf ? { p: m.preferUnitsOf } : {}),
  });
}

/** What either form (log, finding) is opened for: the group, where it confirms, what came with it. */
export interface FormOpening {
  team: TeamStore;
  teamId: string;
  group: Group;
  channelId: string | null;
  initialUnitKey: string | null;
  link?: string | null;
  preferUnitsOf?: string;
}

/**
 * What both forms are built from, read now: the group's active units, the unit chosen (given, else
 * the one `prefilled` text from a message names), the message's link once checked, and the
 * metadata the form carries to its submission.
 */
export async function formBasis(input: FormOpening, prefilled: string) {
  const units = (await input.team.listUnits(input.group.id)).filter((u) => !u.archived);
  const link = messageLink(input.link);
  const preferUnitsOf = input.preferUnitsOf ?? null;
  return {
    units,
    initialUnitKey: input.initialUnitKey ?? unitNamedIn(units, prefilled),
    link,
    preferUnitsOf,
    privateMetadata: formMetadata({
      teamId: input.teamId,
      groupId: input.group.id,
      channelId: input.channelId,
      link,
      preferUnitsOf,
    }),
  };
}

/** The metadata of a submitted form, or null when it is not one the bot wrote. */
function readFormMetadata(text: string | undefined): FormMetadata | null {
  const parsed = formMetadataSchema.safeParse(safeJson(text ?? ''));
  return parsed.success ? parsed.data : null;
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The team a form was opened in, as its metadata says, when that is the team Slack says the
 * submission (or suggestion request) comes from; null otherwise. The metadata is ours, but the
 * team it names decides whose data is written: only Slack's word for it is trusted.
 */
export function metadataTeam(
  meta: { t: string },
  body: { team: { id: string } | null; user: { team_id?: string } },
): string | null {
  const sender = body.team?.id ?? body.user.team_id;
  return sender !== undefined && sender === meta.t ? meta.t : null;
}

/** One field of a submitted form, as Slack sends it. */
const fieldSchema = z
  .object({
    selected_option: z.object({ value: z.string() }).nullable().optional(),
    selected_date: z.string().nullable().optional(),
    value: z.string().nullable().optional(),
    // A users_select: a Slack user id, anything else is no choice at all.
    selected_user: slackIdSchema.nullable().optional().catch(null),
  })
  .passthrough();
type Field = z.infer<typeof fieldSchema>;

export function field(values: ViewSubmitAction['view']['state']['values'], block: string): Field {
  const entry = values[block];
  const first = entry ? Object.values(entry)[0] : undefined;
  const parsed = fieldSchema.safeParse(first ?? {});
  return parsed.success ? parsed.data : {};
}

/** Whoever submitted the form, for the language they read (reader-lang.ts). */
export function readerOf(deps: AppDeps, client: WebClient, team: TeamStore, userId: string): Reader {
  return { deps, client, team, userId };
}

/**
 * An answer only `userId` sees: ephemeral in `channel`, or a direct message from the bot when there
 * is no channel or the bot may not post there (a channel it is not in). Never throws: what it
 * confirms is already saved.
 */
export async function confirmPrivately(
  client: WebClient,
  logger: Logger,
  to: { channel: string | null; userId: string },
  message: Message,
): Promise<void> {
  try {
    if (to.channel) {
      try {
        await client.chat.postEphemeral({ channel: to.channel, user: to.userId, ...message });
        return;
      } catch (err) {
        logger.warn({ err, channel: to.channel }, 'ephemeral confirmation refused; sending it as a DM');
      }
    }
    await client.chat.postMessage({ channel: to.userId, ...message });
  } catch (err) {
    logger.warn({ err, user: to.userId }, 'could not confirm a submitted form');
  }
}

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** What a submission handler is given besides Bolt's arguments. */
export interface SubmissionContext {
  /** The language a fault is answered in, once the handler knows its reader's. */
  setLang(lang: Lang): void;
}

/**
 * A view_submission listener: runs `run`, counts its outcome under `kind`, and turns a fault into
 * one line on the form's `faultBlock` (acknowledged within Slack's 3 s, never with a stack).
 */
export function submissionListener(
  kind: string,
  deps: AppDeps,
  faultBlock: string,
  run: (args: ViewArgs, ctx: SubmissionContext) => Promise<Outcome>,
) {
  return async (args: ViewArgs): Promise<void> => {
    let acked = false;
    let lang: Lang = deps.config.DEFAULT_LANG;
    const ack: ViewArgs['ack'] = (response) => {
      acked = true;
      return args.ack(response);
    };
    let outcome: Outcome;
    try {
      outcome = await run({ ...args, ack }, { setLang: (l) => (lang = l) });
    } catch (err) {
      outcome = 'fault';
      const ref = faultRef();
      deps.logger.error({ err, kind, ref, user: args.body.user.id }, 'form submission failed');
      if (!acked) {
        const errors = { [faultBlock]: shortcutStrings(lang).form.failed(ref) };
        await args.ack({ response_action: 'errors', errors }).catch(() => {});
      }
    }
    deps.metrics.interactions.inc({ kind, outcome });
  };
}

/** A submission that passed the checks every form makes, with what the handler needs next. */
export interface Admitted {
  meta: FormMetadata;
  teamId: string;
  team: TeamStore;
  group: Group;
  userId: string;
  now: number;
  /** The submitter's language (reader-lang.ts). */
  lang: Lang;
}

/**
 * The checks every form's submission starts with: the metadata is the bot's and names the team
 * Slack says the submission comes from (tampered or another team's: refused), the group still
 * exists and the submitter is still a member. A refusal is acknowledged on `block` and answered
 * with its outcome.
 */
export async function admitSubmission(
  { ack, body, view, client }: ViewArgs,
  deps: AppDeps,
  block: string,
  ctx: SubmissionContext,
): Promise<Admitted | Outcome> {
  const refuse = async (message: string, outcome: Outcome): Promise<Outcome> => {
    await ack({ response_action: 'errors', errors: { [block]: message } });
    return outcome;
  };
  const meta = readFormMetadata(view.private_metadata);
  if (!meta) return refuse(shortcutStrings(deps.config.DEFAULT_LANG).form.stale, 'user_error');
  const teamId = metadataTeam(meta, body);
  if (teamId === null) return refuse(logFormStrings(deps.config.DEFAULT_LANG).notMember, 'forbidden');
  const team = deps.store.forTeam(teamId);
  const userId = body.user.id;
  const [group, member] = await Promise.all([team.getGroup(meta.g), team.getMember(meta.g, userId)]);
  const lang = await langFor(readerOf(deps, client, team, userId), group);
  ctx.setLang(lang);
  const s = logFormStrings(lang);
  if (!group) return refuse(s.groupGone, 'user_error');
  if (!member) return refuse(s.notMember, 'forbidden');
  return { meta, teamId, team, group, userId, now: deps.now(), lang };
}

type OptionsArgs = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;

/** Unit search of the forms whose group has more units than a static select can hold. */
export function unitSuggestions(deps: AppDeps) {
  return async ({ ack, body }: OptionsArgs): Promise<void> => {
    try {
      const meta = readFormMetadata(body.view?.private_metadata);
      const teamId = meta ? metadataTeam(meta, body) : null;
      if (!meta || teamId === null) return await ack({ options: [] });
      const team = deps.store.forTeam(teamId);
      const [member, units] = await Promise.all([
        team.getMember(meta.g, body.user.id),
        team.listUnits(meta.g),
      ]);
      if (!member) return await ack({ options: [] });
      await ack({ options: unitOptions(units, body.value ?? '', meta.p) });
    } catch (err) {
      deps.logger.error({ err, user: body.user.id }, 'unit search failed');
      await ack({ options: [] }).catch(() => {});
    }
  };
}
