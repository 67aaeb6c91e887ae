import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RedisStore } from '../../../src/store/redis-store';
import type { Commands, Write } from './commands';
import type { BotPost } from './slack';
import { CALENDAR, GROUPS } from './world';

/** Acknowledged writes of one kind: sent, answered done, found in the store once, lost, found twice. */
export interface WriteFigures {
  kind: Write['kind'];
  sent: number;
  acknowledged: number;
  found: number;
  lost: string[];
  twice: string[];
}

/**
 * Every write the users were told was done, looked up through the store: a group by its channel, a
 * member and a unit by id, a log by its notes and a finding by its id and text (each note and text
 * carries a token of its own, so a log or finding made twice shows as two).
 */
export async function accountWrites(store: RedisStore, commands: Commands): Promise<WriteFigures[]> {
  const kinds: Write['kind'][] = ['group', 'member', 'unit', 'log', 'finding'];
  const figures = new Map(
    kinds.map((kind) => [
      kind,
      { kind, sent: 0, acknowledged: 0, found: 0, lost: [], twice: [] } as WriteFigures,
    ]),
  );
  const notes = new Map<string, number>();
  const texts = new Map<string, number>();
  for (const g of GROUPS) {
    const team = store.forTeam(g.team);
    for (const a of await team.activitiesBetween(g.channel, CALENDAR.from, CALENDAR.to)) {
      const key = `${g.channel}|${a.unitKey}|${a.userId}|${a.notes}`;
      notes.set(key, (notes.get(key) ?? 0) + 1);
    }
    for (const f of await team.listFindings(g.channel, { status: 'all' })) {
      const key = `${g.channel}|${f.id}|${f.unitKey}|${f.text}`;
      texts.set(key, (texts.get(key) ?? 0) + 1);
    }
  }
  const allTexts = [...texts.keys()];
  for (const sent of commands.sent) {
    const write = sent.write;
    if (!write) continue;
    const f = figures.get(write.kind) as WriteFigures;
    f.sent += 1;
    if (commands.outcome(sent) !== 'ok') continue;
    f.acknowledged += 1;
    const g = sent.group;
    const team = store.forTeam(g.team);
    const what = `${g.code} "${sent.text}"`;
    let copies: number;
    switch (write.kind) {
      case 'group':
        copies = (await team.getGroup(g.channel)) ? 1 : 0;
        break;
      case 'member': {
        const members = new Set((await team.getMembers(g.channel)).map((m) => m.userId));
        copies = write.users.every((u) => members.has(u)) ? 1 : 0;
        break;
      }
      case 'unit':
        copies = (await team.getUnit(g.channel, write.key)) ? 1 : 0;
        break;
      case 'log':
        copies = notes.get(`${g.channel}|${write.unit}|${write.user}|visit ${write.token}`) ?? 0;
        break;
      case 'finding': {
        const id = commands.findingId(sent);
        const text = `Records incomplete ${write.token}`;
        const exact = id === null ? 0 : (texts.get(`${g.channel}|${id}|${write.unit}|${text}`) ?? 0);
        // Found under its id, and nowhere else under another.
        const elsewhere = allTexts.filter(
          (k) => k.startsWith(`${g.channel}|`) && k.endsWith(`|${text}`),
        ).length;
        copies = exact === 0 ? 0 : elsewhere;
        break;
      }
    }
    if (copies === 0) f.lost.push(what);
    else f.found += 1;
    if (copies > 1) f.twice.push(what);
  }
  return [...figures.values()];
}

/** One kind of message: expected, posted (Slack's side), recorded sent (the bot's side), twice. */
export interface MessageFigures {
  kind: string;
  expected: number;
  delivered: number;
  recorded: number;
  twice: number;
  /** `<kind>:<to>` whose count differs from the expected one, with both counts. */
  mismatches: string[];
}

/** The delivery records of the run, from Redis: key → fields. */
export async function deliveryRecords(
  redis: Redis,
  prefix: string,
): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (const { teamId } of [...new Set(GROUPS.map((g) => g.team))].map((teamId) => ({ teamId }))) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:{${teamId}}:dlv:*`, 'COUNT', 1000);
      for (const key of keys) out.set(key, await redis.hgetall(key));
      cursor = next;
    } while (cursor !== '0');
  }
  return out;
}

/** The kind of a delivery record, from its key: `…:dlv:digest:…`, `…:dlv:dm:<team>:<group>:liaison:…`. */
function recordKind(key: string): string {
  const what = key.slice(key.indexOf(':dlv:') + 5);
  if (what.startsWith('dm:')) return /:liaison:/.test(what) ? 'ping' : 'other-dm';
  return what.slice(0, what.indexOf(':'));
}

/**
 * Messages expected (from the commands acknowledged and the schedules set) against what Slack holds
 * and what the bot recorded: per kind, and per recipient (`<kind>:<channel or user>`). A message
 * twice is a delivery marker found on two posts; every marker must also name a record that says
 * sent with that very message.
 */
export function accountMessages(
  expected: Map<string, number>,
  posts: BotPost[],
  records: Map<string, Record<string, string>>,
): { figures: MessageFigures[]; unmatched: string[] } {
  const byId = new Map([...records].map(([key, fields]) => [sha(key), { key, fields }]));
  const delivered = new Map<string, number>();
  const markers = new Map<string, number>();
  const unmatched: string[] = [];
  for (const p of posts) {
    if (p.kind === 'chart') continue;
    const key = `${p.kind}:${p.to}`;
    delivered.set(key, (delivered.get(key) ?? 0) + 1);
    if (!p.marker) {
      unmatched.push(`${key} without a delivery marker: ${p.text.slice(0, 60)}`);
      continue;
    }
    markers.set(p.marker, (markers.get(p.marker) ?? 0) + 1);
    const record = byId.get(p.marker);
    if (record?.fields.state !== 'sent' || record.fields.ts !== p.ts)
      unmatched.push(
        `${key} ${p.ts}: record ${record?.key ?? 'none'} says ${JSON.stringify(record?.fields)}`,
      );
  }
  const kinds = ['digest', 'reminder', 'ping', 'other'];
  const figures = kinds.map((kind): MessageFigures => {
    const keys = new Set([...expected.keys(), ...delivered.keys()].filter((k) => k.startsWith(`${kind}:`)));
    const mismatches = [...keys]
      .filter((k) => (expected.get(k) ?? 0) !== (delivered.get(k) ?? 0))
      .map((k) => `${k} expected ${expected.get(k) ?? 0}, delivered ${delivered.get(k) ?? 0}`);
    const sum = (m: Map<string, number>) =>
      [...m].filter(([k]) => k.startsWith(`${kind}:`)).reduce((n, [, v]) => n + v, 0);
    const recordKinds = kind === 'other' ? ['other-dm'] : [kind];
    return {
      kind,
      expected: sum(expected),
      delivered: sum(delivered),
      recorded: [...records].filter(([k, f]) => recordKinds.includes(recordKind(k)) && f.state === 'sent')
        .length,
      twice: [...markers].filter(([id, n]) => n > 1 && postKindOf(posts, id) === kind).length,
      mismatches,
    };
  });
  return { figures, unmatched };
}

const sha = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 32);

function postKindOf(posts: BotPost[], marker: string): string | undefined {
  return posts.find((p) => p.marker === marker)?.kind;
}

/** Delivery records by kind and state, e.g. `digest sent 9`, `chart failed 1`. */
export function recordStates(records: Map<string, Record<string, string>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, fields] of records) {
    const k = `${recordKind(key)} ${fields.state ?? '?'}`;
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}
