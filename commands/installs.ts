import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { AppDeps } from '../src/app/deps';
import type { Group } from '../src/domain/types';
import type { InstallationId } from '../src/store/keys';

/**
 * An installation's life after the install: `app_uninstalled` and `tokens_revoked` delete its
 * tokens and pause its groups' schedules (the groups' data stays), a reinstall resumes them. Bolt
 * deletes nothing itself, and lets these two events through without an installation to authorize.
 * Slack may deliver them late or twice, after a reinstall too: only an event newer than the
 * stored installation acts.
 */

/** The groups an installation serves: its workspace's, or for an org-wide one those of its org's workspaces. */
async function groupsOf(deps: Pick<AppDeps, 'store'>, id: InstallationId): Promise<Group[]> {
  if (id.kind === 'team') return deps.store.forTeam(id.id).listGroups();
  const groups: Group[] = [];
  for await (const group of deps.store.allGroups()) if (group.enterpriseId === id.id) groups.push(group);
  return groups;
}

/** Puts back the schedules of the installation's groups (after an install or a reinstall). */
export async function resumeInstallation(deps: AppDeps, id: InstallationId): Promise<number> {
  const groups = await groupsOf(deps, id);
  if (groups.length > 0) await deps.scheduling.resumeGroups(groups);
  deps.logger.info(
    { installation: `${id.kind}:${id.id}`, groups: groups.length },
    'installed; schedules resumed',
  );
  return groups.length;
}

/** Removes the schedules of the installation's groups; their data stays. */
async function pauseInstallation(deps: AppDeps, id: InstallationId): Promise<number> {
  const groups = await groupsOf(deps, id);
  if (groups.length > 0) await deps.scheduling.pauseGroups(groups);
  return groups.length;
}

/** The fields of an Events API envelope that say which installation it is about, and when. */
interface EnvelopeFacts {
  team_id?: string;
  enterprise_id?: string;
  is_enterprise_install?: boolean;
  event_time?: number;
  authorizations?: Array<{
    is_enterprise_install?: boolean;
    enterprise_id?: string | null;
    team_id?: string | null;
  }>;
}

function installationOf(body: EnvelopeFacts): InstallationId | null {
  const auth = body.authorizations?.[0];
  const orgWide = body.is_enterprise_install === true || auth?.is_enterprise_install === true;
  const enterpriseId = body.enterprise_id ?? auth?.enterprise_id ?? undefined;
  if (orgWide && enterpriseId) return { kind: 'org', id: enterpriseId };
  const teamId = body.team_id ?? auth?.team_id ?? undefined;
  return teamId ? { kind: 'team', id: teamId } : null;
}

/**
 * The latest moment the event may have happened (ms): Slack gives whole seconds, so an event in the
 * second of an install counts as after it (nobody uninstalls and reinstalls within one second).
 * An envelope without a time counts as now.
 */
function eventMs(body: EnvelopeFacts, now: number): number {
  return typeof body.event_time === 'number' ? (body.event_time + 1) * 1000 - 1 : now;
}

/** The app was removed from a workspace (or an org), or its bot token revoked: tokens go, schedules pause. */
async function uninstalled(deps: AppDeps, body: EnvelopeFacts, what: string): Promise<void> {
  const id = installationOf(body);
  if (!id) return;
  const where = `${id.kind}:${id.id}`;
  if (!deps.config.oauth) {
    deps.logger.warn(
      { installation: where, event: what },
      'the app was removed from the workspace: SLACK_BOT_TOKEN no longer works',
    );
    return;
  }
  const removed = await deps.store.installations().remove(id, eventMs(body, deps.now()));
  if (removed !== 'deleted') {
    deps.logger.info(
      { installation: where, event: what, removed },
      'nothing to remove: an event about an earlier installation, or a repeat',
    );
    return;
  }
  const paused = await pauseInstallation(deps, id);
  deps.logger.info(
    { installation: where, event: what, groups: paused },
    'uninstalled: tokens deleted, schedules paused',
  );
}

type UninstalledArgs = SlackEventMiddlewareArgs<'app_uninstalled'> & AllMiddlewareArgs;
type RevokedArgs = SlackEventMiddlewareArgs<'tokens_revoked'> & AllMiddlewareArgs;

/** Registers the two events (Bolt has acknowledged each before it runs). */
export function registerInstallEvents(app: App, deps: AppDeps): void {
  app.event('app_uninstalled', async ({ body }: UninstalledArgs) => {
    await uninstalled(deps, body as EnvelopeFacts, 'app_uninstalled');
  });
  app.event('tokens_revoked', async ({ body, event }: RevokedArgs) => {
    const facts = body as EnvelopeFacts;
    if ((event.tokens.bot ?? []).length > 0) return uninstalled(deps, facts, 'tokens_revoked');
    const users = event.tokens.oauth ?? [];
    const id = installationOf(facts);
    if (!id || users.length === 0 || !deps.config.oauth) return;
    const removed = await deps.store.installations().removeUsers(id, users);
    deps.logger.info(
      { installation: `${id.kind}:${id.id}`, users: removed },
      'user tokens revoked and deleted',
    );
  });
}
