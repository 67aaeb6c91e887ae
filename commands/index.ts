import type { App } from '@slack/bolt';
import type { AppDeps } from '../src/app/deps';
import { dudaoCommand } from './dudao';
import { registerFindingActions } from './finding-actions';
import { registerFindingForm } from './finding-form';
import { registerFindingStep } from './finding-step';
import { registerHome } from './home';
import { registerHomeActions } from './home-actions';
import { registerInstallEvents } from './installs';
import { registerLogForm } from './log-form';
import { registerPingActions } from './ping-actions';
import { installRoutes } from './routes';
import { registerShortcuts } from './shortcuts';
import { registerStatusActions } from './status-actions';
import { registerUnitImport } from './unit-import';
import { answerUnreadableInstall } from './unreadable-install';

/** The slash command every user types. */
const SLASH_COMMAND = '/dudao';

/** Wires every listener; nothing else happens here. */
export function registerListeners(app: App, deps: AppDeps): void {
  app.use(answerUnreadableInstall(deps));
  app.command(SLASH_COMMAND, dudaoCommand(deps));
  registerHome(app, deps);
  registerInstallEvents(app, deps);
  // Buttons, forms and shortcuts reach Bolt through one listener per kind (routes.ts).
  installRoutes(app, (routes) => {
    registerLogForm(routes, deps);
    registerFindingForm(routes, deps);
    registerUnitImport(routes, deps);
    registerShortcuts(routes, deps);
    registerPingActions(routes, deps);
    registerHomeActions(routes, deps);
    registerStatusActions(routes, deps);
    registerFindingActions(routes, deps);
    registerFindingStep(routes, deps);
  });
}
