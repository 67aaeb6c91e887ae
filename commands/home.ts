import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { HomeView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { AppDeps } from '../src/app/deps';
import { weekEnd, weekStart } from '../src/domain/dates';
import { homeFindings } from '../src/domain/home';
import { buildStatus } from '../src/domain/status';
import type { Group } from '../src/domain/types';
import { localDate } from '../src/domain/zoned-time';
import type { TeamStore } from '../src/store/types';
import { type HomeGroup, homeView } from '../src/views/home';
import { langFor, type Reader } from './reader-lang';

/** After opening their Home, a user's Home is republished on changes for four weeks. */
const HOME_VIEWER_TTL_MS = 28 * 24 * 60 * 60_000;

const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** When the group's next weekly meeting starts: the reminder fires `remindMinutes` before it. */
function nextMeeting(deps: AppDeps, group: Group, now: number): number | null {
  const meeting = group.meeting;
  if (!meeting) return null;
  const lead = meeting.remindMinutes * 60_000;
  // The reminder of a meeting starting after now may already have fired: look from `lead` ago.
  const fire = deps.scheduling.nextRun(group, 'reminder', now - lead);
  return fire === null ? null : fire + lead;
}

async function homeGroup(reader: Reader, groupId: string, now: number): Promise<HomeGroup | null> {
  const { team, userId } = reader;
  const [group, member] = await Promise.all([team.getGroup(groupId), team.getMember(groupId, userId)]);
  if (!group || !member) return null;
  const today = localDate(now, group.tz);
  // The same per-unit summaries as `/dudao status`, never the activity log.
  const [summaries, members, lang] = await Promise.all([
    team.unitSummaries(group.id, weekStart(today), weekEnd(today)),
    team.getMembers(group.id),
    langFor(reader, group),
  ]);
  const rows = buildStatus(summaries, today, group.coverageDays);
  const units = rows.map((r) => r.unit);
  // The active findings of the active units only, never every finding the group ever closed.
  const findings = await team.activeFindings(
    group.id,
    units.map((u) => u.key),
  );
  return {
    group,
    lang,
    role: member.role,
    today,
    rows,
    findings: homeFindings(userId, member.role, units, members, findings, today),
    nextMeeting: nextMeeting(reader.deps, group, now),
  };
}

/** The user's Home as it stands now, from `team` only. */
async function readHome(
  deps: AppDeps,
  client: WebClient,
  team: TeamStore,
  userId: string,
): Promise<HomeView> {
  const reader: Reader = { deps, client, team, userId };
  const now = deps.now();
  // The page's language first: it reads (and caches) the reader's locale once for every group.
  const [groupIds, lang] = await Promise.all([team.groupsOfUser(userId), langFor(reader, null)]);
  const groups = (await Promise.all(groupIds.map((id) => homeGroup(reader, id, now))))
    .filter((g): g is HomeGroup => g !== null)
    .sort((a, b) => byName.compare(a.group.name, b.group.name) || a.group.id.localeCompare(b.group.id));
  return homeView({ userId, lang, groups });
}

/**
 * Publishes the user's Home in team `teamId` (views.publish). Never throws: a failure, Slack's or
 * ours, is logged, and the next change or opening of the Home publishes again.
 */
export async function publishHome(
  deps: AppDeps,
  client: WebClient,
  teamId: string,
  userId: string,
): Promise<void> {
  let outcome: 'ok' | 'fault' = 'ok';
  try {
    const view = await readHome(deps, client, deps.store.forTeam(teamId), userId);
    await client.views.publish({ user_id: userId, view });
  } catch (err) {
    outcome = 'fault';
    deps.logger.warn({ err, team: teamId, user: userId }, 'could not publish an App Home');
  }
  deps.metrics.interactions.inc({ kind: 'home_publish', outcome });
}

type HomeOpenedArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

/** `app_home_opened` (Bolt has acknowledged it already): remember the viewer, publish their Home. */
function homeOpened(deps: AppDeps) {
  return async ({ event, body, client }: HomeOpenedArgs): Promise<void> => {
    // The Messages tab opens with the same event; only the Home tab shows a view.
    if (event.tab !== undefined && event.tab !== 'home') return;
    const teamId = body.team_id;
    try {
      await deps.store.forTeam(teamId).homes().opened(event.user, HOME_VIEWER_TTL_MS);
    } catch (err) {
      // Only later refreshes are lost; the Home is still published now.
      deps.logger.warn({ err, team: teamId, user: event.user }, 'could not record an App Home viewer');
    }
    await publishHome(deps, client, teamId, event.user);
  };
}

/** Registers the App Home listener. */
export function registerHome(app: App, deps: AppDeps): void {
  app.event('app_home_opened', homeOpened(deps));
}
