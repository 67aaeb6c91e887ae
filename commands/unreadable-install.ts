import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { AppDeps } from '../src/app/deps';
import { faultRef } from '../src/domain/errors';
import { readerLang } from '../src/domain/locale';
import { shortcutStrings } from '../src/i18n/shortcuts';
import { INSTALLATION_UNREADABLE } from '../src/slack/installations';
import { faultMessage } from '../src/views/errors';
import { ephemeral } from './dudao';

/**
 * Runs before every listener. When the request's installation could not be read (Redis away; see
 * OAuthTokens.authorize) no listener can do anything, having no token: a command is answered with
 * the short apology in the acknowledgement, as it would be with one SLACK_BOT_TOKEN; a form's
 * submission keeps the form open with the apology on its first field; anything else is
 * acknowledged so that Slack does not retry or show a timeout. Nothing has been written.
 */
export function answerUnreadableInstall(deps: AppDeps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    if (!args.context[INSTALLATION_UNREADABLE]) {
      await args.next();
      return;
    }
    const ref = faultRef();
    deps.logger.error(
      { ref, team: args.context.teamId },
      'a request came while its installation could not be read',
    );
    if ('command' in args) {
      const lang = readerLang({
        group: null,
        locale: null,
        text: args.command.text,
        fallback: deps.config.DEFAULT_LANG,
      });
      await args.ack(ephemeral(faultMessage(lang, ref)));
    } else if ('view' in args && args.body.type === 'view_submission') {
      // The form stays open with what was typed, the apology on its first field.
      const [field] = Object.keys(args.view.state.values);
      const text = shortcutStrings(deps.config.DEFAULT_LANG).form.failed(ref);
      await args.ack(field ? { response_action: 'errors', errors: { [field]: text } } : undefined);
    } else if ('ack' in args && typeof args.ack === 'function') {
      await args.ack();
    }
  };
}
