import type { BlockAction } from '@slack/bolt';
import { z } from 'zod';
import type { AppDeps } from '../src/app/deps';
import { slackIdSchema, unitKeySchema } from '../src/domain/ids';
import { buttonStrings } from '../src/i18n/buttons';
import { groupOfStatusPick } from '../src/views/action-values';
import { userText } from '../src/views/format';
import { BUTTON_ACTIONS, STATUS_LOG_SELECT } from '../src/views/ids';
import {
  admitPress,
  invalidPress,
  type PressArgs,
  type PressHandler,
  pressListener,
  tell,
} from './button-press';
import { openLogModal } from './log-form';
import type { Routes } from './routes';

/** The group and unit a "Log" names (src/views/action-values.ts); anything else is out of date or forged. */
const pickSchema = z.object({ g: slackIdSchema, u: unitKeySchema });
type UnitPick = z.infer<typeof pickSchema>;

/** A "Log" button's JSON value, or a "Log for…" select's option (a unit key) and block id (the group). */
function pickOf(args: PressArgs): UnitPick | null {
  const action = args.action;
  let raw: unknown = null;
  try {
    if (action.type === 'button') raw = JSON.parse(action.value ?? '');
    else if (action.type === 'static_select') {
      raw = { g: groupOfStatusPick(action.block_id), u: action.selected_option?.value };
    }
  } catch {
    return null;
  }
  const parsed = pickSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * "Log" on a status line (or a unit chosen in "Log for…"): the log form with that unit chosen.
 * Checked again when pressed: the presser still in the group, the unit still followed.
 */
function logFor(deps: AppDeps): PressHandler {
  return async (args, heard) => {
    const pick = pickOf(args);
    if (!pick) return invalidPress(args, deps, heard);
    const p = await admitPress(args, deps, pick.g, heard);
    if (typeof p === 'string') return p;
    const unit = await p.team.getUnit(p.group.id, pick.u);
    if (!unit || unit.archived) {
      await tell(args, buttonStrings(p.lang).answer.unitGone(userText(unit?.name ?? pick.u, 120)));
      return 'user_error';
    }
    await openLogModal(args.client, args.body.trigger_id, {
      team: p.team,
      teamId: p.team.teamId,
      group: p.group,
      lang: p.lang,
      userId: p.userId,
      channelId: args.body.channel?.id ?? null,
      initialUnitKey: unit.key,
      now: p.now,
    });
    return 'ok';
  };
}

/** Registers "Log" on the lines of `/dudao status` and the "Log for…" select of its packed sections. */
export function registerStatusActions(routes: Routes, deps: AppDeps): void {
  routes.action<BlockAction>(
    BUTTON_ACTIONS.statusLog,
    pressListener(BUTTON_ACTIONS.statusLog, deps, logFor(deps)),
  );
  routes.action<BlockAction>(STATUS_LOG_SELECT, pressListener(STATUS_LOG_SELECT, deps, logFor(deps)));
}
