import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activityLine, csvHeader, findingLine, findingStepLines } from '../src/domain/csv';
import { SlackUnavailable, UserError } from '../src/domain/errors';
import type { IsoDate } from '../src/domain/types';
import { localDate } from '../src/domain/zoned-time';
import { uploadFromDisk } from '../src/slack/upload';
import { confirmMessage, type ExportDestination } from '../src/views/confirm';
import { type GroupContext, type GroupHandler, reply } from './context';

/** Past this many rows an export is refused, counted from the indexes before any row is read. */
const MAX_EXPORT_ROWS = 200_000;
/** Records read from Redis and written to the file at a time: the most an export holds in memory. */
const PAGE_ROWS = 1_000;
/** Longer than an export of MAX_EXPORT_ROWS takes; if the process dies mid-export, the group is free again after this. */
const EXPORT_LOCK_MS = 10 * 60_000;
const EPOCH = '1970-01-01';

interface Written {
  activities: number;
  findings: number;
  /** The date of the first activity written, for the file name of an export from the beginning. */
  firstDate: IsoDate | null;
}

/** Writes the CSV a page at a time to `path` (readable by this process's user only). */
async function writeCsv(ctx: GroupContext, path: string, from: IsoDate, to: IsoDate): Promise<Written> {
  const { group } = ctx;
  const rows = ctx.team.exportRows(group.id);
  const units = await ctx.team.listUnits(group.id, { includeArchived: true });
  const names = new Map(units.map((u) => [u.key, u.name]));
  const out: Written = { activities: 0, findings: 0, firstDate: null };
  const file = await open(path, 'wx', 0o600);
  try {
    await file.write(csvHeader());
    for await (const page of rows.activities(from, to, PAGE_ROWS)) {
      out.firstDate ??= page[0]?.date ?? null;
      out.activities += page.length;
      await file.write(page.map((a) => activityLine(a, names, group.lang)).join(''));
    }
    for await (const page of rows.findings(PAGE_ROWS)) {
      const opened = page.filter((f) => {
        const day = localDate(f.createdAt, group.tz);
        return day >= from && day <= to;
      });
      out.findings += opened.length;
      await file.write(
        opened.map((f) => findingLine(f, names) + findingStepLines(f, names, group.tz)).join(''),
      );
    }
  } finally {
    await file.close();
  }
  return out;
}

/** The group's channel when typed there; anywhere else the caller's direct message with the app, never the channel typed in. */
async function channelOf(ctx: GroupContext, where: ExportDestination): Promise<string> {
  if (where === 'channel') return ctx.group.id;
  const im = await ctx.client.conversations.open({ users: ctx.userId });
  if (!im.channel?.id) throw new SlackUnavailable('conversations.open answered without a channel', false);
  return im.channel.id;
}

/** Builds the file in a private temporary folder, uploads it and removes it; answers what it held. */
async function uploadExport(ctx: GroupContext, from: IsoDate, to: IsoDate, where: ExportDestination) {
  const dir = await mkdtemp(join(tmpdir(), 'dudao-export-'));
  try {
    const path = join(dir, 'export.csv');
    const written = await writeCsv(ctx, path, from, to);
    const shownFrom = from === EPOCH ? (written.firstDate ?? to) : from;
    await uploadFromDisk(ctx.client, {
      path,
      filename: `dudao-${shownFrom}-${to}.csv`,
      title: `${ctx.group.name} ${shownFrom} – ${to}`,
      channelId: await channelOf(ctx, where),
    });
    return { ...written, from: shownFrom };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `/dudao export [from=…] [to=…]`: a CSV of activities and findings, to the group's channel or the
 * caller's direct messages. Refused before any row is read when it would be too large, and while
 * another export of the group runs.
 */
export const exportData: GroupHandler<'export'> = async (command, ctx) => {
  const to = command.to ?? ctx.today;
  const from = command.from ?? EPOCH;
  if (from > to) throw new UserError('bad_range', { from, to });
  const size = await ctx.team.exportRows(ctx.group.id).size(from, to);
  if (size.activities + size.findings > MAX_EXPORT_ROWS) {
    throw new UserError('export_too_large', { max: MAX_EXPORT_ROWS });
  }
  const lock = await ctx.team.guards().lock(ctx.group.id, 'export', EXPORT_LOCK_MS);
  if (!lock) throw new UserError('export_busy');
  const where: ExportDestination = ctx.channelId === ctx.group.id ? 'channel' : 'dm';
  return reply(confirmMessage(ctx.lang, { kind: 'export_started', where }), async () => {
    // Released before the answer, so that an export asked for right after "ready" is not refused.
    const done = await uploadExport(ctx, from, to, where).finally(() => lock.release());
    const { activities, findings } = done;
    await ctx.respond({
      response_type: 'ephemeral',
      ...confirmMessage(ctx.lang, {
        kind: 'export_done',
        from: done.from,
        to,
        activities,
        findings,
        where,
      }),
    });
  });
};
