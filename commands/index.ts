import type { App } from '@slack/bolt';
import type { AppDeps } from '../src/app/deps';
import { dudaoCommand } from './dudao';
import { registerLogForm } from './log-form';
import { registerPingActions } from './ping-actions';

/** The slash command every user types. */
const SLASH_COMMAND = '/dudao';

/** Wires every listener; nothing else happens here. */
export function registerListeners(app: App, deps: AppDeps): void {
  app.command(SLASH_COMMAND, dudaoCommand(deps));
  registerLogForm(app, deps);
  registerPingActions(app, deps);
}
