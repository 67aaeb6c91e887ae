import type { BlockAction } from '@slack/bolt';
import { z } from 'zod';
import type { AppDeps } from '../src/app/deps';
import { slackIdSchema } from '../src/domain/ids';
import type { Finding, Unit } from '../src/domain/types';
import { formatLocalDateTime } from '../src/domain/zoned-time';
import { type ButtonStrings, buttonStrings } from '../src/i18n/buttons';
import { mention, mentions } from '../src/slack/mrkdwn';
import { parseFindingRowBlockId } from '../src/views/action-values';
import { confirmMessage } from '../src/views/confirm';
import { settleFindingControls } from '../src/views/findings';
import { userText } from '../src/views/format';
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
import { drawFindingList, markFindingDone } from './finding';
import type { Routes } from './routes';

/** What "Mark done" carries (src/views/action-values.ts findingValue); anything else is out of date or forged. */
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

/** "Who can: @raiser (raised it), the liaisons of *Unit* (@a, @b), the leader and deputies (@c)". */
function whoCan(s: ButtonStrings, finding: Finding, unit: Unit, leads: string[]): string {
  const who = [s.answer.raiser(mention(finding.createdBy))];
  const liaisons = unit.liaisons.filter((u) => u !== finding.createdBy);
  if (liaisons.length > 0)
    who.push(s.answer.liaisons(userText(unit.name, 120), mentions(liaisons, '', s.listSep)));
  if (leads.length > 0) who.push(s.answer.leads(mentions(leads, '', s.listSep)));
  return who.join(s.listSep);
}

/**
 * The pressed row says who marked it. A message Slack sent back with the press is edited in place;
 * an ephemeral one (the finding list) is not sent back, so the list is drawn again from the row's
 * block id, the finding kept where it was; a press on the App Home (a view, no message) is
 * answered in a direct message, the Home itself being redrawn by `deps.home`.
 */
async function showDone(p: Pressed, finding: Finding, unit: Unit): Promise<void> {
  const { args } = p;
  if (!fromMessage(args)) {
    const message = confirmMessage(p.lang, { kind: 'finding_done', finding, unit });
    await args.client.chat.postMessage({ channel: p.userId, ...message });
    return;
  }
  const when = formatLocalDateTime(finding.doneAt ?? p.now, p.group.tz, p.lang);
  const note = buttonStrings(p.lang).doneNote(mention(p.userId), when);
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
    await tell(args, confirmMessage(p.lang, { kind: 'finding_done', finding, unit }).text);
    return;
  }
  const units = await p.team.listUnits(p.group.id, { includeArchived: true });
  const list = await drawFindingList({
    team: p.team,
    group: p.group,
    units,
    unit: units.find((u) => u.key === row.unitKey) ?? null,
    viewer: { role: p.member.role, userId: p.userId },
    lang: p.lang,
    now: p.now,
    keepInPlace: [finding.id],
  });
  await args.respond({ replace_original: true, text: list.text, blocks: list.blocks });
}

/** "Mark done": checked again when pressed, marked once, the pressed row updated. */
function pressDone(deps: AppDeps): PressHandler {
  return async (args, heard) => {
    const value = parseValue(args);
    if (!value) return invalidPress(args, deps, heard);
    const p = await admitPress(args, deps, value.g, heard);
    if (typeof p === 'string') return p;
    const result = await markFindingDone({
      deps,
      team: p.team,
      group: p.group,
      member: p.member,
      id: value.f,
      notes: '',
      now: p.now,
    });
    const s = buttonStrings(p.lang);
    switch (result.kind) {
      case 'unknown':
        await tell(args, s.answer.findingGone(value.f));
        return 'user_error';
      case 'not_allowed':
        await tell(args, s.answer.notAllowed(value.f, whoCan(s, result.finding, result.unit, result.leads)));
        return 'forbidden';
      case 'already_done': {
        const { doneBy, doneAt } = result.finding;
        const when = formatLocalDateTime(doneAt ?? p.now, p.group.tz, p.lang);
        await tell(args, s.answer.alreadyDone(value.f, doneBy ? mention(doneBy) : '?', when));
        return 'user_error';
      }
      case 'unit_archived':
        await tell(args, s.answer.unitArchived(value.f, userText(result.unit.name, 120)));
        return 'user_error';
      case 'done':
        await showDone(p, result.finding, result.unit);
        return 'ok';
    }
  };
}

/** Registers "Mark done", wherever it is shown (`/dudao finding list`, the App Home). */
export function registerFindingActions(routes: Routes, deps: AppDeps): void {
  routes.action<BlockAction>(
    BUTTON_ACTIONS.findingDone,
    pressListener(BUTTON_ACTIONS.findingDone, deps, pressDone(deps)),
  );
}
