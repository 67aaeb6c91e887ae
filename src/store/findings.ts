import type { Finding } from '../domain/types';
import { auditFields } from './audit';
import { execAll, retryOnConflict, type StoreContext } from './context';
import { isFinding, parseRecord } from './json';
import { checkId } from './keys';
import { runScript } from './scripts';
import type { Actor, NewFinding } from './types';

/** Stores an open finding with a new id and counts it as open for its unit. */
export async function addFinding(
  ctx: StoreContext,
  groupId: string,
  finding: NewFinding,
  actor: Actor,
): Promise<Finding> {
  const { keys } = ctx;
  checkId('user', actor.userId);
  const openKey = keys.unitOpenFindings(groupId, finding.unitKey);
  // The id is taken before the transaction; a crash in between only leaves a gap in the ids.
  const id = await ctx.redis.hincrby(keys.group(groupId), 'findingSeq', 1);
  const stored: Finding = {
    id,
    unitKey: finding.unitKey,
    text: finding.text,
    due: finding.due,
    createdBy: finding.createdBy,
    createdAt: finding.createdAt,
    status: 'open',
    doneBy: null,
    doneAt: null,
    doneNotes: null,
  };
  await execAll(
    ctx.redis
      .multi()
      .hset(keys.findings(groupId), String(id), JSON.stringify(stored))
      .sadd(openKey, String(id))
      .xadd(keys.audit(groupId), '*', ...auditFields(actor, 'finding_add', `finding:${id}`, null, stored)),
  );
  return stored;
}

async function readFinding(
  ctx: StoreContext,
  groupId: string,
  id: number,
): Promise<{ raw: string; finding: Finding } | null> {
  const key = ctx.keys.findings(groupId);
  const field = String(id);
  const raw = await ctx.redis.hget(key, field);
  const finding = parseRecord(raw, isFinding, { key, field, onCorrupt: ctx.onCorrupt });
  return raw !== null && finding ? { raw, finding } : null;
}

/** The finding, or null when unknown. */
export async function getFinding(ctx: StoreContext, groupId: string, id: number): Promise<Finding | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return (await readFinding(ctx, groupId, id))?.finding ?? null;
}

/** Findings by id, optionally of one unit and of one status (all statuses by default). */
export async function listFindings(
  ctx: StoreContext,
  groupId: string,
  opts: { unitKey?: string; status?: 'open' | 'done' | 'all' } = {},
): Promise<Finding[]> {
  const key = ctx.keys.findings(groupId);
  const status = opts.status ?? 'all';
  const findings: Finding[] = [];
  for (const [field, raw] of Object.entries(await ctx.redis.hgetall(key))) {
    const finding = parseRecord(raw, isFinding, { key, field, onCorrupt: ctx.onCorrupt });
    if (!finding) continue;
    if (opts.unitKey !== undefined && finding.unitKey !== opts.unitKey) continue;
    if (status !== 'all' && finding.status !== status) continue;
    findings.push(finding);
  }
  return findings.sort((a, b) => a.id - b.id);
}

/** Marks an open finding done; of any number of concurrent calls, exactly one succeeds. */
export function closeFinding(
  ctx: StoreContext,
  groupId: string,
  id: number,
  notes: string,
  actor: Actor,
): Promise<Finding | 'not_found' | 'already_done'> {
  checkId('user', actor.userId);
  if (!Number.isSafeInteger(id) || id <= 0) return Promise.resolve('not_found');
  return retryOnConflict('finding', async () => {
    const current = await readFinding(ctx, groupId, id);
    if (!current) return 'not_found';
    if (current.finding.status === 'done') return 'already_done';
    const next: Finding = {
      ...current.finding,
      status: 'done',
      doneBy: actor.userId,
      doneAt: actor.now,
      doneNotes: notes,
    };
    const raw = JSON.stringify(next);
    const { keys } = ctx;
    const result = await runScript(
      ctx.redis,
      'ddCloseFinding',
      [keys.findings(groupId), keys.unitOpenFindings(groupId, next.unitKey), keys.audit(groupId)],
      [String(id), current.raw, raw, actor.now, actor.userId, `finding:${id}`],
    );
    if (result === 0) return 'retry';
    return result === 1 ? next : 'already_done';
  });
}
