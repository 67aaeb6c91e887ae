import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AppDeps } from '../src/app/deps';
import { type Outcome, UserError } from '../src/domain/errors';
import { isoDateSchema, slackIdSchema, unitKeySchema } from '../src/domain/ids';
import { SNOOZE_MS } from '../src/domain/pings';
import type { Group, Lang, Unit } from '../src/domain/types';
import { formatLocalDateTime } from '../src/domain/zoned-time';
import { jobStrings } from '../src/i18n/jobs';
import type { TeamStore } from '../src/store/types';
import { userErrorMessage } from '../src/views/errors';
import { userText } from '../src/views/format';
import { PING_ACTIONS } from '../src/views/ids';
import { markPingAnswered } from '../src/views/liaison-ping';
import type { KnownBlock } from '../src/views/message';
import { openLogModal } from './log-form';
import { langFor } from './reader-lang';
import type { Routes } from './routes';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
type Kind = keyof typeof PING_ACTIONS;

/** What a ping button carries (see src/views/ping-ids.ts); anything else is an out-of-date or forged button. */
const valueSchema = z.object({ g: slackIdSchema, u: unitKeySchema, p: isoDateSchema });
type Value = z.infer<typeof valueSchema>;

interface Clicked {
  args: Args;
  deps: AppDeps;
  team: TeamStore;
  group: Group;
  unit: Unit;
  value: Value;
  userId: string;
  now: number;
}

function parseValue(raw: string | undefined): Value | null {
  try {
    const parsed = valueSchema.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A short answer only the clicker sees; the DM itself stays as it was. */
async function tell(args: Args, text: string): Promise<void> {
  await args.respond({ response_type: 'ephemeral', replace_original: false, text });
}

/** The DM with the unit's buttons replaced by `note`; falls back to a short answer without the original. */
async function settle(args: Args, unitKey: string, note: string): Promise<void> {
  const original = args.body.message;
  // Slack sends the message's blocks as it holds them; they are sent back unchanged but for one row.
  const blocks = Array.isArray(original?.blocks) ? (original.blocks as KnownBlock[]) : null;
  if (!blocks) return tell(args, note);
  await args.respond({
    replace_original: true,
    text: typeof original?.text === 'string' ? original.text : note,
    blocks: markPingAnswered(blocks, unitKey, note),
  });
}

async function nothingToReport(c: Clicked): Promise<void> {
  // Recorded once: a double click or a retried request keeps the first answer and its time.
  const answer = await c.team.pings(c.group.id).recordNothing(c.value.p, c.unit.key, c.userId, c.now);
  const s = jobStrings(c.group.lang);
  await settle(c.args, c.unit.key, s.ping.answered(formatLocalDateTime(answer.at, c.group.tz, c.group.lang)));
}

async function snooze(c: Clicked): Promise<void> {
  const [latest] = await c.team.recentActivities(c.group.id, c.unit.key, 1);
  const stored = await c.team.pings(c.group.id).snooze(
    {
      unitKey: c.unit.key,
      userId: c.userId,
      until: c.now + SNOOZE_MS,
      period: c.value.p,
      contact: latest?.date ?? null,
    },
    c.now,
  );
  const s = jobStrings(c.group.lang);
  await settle(
    c.args,
    c.unit.key,
    s.ping.snoozed(formatLocalDateTime(stored.until, c.group.tz, c.group.lang)),
  );
}

async function logActivity(c: Clicked): Promise<void> {
  await openLogModal(c.args.client, c.args.body.trigger_id, {
    team: c.team,
    teamId: c.group.teamId,
    group: c.group,
    // The form is seen by the clicker alone: their language when the group has not chosen one.
    lang: await langFor({ deps: c.deps, client: c.args.client, team: c.team, userId: c.userId }, c.group),
    userId: c.userId,
    channelId: c.args.body.channel?.id ?? null,
    initialUnitKey: c.unit.key,
    now: c.now,
  });
}

/** Checks the button against the store; answers the clicker and returns the outcome when it must stop. */
async function resolve(
  kind: Kind,
  args: Args,
  deps: AppDeps,
  setLang: (l: Lang) => void,
): Promise<Clicked | Outcome> {
  const fallback = jobStrings(deps.config.DEFAULT_LANG);
  const value = parseValue(args.action.value);
  const teamId = args.body.team?.id ?? args.body.user.team_id;
  if (!value || !teamId) return tell(args, fallback.action.invalid).then(() => 'user_error' as const);
  const team = deps.store.forTeam(teamId);
  const userId = args.body.user.id;
  const group = await team.getGroup(value.g);
  if (!group) return tell(args, fallback.action.groupGone).then(() => 'user_error' as const);
  setLang(group.lang);
  // The same press delivered twice (a replay, a re-send: same trigger_id) takes effect once.
  if ((await team.guards().admit(args.body.trigger_id)) !== 'ok') {
    const duplicate = userErrorMessage(group.lang, new UserError('duplicate_request'));
    return tell(args, duplicate.text).then(() => 'user_error' as const);
  }
  const s = jobStrings(group.lang);
  const [member, units] = await Promise.all([
    team.getMember(group.id, userId),
    team.listUnits(group.id, { includeArchived: true }),
  ]);
  if (!member)
    return tell(args, s.action.notMember(userText(group.name, 120))).then(() => 'forbidden' as const);
  const unit = units.find((u) => u.key === value.u);
  if (!unit || unit.archived) {
    return tell(args, s.action.unitGone(userText(unit?.name ?? value.u, 120))).then(
      () => 'user_error' as const,
    );
  }
  // Anyone in the group may log; the answers belong to the unit's liaisons.
  if (kind !== 'log' && !unit.liaisons.includes(userId)) {
    return tell(args, s.action.notLiaison(userText(unit.name, 120))).then(() => 'forbidden' as const);
  }
  return { args, deps, team, group, unit, value, userId, now: deps.now() };
}

const HANDLERS: Record<Kind, (c: Clicked) => Promise<void>> = {
  log: logActivity,
  nothing: nothingToReport,
  snooze,
};

/** One ping button: acknowledges at once, then checks, records and answers. Never shows a stack. */
function pingAction(kind: Kind, deps: AppDeps) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    let lang: Lang = deps.config.DEFAULT_LANG;
    let outcome: Outcome = 'ok';
    try {
      const clicked = await resolve(kind, args, deps, (l) => {
        lang = l;
      });
      if (typeof clicked === 'string') outcome = clicked;
      else await HANDLERS[kind](clicked);
    } catch (err) {
      outcome = 'fault';
      deps.logger.error({ err, action: PING_ACTIONS[kind], user: args.body.user.id }, 'ping button failed');
      await tell(args, jobStrings(lang).action.failed).catch(() => {});
    }
    deps.metrics.interactions.inc({ kind: PING_ACTIONS[kind], outcome });
  };
}

/** Registers the three buttons of a liaison's ping. */
export function registerPingActions(routes: Routes, deps: AppDeps): void {
  routes.action<BlockButtonAction>(PING_ACTIONS.log, pingAction('log', deps));
  routes.action<BlockButtonAction>(PING_ACTIONS.nothing, pingAction('nothing', deps));
  routes.action<BlockButtonAction>(PING_ACTIONS.snooze, pingAction('snooze', deps));
}
