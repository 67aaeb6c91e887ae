import type { View } from '@slack/types';
import { z } from 'zod';
import type { AppDeps } from '../src/app/deps';
import { slackIdSchema } from '../src/domain/ids';
import { cutText } from '../src/domain/message-text';
import { logFormStrings } from '../src/i18n/log-form';
import { shortcutStrings } from '../src/i18n/shortcuts';
import { GROUP_PICK_BLOCKS as B, GROUP_PICK_MODAL } from '../src/views/ids';
import { PRIVATE_METADATA_CHARS } from '../src/views/limits';
import { type FindingModalInput, findingModalView } from './finding-form';
import { field, metadataTeam, readerOf, safeJson, submissionListener } from './form-parts';
import { logModalView } from './log-form';
import { langFor } from './reader-lang';
import type { Routes } from './routes';

/** Which form a shortcut opens, with what it fills in from the message. */
export interface PendingForm {
  kind: 'log' | 'finding';
  /** The message's text as plain notes, already cut to the field's limit. */
  text: string;
  link: string | null;
}

/** The form a shortcut opens for `input.group`: the log form with notes, or the finding form with its text. */
export function shortcutFormView(
  pending: PendingForm,
  input: Omit<FindingModalInput, 'initialText' | 'link'>,
): Promise<View> {
  const common = { ...input, link: pending.link };
  return pending.kind === 'log'
    ? logModalView({ ...common, initialNotes: pending.text })
    : findingModalView({ ...common, initialText: pending.text });
}

/** What the group question carries to the form after it: team, which form, its text and link. */
const pickMetadataSchema = z.object({
  t: slackIdSchema,
  k: z.enum(['log', 'finding']),
  x: z.string(),
  l: z.string().optional(),
});

/**
 * The group question's private_metadata. Slack holds at most 3,000 characters there, and a long
 * text full of quotes and line breaks grows when written as JSON: the text is cut until it fits.
 */
export function pickMetadata(teamId: string, pending: PendingForm): string {
  let text = pending.text;
  for (;;) {
    const json = JSON.stringify({
      t: teamId,
      k: pending.kind,
      x: text,
      ...(pending.link ? { l: pending.link } : {}),
    });
    const over = json.length - PRIVATE_METADATA_CHARS;
    if (over <= 0 || text === '') return json;
    // At least two characters go for the one ellipsis added, so every round is shorter.
    text = cutText(text, Math.max(0, [...text].length - over - 1));
  }
}

/**
 * The group question's submission: the chosen group's membership is checked again, and the form
 * answers in place of the question (`response_action: update`), confirming by direct message.
 */
const groupPickSubmission = (deps: AppDeps) =>
  submissionListener('group_pick', deps, B.group, async ({ ack, body, view, client }, ctx) => {
    const parsed = pickMetadataSchema.safeParse(safeJson(view.private_metadata));
    const teamId = parsed.success ? metadataTeam(parsed.data, body) : null;
    if (!parsed.success || teamId === null) {
      const stale = shortcutStrings(deps.config.DEFAULT_LANG).form.stale;
      await ack({ response_action: 'errors', errors: { [B.group]: stale } });
      return parsed.success ? 'forbidden' : 'user_error';
    }
    const meta = parsed.data;
    const team = deps.store.forTeam(teamId);
    const userId = body.user.id;
    const reader = readerOf(deps, client, team, userId);
    const groupId = field(view.state.values, B.group).selected_option?.value;
    if (!groupId || !slackIdSchema.safeParse(groupId).success) {
      const lang = await langFor(reader, null);
      ctx.setLang(lang);
      await ack({ response_action: 'errors', errors: { [B.group]: shortcutStrings(lang).pick.chooseGroup } });
      return 'user_error';
    }
    const [group, member] = await Promise.all([team.getGroup(groupId), team.getMember(groupId, userId)]);
    const lang = await langFor(reader, group);
    ctx.setLang(lang);
    const s = logFormStrings(lang);
    if (!group || !member) {
      await ack({ response_action: 'errors', errors: { [B.group]: group ? s.notMember : s.groupGone } });
      return group ? 'forbidden' : 'user_error';
    }
    const form = await shortcutFormView(
      { kind: meta.k, text: meta.x, link: meta.l ?? null },
      {
        team,
        teamId,
        group,
        lang,
        userId,
        // Not asked in the group's channel: the confirmation comes as a direct message.
        channelId: null,
        initialUnitKey: null,
        now: deps.now(),
        preferUnitsOf: userId,
      },
    );
    await ack({ response_action: 'update', view: form });
    return 'ok';
  });

/** Registers the group question's submission. */
export function registerGroupPick(routes: Routes, deps: AppDeps): void {
  routes.view(GROUP_PICK_MODAL, groupPickSubmission(deps));
}
