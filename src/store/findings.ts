import type { Finding } from '../domain/types';
import { auditChange, auditHeader } from './audit';
import { retryOnConflict, type StoreContext } from './context';
import { REQUEST_TTL_MS, readCreated, requestKeys } from './create-once';
import { isFinding, parseRecord } from './json';
import { checkId } from './keys';
import { runScript } from './scripts';
import type { Actor, NewFinding } from './types';

/**
 * Stores an open finding with a new id and counts it as open for its unit, in one script. Once per
 * `actor.requestId`: a repeat returns the finding that request raised. Throws
 * UserError('not_member') when the actor is not a member of the group at the moment of the write.
 */
export async function addFinding(
  ctx: StoreContext,
  groupId: string,
  finding: NewFinding,
  actor: Actor,
): Promise<Finding> {
  const { keys } = ctx;
  checkId('user', actor.userId);
  const fresh: Omit<Finding, 'id'> = {
    unitKey: finding.unitKey,
    text: finding.text,
    due: finding.due,
    createdBy: finding.createdBy,
    createdAt: finding.createdAt,
    status: 'open',
    doneBy: null,
    doneAt: null,
    doneNotes: null,
    // The message it was raised from, when it came from the "Raise a finding" shortcut.
    ...(finding.link === undefined ? {} : { link: finding.link }),
  };
  // The id is taken inside the script, so a crash can leave neither a gap nor half a finding.
  const reply = await runScript(
    ctx.redis,
    'ddAddFinding',
    [
      keys.group(groupId),
      keys.findings(groupId),
      keys.unitOpenFindings(groupId, finding.unitKey),
      keys.audit(groupId),
      keys.members(groupId),
      ...requestKeys(ctx, actor),
    ],
    [...auditHeader(ctx, actor), JSON.stringify({ id: 0, ...fresh }), REQUEST_TTL_MS],
  );
  const created = readCreated(ctx, groupId, reply);
  if (created.kind === 'repeat' && created.stored !== null) {
    const field = String(created.id);
    const earlier = parseRecord(created.stored, isFinding, {
      key: keys.findings(groupId),
      field,
      onCorrupt: ctx.onCorrupt,
    });
    if (earlier) return earlier;
  }
  return { id: created.id, ...fresh };
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
      [
        ...auditHeader(ctx, actor),
        String(id),
        current.raw,
        raw,
        `finding:${id}`,
        ...auditChange(current.finding, next),
      ],
    );
    if (result === 0) return 'retry';
    return result === 1 ? next : 'already_done';
  });
}
