/**
 * `tsx bench/bytes.ts`: the Redis memory a logged activity costs. Logs BENCH_BYTES_ACTIVITIES
 * (default 10,000) activities with 40-character notes through the store, as `/dudao log` does
 * (one request id each, the author a member, one group of 50 units), on a redis-server of its
 * own, and reports the growth of `used_memory` per activity and `MEMORY USAGE` per kind of key.
 * The request key (`req:`) expires an hour after the log, so it is counted apart from what stays.
 * BENCH_STRICT=1 exits 1 when the goal fails.
 */

import { teamKeys } from '../src/store/keys';
import { createRedis } from '../src/store/redis';
import { RedisStore } from '../src/store/redis-store';
import type { NewActivity } from '../src/store/types';
import { ownRedis } from '../test/support/redis-server';
import { addBenchUnits, BENCH_TEAM, BENCH_USER, benchGroup, UNITS } from './fixtures';

const ACTIVITIES = Number(process.env.BENCH_BYTES_ACTIVITIES ?? 10_000);
/** What a logged activity may cost once its request key has expired, audit entry included. */
const GOAL_BYTES = 450;
const GROUP = 'C0BYTES';
/** Authors, each a member; their undo indexes hold what they logged in the last day. */
const AUTHORS = 10;
const IN_FLIGHT = 64;
const DAY_MS = 86_400_000;

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

async function usedMemory(redis: ReturnType<typeof createRedis>): Promise<number> {
  // Incremental rehashing of the keyspace finishes within a few hundred ms of the last write.
  await new Promise((r) => setTimeout(r, 1_500));
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1]);
}

async function main(): Promise<void> {
  const server = await ownRedis();
  const redis = createRedis(server.url);
  const store = new RedisStore({ redis, prefix: 'dd' });
  try {
    const team = store.forTeam(BENCH_TEAM);
    const now = Date.now();
    const actor = { userId: BENCH_USER, now };
    await team.createGroup(
      benchGroup({ id: GROUP, teamId: BENCH_TEAM, name: 'Bytes', createdAt: now }),
      actor,
    );
    await addBenchUnits(team, GROUP, actor);
    const authors = Array.from({ length: AUTHORS }, (_, i) => `U0AUTHOR${i}`);
    await team.putMembers(
      GROUP,
      authors.map((userId) => ({ userId, role: 'member' as const })),
      actor,
    );
    const before = await usedMemory(redis);

    let next = 0;
    const worker = async () => {
      for (let i = next++; i < ACTIVITIES; i = next++) {
        // Spread over the last year, logged over the last day, as a group's log would be.
        const createdAt = now - DAY_MS + Math.floor((i * DAY_MS) / ACTIVITIES);
        const a: NewActivity = {
          unitKey: `u${i % UNITS}`,
          type: 'interview',
          date: new Date(now - (i % 365) * DAY_MS).toISOString().slice(0, 10),
          count: 1,
          notes: `note ${String(i).padStart(6, '0')} `.padEnd(40, 'x'),
          userId: authors[i % AUTHORS]!,
          createdAt,
        };
        // Slack's trigger_id shape, one per command.
        const requestId = `${Math.floor(createdAt / 1000)}.${i}.be9c4d1e7f`;
        await team.addActivity(GROUP, a, { userId: a.userId, now: createdAt, requestId });
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const after = await usedMemory(redis);

    const keys = teamKeys('dd', BENCH_TEAM);
    const usage = async (key: string) =>
      Number((await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);
    const sum = async (list: string[]) => (await Promise.all(list.map(usage))).reduce((s, n) => s + n, 0);
    const encoding = async (key: string) =>
      (await redis.exists(key)) ? String(await redis.object('ENCODING', key)) : 'not written';
    const units = Array.from({ length: UNITS }, (_, u) => keys.unitActivities(GROUP, `u${u}`));
    const users = authors.map((u) => keys.userActivities(GROUP, u));
    const weekNumbers = (await redis.smembers(keys.activityWeeks(GROUP))).map(Number);
    const weeks = weekNumbers.map((w) => keys.activityWeek(GROUP, w));
    const weekCounts = weekNumbers.map((w) => keys.unitWeekCounts(GROUP, w));
    const kinds: [string, string[]][] = [
      ['activity records (`acts` hash)', [keys.activities(GROUP)]],
      ['date index of earlier versions (`acts:by-date`)', [keys.activitiesByDate(GROUP)]],
      [
        `date index: week sets (${weeks.length} \`acts:w:…\`) and their list (\`acts:weeks\`)`,
        [...weeks, keys.activityWeeks(GROUP)],
      ],
      [`unit indexes (${UNITS} \`unit:…:acts\`)`, units],
      [`undo indexes (${AUTHORS} \`user:…:acts\`)`, users],
      ['audit stream', [keys.audit(GROUP)]],
      [
        `units' tallies (\`acts:last\`; ${weeks.length} \`acts:w:…:units\`, expiring 35 days after a change)`,
        [keys.unitLastContacts(GROUP), ...weekCounts],
      ],
    ];
    const rows: [string, number, string][] = [];
    for (const [what, list] of kinds)
      rows.push([what, await sum(list), list[0] ? await encoding(list[0]) : '']);
    const counted = rows.reduce((s, r) => s + r[1], 0);

    // What stays once the request keys have expired: measured after deleting them.
    const requestKeys: string[] = [];
    let cursor = '0';
    do {
      const [c, found] = await redis.scan(
        cursor,
        'MATCH',
        `${keys.teamPattern().slice(0, -1)}req:*`,
        'COUNT',
        1000,
      );
      cursor = c;
      requestKeys.push(...found);
    } while (cursor !== '0');
    for (let i = 0; i < requestKeys.length; i += 1000) await redis.del(...requestKeys.slice(i, i + 1000));
    const stays = (await usedMemory(redis)) - before;
    const total = after - before;
    const per = (n: number) => fmt(n / ACTIVITIES);
    const lines = [
      `Redis bytes per logged activity: ${fmt(ACTIVITIES)} activities with 40-character notes, ` +
        `dated over a year, logged over a day by ${AUTHORS} authors into ${UNITS} units of one group, ` +
        `each with a request id; redis-server ${await version(redis)} of its own, \`used_memory\` ` +
        'before and after (MEMORY USAGE per kind of key).',
      '',
      '| what | bytes per activity | encoding |',
      '|---|---:|---|',
      ...rows.map(([what, bytes, enc]) => `| ${what} | ${per(bytes)} | ${enc} |`),
      `| keyspace, allocator and other overhead (the rest of what stays) | ${per(stays - counted)} | |`,
      `| **what stays** (used_memory growth once the request keys are gone) | **${per(stays)}** | |`,
      `| request keys (\`req:…\`, ${fmt(requestKeys.length)}), with their keyspace and expiry entries; ` +
        `gone after an hour | ${per(total - stays)} | |`,
      `| used_memory growth within the hour, request keys included | ${per(total)} | |`,
      '',
      '| Goal | Measured | Result |',
      '|---|---:|---|',
      `| bytes an activity keeps (audit included; request key expired) ≤ ${GOAL_BYTES} | ${per(stays)} | ` +
        `${stays / ACTIVITIES <= GOAL_BYTES ? 'pass' : '**FAIL**'} |`,
    ];
    console.log(lines.join('\n'));
    if (process.env.BENCH_STRICT === '1' && stays / ACTIVITIES > GOAL_BYTES) process.exitCode = 1;
  } finally {
    await store.close();
    await server.dispose();
  }
}

async function version(redis: ReturnType<typeof createRedis>): Promise<string> {
  return /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? '?';
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
