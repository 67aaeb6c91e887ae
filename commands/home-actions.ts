import { z } from 'zod';
import type { AppDeps } from '../src/app/deps';
import type { Outcome } from '../src/domain/errors';
import { slackIdSchema } from '../src/domain/ids';
import type { Lang } from '../src/domain/types';
import { BUTTON_ACTIONS } from '../src/views/ids';
import { admitPress, invalidPress, type PressArgs, pressListener } from './button-press';
import { publishHome } from './home';
import { openLogModal } from './log-form';
import type { Routes } from './routes';

/** What "Log activity" carries (src/views/action-values.ts homeLogValue). */
const valueSchema = z.object({ g: slackIdSchema });

function groupOf(args: PressArgs): string | null {
  if (args.action.type !== 'button') return null;
  try {
    const parsed = valueSchema.safeParse(JSON.parse(args.action.value ?? ''));
    return parsed.success ? parsed.data.g : null;
  } catch {
    return null;
  }
}

/**
 * "Log activity" on the App Home: the log form for that group, the presser's own units first.
 * Checked again when pressed (button-press.ts): someone no longer in the group is told so, and
 * their Home, which still offered the button, is drawn again as it is now.
 */
function homeLog(deps: AppDeps) {
  return async (args: PressArgs, heard: (lang: Lang) => void): Promise<Outcome> => {
    const groupId = groupOf(args);
    if (!groupId) return invalidPress(args, deps, heard);
    const pressed = await admitPress(args, deps, groupId, heard);
    if (typeof pressed === 'string') {
      const teamId = args.body.team?.id ?? args.body.user.team_id;
      if (teamId) await publishHome(deps, args.client, teamId, args.body.user.id);
      return pressed;
    }
    await openLogModal(args.client, args.body.trigger_id, {
      team: pressed.team,
      teamId: pressed.team.teamId,
      group: pressed.group,
      lang: pressed.lang,
      userId: pressed.userId,
      channelId: null,
      initialUnitKey: null,
      now: pressed.now,
      preferUnitsOf: pressed.userId,
    });
    return 'ok';
  };
}

/** Registers the App Home's "Log activity" button (its "Mark done" is finding-actions.ts's). */
export function registerHomeActions(routes: Routes, deps: AppDeps): void {
  routes.action(BUTTON_ACTIONS.homeLog, pressListener(BUTTON_ACTIONS.homeLog, deps, homeLog(deps)));
}
