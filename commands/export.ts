import { exportCsv } from '../src/domain/csv';
import { UserError } from '../src/domain/errors';
import { localDate } from '../src/domain/zoned-time';
import { confirmMessage } from '../src/views/confirm';
import { userErrorMessage } from '../src/views/errors';
import { type GroupContext, type GroupHandler, reply } from './context';

/** Past this many rows the file is refused rather than built in memory. */
const MAX_EXPORT_ROWS = 200_000;
const EPOCH = '1970-01-01';

async function uploadExport(ctx: GroupContext, from: string, to: string): Promise<void> {
  const { group } = ctx;
  const [activities, allFindings, units] = await Promise.all([
    ctx.team.activitiesBetween(group.id, from, to),
    ctx.team.listFindings(group.id, { status: 'all' }),
    ctx.team.listUnits(group.id, { includeArchived: true }),
  ]);
  const findings = allFindings.filter((f) => {
    const opened = localDate(f.createdAt, group.tz);
    return opened >= from && opened <= to;
  });
  if (activities.length + findings.length > MAX_EXPORT_ROWS) {
    await ctx.respond({
      response_type: 'ephemeral',
      ...userErrorMessage(group.lang, new UserError('export_too_large', { max: MAX_EXPORT_ROWS })),
    });
    return;
  }
  const csv = exportCsv({ activities, findings, units, lang: group.lang });
  const shownFrom = from === EPOCH ? (activities[0]?.date ?? to) : from;
  await ctx.client.filesUploadV2({
    channel_id: ctx.channelId,
    file: Buffer.from(csv, 'utf8'),
    filename: `dudao-${shownFrom}-${to}.csv`,
    title: `${group.name} ${shownFrom} – ${to}`,
  });
  await ctx.respond({
    response_type: 'ephemeral',
    ...confirmMessage(group.lang, {
      kind: 'export_done',
      from: shownFrom,
      to,
      activities: activities.length,
      findings: findings.length,
    }),
  });
}

/** `/dudao export [from=…] [to=…]`: a CSV of activities and findings, uploaded to this conversation. */
export const exportData: GroupHandler<'export'> = async (command, ctx) => {
  const to = command.to ?? ctx.today;
  const from = command.from ?? EPOCH;
  if (from > to) throw new UserError('bad_range', { from, to });
  return reply(confirmMessage(ctx.group.lang, { kind: 'export_started' }), () => uploadExport(ctx, from, to));
};
