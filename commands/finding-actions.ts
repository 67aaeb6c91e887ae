import type { BlockAction } from '@slack/bolt';
import { z } from 'zod';
import type { AppDeps } from '../src/app/deps';
import type { Outcome, UserError } from '../src/domain/errors';
import { moveFinding } from '../src/domain/finding-states';
import { slackIdSchema } from '../src/domain/ids';
import { formatLocalDateTime, localDate } from '../src/domain/zoned-time';
import { buttonStrings } from '../src/i18n/buttons';
import { findingStrings } from '../src/i18n/findings';
import { mention } from '../src/slack/mrkdwn';
import { parseFindingRowBlockId } from '../src/views/action-values';
import { confirmMessage } from '../src/views/confirm';
import { userErrorMessage } from '../src/views/errors';
import type { FormStep } from '../src/views/finding-step-modal';
import { settleFindingControls } from '../src/views/findings';
import { BUTTON_ACTIONS } from '../src/views/ids';
import type { KnownBlock } from '../src/views/message';
import {
  admitPress,
  fromMessage,
  invalidPress,
  type PressArgs,
  type Pressed,
  type PressHandler,
  pressListener,
  tell,
} from './button-press';
import { type ChangeResult, changeFinding, drawFindingList, refusalError } from './finding';
import { openFindingStep } from './finding-step';
import type { Routes } from './routes';

/** What a finding's buttons carry (src/views/action-values.ts findingValue); anything else is out of date or forged. */
const valueSchema = z.object({
  g: slackIdSchema,
  f: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
type Value = z.infer<typeof valueSchema>;

function parseValue(args: PressArgs): Value | null {
  if (args.action.type !== 'button') return null;
  try {
    const parsed = valueSchema.safeParse(JSON.parse(args.action.value ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * A refused press, told only to the presser (saying who can, or what to do instead). A Home that
 * offered the button is out of date: it is drawn again.
 */
async function refused(p: Pressed, err: UserError): Promise<Outcome> {
  await tell(p.args, userErrorMessage(p.lang, err).text);
  if (!fromMessage(p.args)) p.deps.home.changed(p.team.teamId, p.group.id, [p.userId]);
  return err.outcome;
}

async function gone(p: Pressed, id: number): Promise<Outcome> {
  await tell(p.args, buttonStrings(p.lang).answer.findingGone(id));
  return 'user_error';
}

type Moved = Extract<ChangeResult, { kind: 'moved' }>;

/**
 * The pressed row says who verified it. A message Slack sent back with the press is edited in
 * place; an ephemeral one (the finding list) is not sent back, so the list is drawn again from the
 * row's block id, the finding kept where it was; a press on the App Home (a view, no message) is
 * answered in a direct message, the Home itself being redrawn by `deps.home`.
 */
async function showVerified(p: Pressed, moved: Moved): Promise<void> {
  const { args } = p;
  const { finding, unit, event, verifiers } = moved;
  const confirm = confirmMessage(p.lang, { kind: 'finding_moved', finding, unit, event, verifiers });
  if (!fromMessage(args)) {
    await args.client.chat.postMessage({ channel: p.userId, ...confirm });
    return;
  }
  const when = formatLocalDateTime(finding.closedAt ?? p.now, p.group.tz, p.lang);
  const note = findingStrings(p.lang).verifiedNote(mention(p.userId), when);
  const original = args.body.message;
  // Slack sends the message's blocks as it holds them; they go back unchanged but for the pressed row.
  const blocks = Array.isArray(original?.blocks) ? (original.blocks as KnownBlock[]) : null;
  if (blocks) {
    await args.respond({
      replace_original: true,
      text: typeof original?.text === 'string' ? original.text : note,
      blocks: settleFindingControls(blocks, finding.id, note),
    });
    return;
  }
  const row = args.action.block_id ? parseFindingRowBlockId(args.action.block_id) : null;
  if (!row) {
    await tell(args, confirm.text);
    return;
  }
  const units = await p.team.listUnits(p.group.id, { includeArchived: true });
  const list = await drawFindingList({
    team: p.team,
    group: p.group,
    units,
    unit: units.find((u) => u.key === row.unitKey) ?? null,
    filter: 'open',
    viewer: p.member,
    lang: p.lang,
    now: p.now,
    keepInPlace: [finding.id],
  });
  await args.respond({ replace_original: true, text: list.text, blocks: list.blocks });
}

/** "Verify": signed off at once, judged on what is stored at the write; the pressed row settles. */
function pressVerify(deps: AppDeps): PressHandler {
  return async (args, heard) => {
    const value = parseValue(args);
    if (!value) return invalidPress(args, deps, heard);
    const p = await admitPress(args, deps, value.g, heard);
    if (typeof p === 'string') return p;
    const move = { step: 'verify', notes: '' } as const;
    const result = await changeFinding({
      deps,
      team: p.team,
      group: p.group,
      userId: p.userId,
      id: value.f,
      move,
      now: p.now,
    });
    if (result.kind === 'unknown') return gone(p, value.f);
    if (result.kind === 'refused') return refused(p, refusalError(value.f, move, result));
    await showVerified(p, result);
    return 'ok';
  };
}

/** The channel of the pressed message, where the form's submission is confirmed. */
function channelOf(args: PressArgs): string | null {
  if (!fromMessage(args)) return null;
  const container = args.body.container as { channel_id?: unknown } | undefined;
  const id = args.body.channel?.id ?? container?.channel_id;
  return typeof id === 'string' && slackIdSchema.safeParse(id).success ? id : null;
}

/**
 * "Add plan", "Mark done", "Send back": the step form, once the step is judged possible on what is
 * stored now (the same judgement the write makes again), so nobody writes notes only to be refused.
 */
function pressStep(deps: AppDeps, step: FormStep): PressHandler {
  return async (args, heard) => {
    const value = parseValue(args);
    if (!value) return invalidPress(args, deps, heard);
    const p = await admitPress(args, deps, value.g, heard);
    if (typeof p === 'string') return p;
    const [finding, members] = await Promise.all([
      p.team.getFinding(p.group.id, value.f),
      p.team.getMembers(p.group.id),
    ]);
    const unit = finding ? await p.team.getUnit(p.group.id, finding.unitKey) : null;
    if (!finding || !unit) return gone(p, value.f);
    const move = { step, notes: '' };
    const role = members.find((m) => m.userId === p.userId)?.role ?? null;
    const today = localDate(p.now, p.group.tz);
    const judged = moveFinding(
      finding,
      move,
      { userId: p.userId, role },
      { unit, members, today, now: p.now },
    );
    if (!judged.ok)
      return refused(
        p,
        refusalError(value.f, move, { kind: 'refused', refusal: judged.refusal, finding, unit }),
      );
    await openFindingStep({
      client: args.client,
      triggerId: args.body.trigger_id,
      teamId: p.team.teamId,
      group: p.group,
      lang: p.lang,
      step,
      finding,
      unit,
      channelId: channelOf(args),
    });
    return 'ok';
  };
}

const FORM_BUTTONS: ReadonlyArray<[string, FormStep]> = [
  [BUTTON_ACTIONS.findingPlan, 'plan'],
  [BUTTON_ACTIONS.findingDone, 'done'],
  [BUTTON_ACTIONS.findingReopen, 'reopen'],
];

/** Registers the finding buttons, wherever they are shown (lists, `finding show`, DMs, the App Home). */
export function registerFindingActions(routes: Routes, deps: AppDeps): void {
  routes.action<BlockAction>(
    BUTTON_ACTIONS.findingVerify,
    pressListener(BUTTON_ACTIONS.findingVerify, deps, pressVerify(deps)),
  );
  for (const [actionId, step] of FORM_BUTTONS) {
    routes.action<BlockAction>(actionId, pressListener(actionId, deps, pressStep(deps, step)));
  }
}
