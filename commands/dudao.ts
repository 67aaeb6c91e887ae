import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AppDeps } from '../src/app/deps';
import type { Subcommand } from '../src/domain/command';
import { Fault, faultRef, isUserError, type Outcome, UserError } from '../src/domain/errors';
import type { Lang } from '../src/domain/types';
import { faultMessage, slowMessage, userErrorMessage } from '../src/views/errors';
import type { Message } from '../src/views/message';
import type { CommandContext, Reply } from './context';
import { answerLang, lookupGroup, runCommand } from './run-command';

/**
 * Slack shows an error if a slash command is not acknowledged within 3 s. Past this budget the
 * acknowledgement says "working on it" and the answer follows through response_url.
 */
const ACK_BUDGET_MS = 2_000;

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type Settled = Reply & { outcome: Outcome };

/** A message only the person who asked sees. */
export const ephemeral = (m: Message) => ({
  response_type: 'ephemeral' as const,
  text: m.text,
  blocks: m.blocks,
});

/** The `/dudao` listener: runs the line, answers in the acknowledgement whenever it can. */
export function dudaoCommand(deps: AppDeps) {
  return async ({ command, ack, respond, client }: Args): Promise<void> => {
    const startedAt = performance.now();
    let sub: Subcommand | 'unknown' = 'unknown';
    let lang: Lang = deps.config.DEFAULT_LANG;
    const ctx: CommandContext = {
      deps,
      team: deps.store.forTeam(command.team_id),
      teamId: command.team_id,
      enterpriseId: command.enterprise_id || undefined,
      userId: command.user_id,
      channelId: command.channel_id,
      triggerId: command.trigger_id,
      lang,
      now: deps.now(),
      today: '',
      client,
      respond,
    };
    const text = command.text ?? '';
    // Read while the request is admitted, in the same round trip: a read does nothing to a request
    // that is then refused, and every admitted one needs it.
    const group = lookupGroup(ctx);
    group.catch(() => {});
    const work: Promise<Settled> = admit(text, ctx)
      .then(() =>
        runCommand(text, ctx, group, (s, l) => {
          sub = s;
          lang = l;
        }),
      )
      .then(
        (r) => ({ ...r, outcome: 'ok' as const }),
        (err: unknown) => settleError(err),
      );

    /**
     * Before anything is done: the trigger_id is taken once (a replayed or re-sent command does
     * nothing) and the user's command of the minute is counted; a refusal is answered in the
     * language the command would have been answered in. Only slash commands count: a form is
     * opened by a command or a button, and a button acts on a message the bot sent, once per press
     * (ping-actions.ts), so neither lets one user multiply work the way typed commands do.
     */
    async function admit(line: string, c: CommandContext): Promise<void> {
      const perMinute = deps.config.COMMANDS_PER_MINUTE;
      const admission = await c.team.guards().admit(c.triggerId, { userId: c.userId, perMinute });
      if (admission === 'ok') return;
      lang = await answerLang(line, c, group);
      throw admission === 'duplicate'
        ? new UserError('duplicate_request')
        : new UserError('slow_down', { limit: perMinute });
    }

    function settleError(err: unknown): Settled {
      if (isUserError(err)) return { message: userErrorMessage(lang, err), outcome: err.outcome };
      const ref = faultRef();
      const code = err instanceof Fault ? err.code : 'unexpected';
      deps.logger.error(
        { err, code, ref, team: command.team_id, user: command.user_id, sub },
        'command failed',
      );
      return { message: faultMessage(lang, ref), outcome: 'fault' };
    }

    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), ACK_BUDGET_MS);
    });
    const first = await Promise.race([work, budget]);
    clearTimeout(timer);

    if (first) {
      await ack(first.message ? ephemeral(first.message) : undefined);
      finish(first);
    } else {
      await ack(ephemeral(slowMessage(lang)));
      const late = await work;
      if (late.message) await respond({ ...ephemeral(late.message), replace_original: true }).catch(logLate);
      finish(late);
    }

    function finish(result: Settled): void {
      deps.metrics.commands.inc({ subcommand: sub, outcome: result.outcome });
      deps.metrics.commandSeconds.observe({ subcommand: sub }, (performance.now() - startedAt) / 1000);
      if (!result.after) return;
      result.after().catch(async (err: unknown) => {
        const settled = settleError(err);
        if (settled.message) await respond(ephemeral(settled.message)).catch(logLate);
      });
    }

    function logLate(err: unknown): void {
      deps.logger.warn({ err, sub }, 'could not answer through response_url');
    }
  };
}
