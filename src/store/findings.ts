import { isActive, raisedFinding } from '../domain/finding-states';
import type { Finding, Member } from '../domain/types';
import { auditChange, auditHeader } from './audit';
import { execAll, retryOnConflict, type StoreContext } from './context';
import { REQUEST_TTL_MS, readCreated, requestKeys } from './create-once';
import { isUnit, parseFinding, parseRecord } from './json';
import { checkId } from './keys';
import { isRole } from './members';
import { runScript } from './scripts';
import type { Actor, ClosedFindings, FindingChange, FindingSnapshot, NewFinding } from './types';
import { listUnits } from './units';

/**
 * Findings: one hash of records (each with its history), the unit's set of active ones (every
 * state but closed, for status and the lists) and sorted sets of closed ones by closing time (the
 * group's and each unit's), so that a list or a digest reads the active findings and the recently
 * closed ones, never every finding the group ever raised.
 */

/**
 * Stores an open finding with a new id and counts it as active for its unit, in one script. Once
 * per `actor.requestId`: a repeat returns the finding that request raised. Throws
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
  checkId('user', finding.owner);
  const fresh = raisedFinding(finding);
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
    const earlier = parseFinding(created.stored, {
      key: keys.findings(groupId),
      field: String(created.id),
      onCorrupt: ctx.onCorrupt,
    });
    if (earlier) return earlier;
  }
  return { id: created.id, ...fresh };
}

function readOne(ctx: StoreContext, groupId: string, id: number, raw: string | null): Finding | null {
  return parseFinding(raw, { key: ctx.keys.findings(groupId), field: String(id), onCorrupt: ctx.onCorrupt });
}

const validId = (id: number): boolean => Number.isSafeInteger(id) && id > 0;

/** The finding, or null when unknown. */
export async function getFinding(ctx: StoreContext, groupId: string, id: number): Promise<Finding | null> {
  if (!validId(id)) return null;
  return readOne(ctx, groupId, id, await ctx.redis.hget(ctx.keys.findings(groupId), String(id)));
}

/** The findings of `ids` that exist, by id. */
async function findingsByIds(ctx: StoreContext, groupId: string, ids: string[]): Promise<Finding[]> {
  if (ids.length === 0) return [];
  const raws = await ctx.redis.hmget(ctx.keys.findings(groupId), ...ids);
  const out: Finding[] = [];
  raws.forEach((raw, i) => {
    const f = readOne(ctx, groupId, Number(ids[i]), raw);
    if (f) out.push(f);
  });
  return out.sort((a, b) => a.id - b.id);
}

/**
 * The active findings (open, rectifying, waiting) of the units named, by id: a union of their
 * active sets and the records it names, whatever the number of closed findings.
 */
export async function activeFindings(
  ctx: StoreContext,
  groupId: string,
  unitKeys: readonly string[],
): Promise<Finding[]> {
  if (unitKeys.length === 0) return [];
  const ids = await ctx.redis.sunion(...unitKeys.map((k) => ctx.keys.unitOpenFindings(groupId, k)));
  return (await findingsByIds(ctx, groupId, ids)).filter(isActive);
}

/**
 * Findings stored before the closed index existed are indexed once, by a script that reads them
 * itself (a step written meanwhile waits for it, or it sees the step); every closing since adds to
 * the index in the same write, and a group created since starts with it complete.
 */
async function buildClosedIndex(ctx: StoreContext, groupId: string): Promise<void> {
  const { keys } = ctx;
  const unitKeys = (await listUnits(ctx, groupId, { includeArchived: true })).map((u) => u.key);
  await runScript(
    ctx.redis,
    'ddIndexClosed',
    [
      keys.findings(groupId),
      keys.group(groupId),
      keys.closedFindings(groupId),
      ...unitKeys.map((k) => keys.unitClosedFindings(groupId, k)),
    ],
    unitKeys,
  );
}

/**
 * Closed findings, most recently closed first: of one unit or of the group, closed at or after
 * `since` (epoch ms), at most `limit`; with how many there are in all (of that unit or group).
 * The index's "complete" mark is read in the same round trip as the range; only a group whose
 * index was never built reads again, after building it.
 */
export async function closedFindings(
  ctx: StoreContext,
  groupId: string,
  opts: { unitKey?: string; since?: number; limit: number },
): Promise<ClosedFindings> {
  const key =
    opts.unitKey === undefined
      ? ctx.keys.closedFindings(groupId)
      : ctx.keys.unitClosedFindings(groupId, opts.unitKey);
  const min = opts.since === undefined ? '-inf' : String(opts.since);
  const read = async () =>
    (await execAll(
      ctx.redis
        .multi()
        .hget(ctx.keys.group(groupId), 'closedIndexed')
        .zrevrangebyscore(key, '+inf', min, 'LIMIT', 0, opts.limit)
        .zcard(key),
    )) as [string | null, string[], number];
  let [indexed, ids, total] = await read();
  if (indexed !== '1') {
    await buildClosedIndex(ctx, groupId);
    [indexed, ids, total] = await read();
  }
  const findings = (await findingsByIds(ctx, groupId, ids)).filter((f) => f.status === 'closed');
  return { findings: findings.sort((a, b) => (b.closedAt ?? 0) - (a.closedAt ?? 0)), total: Number(total) };
}

/** Every finding of the group by id (optionally of one unit, or only active or closed ones): a full read. */
export async function listFindings(
  ctx: StoreContext,
  groupId: string,
  opts: { unitKey?: string; status?: 'active' | 'closed' | 'all' } = {},
): Promise<Finding[]> {
  const key = ctx.keys.findings(groupId);
  const status = opts.status ?? 'all';
  const findings: Finding[] = [];
  for (const [field, raw] of Object.entries(await ctx.redis.hgetall(key))) {
    const finding = parseFinding(raw, { key, field, onCorrupt: ctx.onCorrupt });
    if (!finding) continue;
    if (opts.unitKey !== undefined && finding.unitKey !== opts.unitKey) continue;
    if (status !== 'all' && isActive(finding) !== (status === 'active')) continue;
    findings.push(finding);
  }
  return findings.sort((a, b) => a.id - b.id);
}

/** The finding with its unit and the group's members as stored now, and the raw values the write compares. */
async function snapshot(
  ctx: StoreContext,
  groupId: string,
  id: number,
  actor: Actor,
): Promise<{ snap: FindingSnapshot; raw: string; unitRaw: string; role: string } | null> {
  const { keys } = ctx;
  const [raw, all] = (await execAll(
    ctx.redis.multi().hget(keys.findings(groupId), String(id)).hgetall(keys.members(groupId)),
  )) as [string | null, Record<string, string>];
  const finding = readOne(ctx, groupId, id, raw);
  if (raw === null || !finding) return null;
  const unitsKey = keys.units(groupId);
  const unitRaw = await ctx.redis.hget(unitsKey, finding.unitKey);
  const unit = parseRecord(unitRaw, isUnit, {
    key: unitsKey,
    field: finding.unitKey,
    onCorrupt: ctx.onCorrupt,
  });
  if (unitRaw === null || !unit) return null;
  const members: Member[] = Object.entries(all)
    .filter((e): e is [string, Member['role']] => isRole(e[1]))
    .map(([userId, role]) => ({ userId, role }));
  return { snap: { finding, unit, members }, raw, unitRaw, role: all[actor.userId] ?? '' };
}

/**
 * Changes a finding as `decide` says, judged on what is stored now: the finding, its unit and the
 * group's members. The write compares the finding, the unit and the actor's role with what
 * `decide` saw; when any changed meanwhile, it reads again and asks `decide` again. So of
 * concurrent changes (a verify and a reopen) each is judged on the state the one before left, and
 * the history never forks. It keeps the unit's active set and the closed indexes in step and
 * audits the change as `finding_<step>`. 'not_found' when the finding (or its unit) is not there.
 */
export function updateFinding<R>(
  ctx: StoreContext,
  groupId: string,
  id: number,
  actor: Actor,
  decide: (snap: FindingSnapshot) => FindingChange<R>,
): Promise<R | 'not_found'> {
  checkId('user', actor.userId);
  if (!validId(id)) return Promise.resolve('not_found');
  return retryOnConflict('finding', async () => {
    const current = await snapshot(ctx, groupId, id, actor);
    if (!current) return 'not_found';
    const change = decide(current.snap);
    if (!change.write) return change.result;
    const next = change.write;
    const { keys } = ctx;
    const written = await runScript(
      ctx.redis,
      'ddUpdateFinding',
      [
        keys.findings(groupId),
        keys.units(groupId),
        keys.members(groupId),
        keys.unitOpenFindings(groupId, next.unitKey),
        keys.closedFindings(groupId),
        keys.unitClosedFindings(groupId, next.unitKey),
        keys.audit(groupId),
      ],
      [
        ...auditHeader(ctx, actor),
        String(id),
        current.raw,
        JSON.stringify(next),
        next.unitKey,
        current.unitRaw,
        current.role,
        next.status === 'closed' ? String(next.closedAt ?? actor.now) : '',
        `finding_${change.step}`,
        `finding:${id}`,
        ...auditChange(withoutHistory(current.snap.finding), withoutHistory(next)),
      ],
    );
    return written === 1 ? change.result : 'retry';
  });
}

/** The audit entry names the step; the history the record keeps is not copied into it. */
function withoutHistory(f: Finding): Omit<Finding, 'history'> {
  const { history: _kept, ...rest } = f;
  return rest;
}
