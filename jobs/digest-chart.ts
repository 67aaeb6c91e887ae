import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import { type ChartFonts, chartFonts } from '../src/chart/fonts';
import { CHART_WEEKS, type CoverageChart, chartWeeks, coverageChart } from '../src/chart/model';
import { weekEnd } from '../src/domain/dates';
import { RateLimited, SlackRefused, SlackUnavailable } from '../src/domain/errors';
import { isoWeekKey } from '../src/domain/schedule';
import type { Group, IsoDate } from '../src/domain/types';
import { localDate } from '../src/domain/zoned-time';
import { chartStrings } from '../src/i18n/chart';
import { isTokenRefusal } from '../src/slack/clients';
import { shareUpload, stageUpload } from '../src/slack/upload';
import type { DeliveryRecord } from '../src/store/deliveries';
import type { Store } from '../src/store/types';
import { type JobContext, loadGroup } from './context';
import { type ChartJobData, chartJobId, teamOf } from './queues';

/** The drawing code and its native canvas, loaded with the first chart: a worker that draws none never maps them. */
const drawing = () => import('../src/chart/render');

/**
 * The digest's coverage chart: a PNG of activities per unit over the last eight weeks, posted as a
 * reply in the thread of the digest it belongs to, once. Its own delivery record (`chart`, same
 * occurrence as the digest) keeps it to one post across retries and workers; when an earlier
 * attempt may have shared it (Slack has no marker to look for on a file), it is not posted again:
 * a missing chart beats a second one (jobs/DELIVERY.md). Nothing here can make the digest fail.
 */

/**
 * `skipped`: an earlier attempt may have posted it; `not_sent`: it surely is not out (a later run may
 * post it); `failed`: Slack refused it, now or before.
 */
export type ChartOutcome =
  | 'sent'
  | 'already_sent'
  | 'busy'
  | 'no_digest'
  | 'nothing'
  | 'skipped'
  | 'not_sent'
  | 'failed';

/**
 * Posts the chart of the digest `occurrence` once the digest is out: the eight weeks up to the week
 * of `now` (the instant the digest was built for). A failure of Slack or of the drawing is logged
 * and answered, but for RateLimited and a refused token, thrown after releasing the record so that
 * the job waits `Retry-After` and runs again, or stops with its team's other work (NotInstalled is
 * thrown before anything is claimed): the digest is then already sent and only the chart is tried again.
 * A Redis failure throws too; the digest's handler logs it and leaves the digest as it is.
 */
export async function postDigestChart(
  ctx: JobContext,
  group: Group,
  occurrence: string,
  now: number,
  fonts: ChartFonts = chartFonts,
): Promise<ChartOutcome> {
  const team = ctx.store.forTeam(group.teamId);
  const digest = await team.delivery({ kind: 'digest', groupId: group.id, occurrence }).read();
  if (digest.state !== 'sent' || !digest.ts) return 'no_digest';
  // In thread mode the digest may itself be a reply: the chart goes in the same thread, after it.
  const root = digest.week ? await team.weekThread(group.id, digest.week).rootTs() : null;
  const where = { channelId: digest.channel || group.id, threadTs: root ?? digest.ts };
  // Before the claim: a workspace without a token must not leave a claim that reads "maybe posted".
  const slack = await ctx.slackFor(teamOf(group));

  const record = team.delivery({ kind: 'chart', groupId: group.id, occurrence });
  const owner = randomUUID();
  const claim = await record.claim(owner, slack.leaseMs);
  if (claim.state === 'sent') return 'already_sent';
  if (claim.state === 'failed') return 'failed';
  // Another worker is posting it; if that worker dies, the chart is not posted twice either.
  if (claim.state === 'busy') return 'busy';
  const log = { delivery: record.id, group: group.id, occurrence };
  if (claim.state === 'uncertain') {
    await record.markFailed(owner, 'maybe_posted');
    ctx.logger.warn(log, 'an earlier attempt may have posted the digest chart; not posting it again');
    return 'skipped';
  }

  let png: { bytes: Buffer; filename: string; title: string } | null;
  try {
    png = await chartFile(ctx, group, localDate(now, group.tz), fonts);
  } catch (err) {
    await record.release(owner);
    ctx.logger.warn({ ...log, err }, 'the digest chart could not be drawn; the digest is sent without it');
    return 'not_sent';
  }
  if (!png) {
    await record.markSent(owner, { channel: '', ts: '' });
    return 'nothing';
  }

  let fileId: string;
  try {
    fileId = await stageUpload(slack.client, png);
  } catch (err) {
    // A staged file is shared nowhere until completed: nothing is out.
    await record.release(owner);
    if (err instanceof RateLimited || isTokenRefusal(err)) throw err;
    ctx.logger.warn({ ...log, err }, 'the digest chart could not be uploaded; the digest is sent without it');
    return 'not_sent';
  }
  try {
    await shareUpload(slack.client, fileId, { title: png.title, ...where });
  } catch (err) {
    return failedShare(ctx, record, owner, err, log);
  }
  await record.markSent(owner, { channel: where.channelId, ts: '' });
  return 'sent';
}

async function failedShare(
  ctx: JobContext,
  record: DeliveryRecord,
  owner: string,
  err: unknown,
  log: Record<string, string>,
): Promise<ChartOutcome> {
  // Refused for its token (revoked, expired), nothing was shared: the job waits, retries or stops.
  if (err instanceof RateLimited || isTokenRefusal(err)) {
    await record.release(owner);
    throw err;
  }
  ctx.logger.warn({ ...log, err }, 'the digest chart could not be shared; the digest is sent without it');
  if (err instanceof SlackRefused) {
    await record.markFailed(owner, err.error);
    return 'failed';
  }
  if (err instanceof SlackUnavailable && !err.maybeDelivered) await record.release(owner);
  // Slack may have shared it (a timeout, a 5xx): the next attempt finds the record uncertain and skips.
  else await record.releaseUncertain(owner);
  return 'not_sent';
}

/**
 * The chart job: posts the chart of one delivered digest. What surely did not go out (an upload
 * refused for a while, a drawing that failed) is a failed attempt, retried with backoff; a 429
 * waits `Retry-After`; a refusal or a share that may have happened ends it (see postDigestChart).
 */
export function chartHandler(ctx: JobContext, fonts: ChartFonts = chartFonts) {
  return async (data: ChartJobData): Promise<string> => {
    const group = await loadGroup(ctx, data.teamId, data.groupId);
    if (!group) return 'no_group';
    const outcome = await postDigestChart(ctx, group, data.occurrence, data.now, fonts);
    if (outcome === 'not_sent') throw new Error('the digest chart was not posted; trying again');
    return outcome;
  };
}

/** Queues the chart of a delivered digest `delayMs` later, once per occurrence while its job is kept. */
export function queueChart(
  queue: Queue,
  delayMs: number,
): (group: Group, occurrence: string, now: number) => Promise<void> {
  return async (group, occurrence, now) => {
    const data: ChartJobData = { ...teamOf(group), groupId: group.id, occurrence, now };
    await queue.add('chart', data, { jobId: chartJobId(group.teamId, group.id, occurrence), delay: delayMs });
  };
}

/**
 * What the chart of the group's eight weeks up to `today`'s shows, from the units and one bounded
 * read of the weeks' activities; null when the group has no units.
 */
export async function readCoverageChart(
  store: Store,
  group: Group,
  today: IsoDate,
): Promise<CoverageChart | null> {
  const team = store.forTeam(group.teamId);
  const weeks = chartWeeks(today);
  const [units, activities] = await Promise.all([
    team.listUnits(group.id),
    team.activitiesBetween(group.id, weeks[0] ?? today, weekEnd(today)),
  ]);
  if (units.length === 0) return null;
  return coverageChart({ groupName: group.name, lang: group.lang, tz: group.tz, today, units, activities });
}

/** The chart of the group's eight weeks up to `today`'s, as a PNG file; null when it has no units. */
async function chartFile(ctx: JobContext, group: Group, today: IsoDate, fonts: ChartFonts) {
  const model = await readCoverageChart(ctx.store, group, today);
  if (!model) return null;
  const { renderCoverageChart } = await drawing();
  const font = await fonts.get(ctx.logger);
  return {
    bytes: await renderCoverageChart(model, font.family),
    filename: `coverage-${isoWeekKey(today)}.png`,
    title: chartStrings(group.lang).fileTitle(group.name, CHART_WEEKS),
  };
}
