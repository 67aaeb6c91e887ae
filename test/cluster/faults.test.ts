import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../src/domain/types';
import { DEFAULT_CHANNEL, type Harness, startHarness } from '../support/harness';
import { type OwnCluster, startCluster } from '../support/redis-cluster';
import { allText } from '../support/slack-text';

/**
 * The bot on a Redis Cluster of its own (three masters, each with a replica) while its slots move
 * and while a master dies: every log a user was told was saved is stored once, and every message
 * of a fan-out is posted once. `npm run test:cluster` runs it; docs/reliability.md has the figures.
 */
const UNITS = ['moc', 'mof', 'moe', 'mot', 'mps'];
/** Units nobody logs for: the reminder pings their liaisons. */
const QUIET = ['q1', 'q2', 'q3', 'q4'];
const WRITERS = 6;

let cluster: OwnCluster;
let h: Harness;
let team: string;

/** What a load of logs did: the notes a user was told were logged, and the other answers. */
interface LoadResult {
  acked: string[];
  refused: string[];
}

/**
 * WRITERS users log in parallel, each a stream of `log` commands with a note of its own, until
 * `during` has finished and `tailMs` more have passed. A command answered "Logged" is an
 * acknowledged write; any other answer (a busy store says so in words) is counted as refused.
 */
async function load(label: string, during: () => Promise<void>, tailMs = 1_000): Promise<LoadResult> {
  const result: LoadResult = { acked: [], refused: [] };
  let stop = false;
  const writer = async (w: number) => {
    for (let n = 0; !stop; n++) {
      const note = `${label}-w${w}-n${n}`;
      const unit = UNITS[(w + n) % UNITS.length];
      const res = await h.command(`log interview ${unit} ${note}`, { user_id: `U0W${w}` });
      let text = allText(res.json);
      // A command the store is slow to answer (a slot half moved, a master failing over) is
      // acknowledged at once and answered in its response_url: that later answer is the one counted.
      if (/^Working on it/.test(text)) {
        const [later] = await h.slack.waitFor(
          (c) => c.method === 'response_url' && c.responseId === res.responseId,
          30_000,
        );
        text = allText(later?.body);
      }
      if (res.status === 200 && text.startsWith('Logged')) result.acked.push(note);
      else result.refused.push(`${res.status} ${text.slice(0, 80)}`);
    }
  };
  const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
  try {
    await during();
    await new Promise((r) => setTimeout(r, tailMs));
  } finally {
    stop = true;
    await Promise.all(writers);
  }
  return result;
}

/** Every note stored for the group, as many times as it is stored. */
async function storedNotes(): Promise<string[]> {
  const all: Activity[] = await h.app.store
    .forTeam(team)
    .activitiesBetween(DEFAULT_CHANNEL, '2000-01-01', '2100-12-31');
  return all.map((a) => a.notes);
}

async function expectAllFoundOnce(result: LoadResult, label: string) {
  const stored = (await storedNotes()).filter((n) => n.startsWith(`${label}-`));
  const counts = new Map<string, number>();
  for (const note of stored) counts.set(note, (counts.get(note) ?? 0) + 1);
  const lost = result.acked.filter((note) => !counts.has(note));
  const twice = [...counts].filter(([, c]) => c > 1).map(([note]) => note);
  console.log(
    `${label}: ${result.acked.length} acknowledged, ${stored.length} stored, lost ${lost.length}, twice ${twice.length}, refused ${result.refused.length}`,
  );
  if (result.refused.length > 0)
    console.log(`${label}: refused, e.g. ${[...new Set(result.refused)].slice(0, 3).join(' | ')}`);
  expect(result.acked.length).toBeGreaterThan(20);
  expect(lost).toEqual([]);
  expect(twice).toEqual([]);
  return { stored: stored.length };
}

/** The masters now, by CLUSTER NODES: id, port and the slot ranges each serves. */
async function mastersNow(): Promise<Array<{ id: string; port: number; ranges: Array<[number, number]> }>> {
  const table = await cluster.cli(
    cluster.ports.find((p) => p !== killed) ?? cluster.ports[0]!,
    'cluster',
    'nodes',
  );
  return table
    .trim()
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([, , flags]) => flags?.includes('master') && !flags.includes('fail'))
    .map(([id, address, , , , , , , ...slots]) => ({
      id: id!,
      port: Number(/:(\d+)@/.exec(address ?? '')?.[1]),
      ranges: slots
        .filter((r) => /^\d/.test(r))
        .map((r) => {
          const [from, to] = r.split('-').map(Number);
          return [from!, to ?? from!] as [number, number];
        }),
    }));
}

/** The master serving `slot`. */
async function ownerOf(slot: number) {
  const owner = (await mastersNow()).find((m) => m.ranges.some(([a, b]) => slot >= a && slot <= b));
  if (!owner) throw new Error(`no master serves slot ${slot}`);
  return owner;
}

/** The port of the node this file killed, if any. */
let killed = 0;

const slotOf = async (tag: string) =>
  Number(await cluster.cli(cluster.ports[0]!, 'cluster', 'keyslot', `{${tag}}`));

/** Moves `slot` to another master, a few keys at a time; answers how many keys moved. */
async function moveToAnother(slot: number): Promise<number> {
  const owner = await ownerOf(slot);
  const target = (await mastersNow()).find((m) => m.id !== owner.id);
  if (!target) throw new Error('no other master');
  // Ten keys a MIGRATE, as redis-cli's resharding pipelines them, with a pause between so that
  // commands meet the slot half moved.
  return cluster.moveSlot(slot, target.port, { batch: 10, pauseMs: 20 });
}

beforeAll(async () => {
  cluster = await startCluster({ masters: 3, replicas: 1 });
  h = await startHarness({
    env: {
      REDIS_CLUSTER_NODES: cluster.nodes,
      COMMANDS_PER_MINUTE: '0',
      LOG_LEVEL: process.env.CLUSTER_LOG_LEVEL ?? 'silent',
    },
  });
  team = h.slack.identity.teamId;
  await h.command('setup "Audit team" tz=Asia/Shanghai');
  await h.command('meeting mon 09:30');
  for (let w = 0; w < WRITERS; w++) await h.command(`member add <@U0W${w}|w${w}> role=member`);
  for (const unit of UNITS) await h.command(`unit add "Unit ${unit}" key=${unit}`);
  for (const [i, unit] of QUIET.entries()) {
    await h.command(`unit add "Quiet ${unit}" key=${unit} liaison=<@U0LIA${i}|l${i}>`);
  }
}, 60_000);

afterAll(async () => {
  await h?.stop();
  await cluster?.stop();
});

describe('a Redis Cluster under load', () => {
  it('moves the slots of the team and of the queues while users log and a reminder fans out', async () => {
    const teamSlot = await slotOf(team);
    const teamOwner = await ownerOf(teamSlot);
    let moved = 0;
    const result = await load('reshard', async () => {
      await new Promise((r) => setTimeout(r, 500));
      const remind = h.command('remind now');
      // The team's data and the queues' keys each move while commands and jobs use them.
      moved += await moveToAnother(teamSlot);
      moved += await moveToAnother(await slotOf(h.prefix));
      expect(allText((await remind).json)).not.toMatch(/error|went wrong/i);
    });
    console.log(`reshard: ${moved} keys moved in two slots`);
    expect((await ownerOf(await slotOf(team))).id).not.toBe(teamOwner.id);
    await expectAllFoundOnce(result, 'reshard');
    // The reminder and its pings: each posted once, however the slots moved under the fan-out.
    await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === DEFAULT_CHANNEL,
      20_000,
    );
    const quiet = QUIET.map((_, i) => `U0LIA${i}`);
    await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && quiet.includes(String(c.body.channel)),
      30_000,
      quiet.length,
    );
    await new Promise((r) => setTimeout(r, 2_000));
    const posts = h.slack.delivered('chat.postMessage');
    expect(posts.filter((c) => c.body.channel === DEFAULT_CHANNEL)).toHaveLength(1);
    for (const user of quiet) expect(posts.filter((c) => c.body.channel === user)).toHaveLength(1);
  }, 120_000);

  it("kills the master of the team's slot, which has a replica, while users log", async () => {
    const owner = await ownerOf(await slotOf(team));
    // The queues' slot joins the team's on the master about to die, so that the store and the jobs
    // (the workers' blocking reads among them) all lose their node at once: the hardest case.
    const queueSlot = await slotOf(h.prefix);
    if ((await ownerOf(queueSlot)).id !== owner.id) await cluster.moveSlot(queueSlot, owner.port);
    h.slack.reset();
    const result = await load(
      'failover',
      async () => {
        await new Promise((r) => setTimeout(r, 1_000));
        killed = owner.port;
        await cluster.kill(owner.port);
        await cluster.waitHealthy(30_000);
      },
      2_000,
    );
    expect((await ownerOf(await slotOf(team))).port).not.toBe(owner.port);
    await expectAllFoundOnce(result, 'failover');
    // After the failover the bot answers as before: a digest is posted once.
    const asked = Date.now();
    expect(allText((await h.command('digest now')).json)).not.toMatch(/went wrong/i);
    await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === DEFAULT_CHANNEL,
      60_000,
    );
    console.log(`failover: the digest asked for after it was posted in ${Date.now() - asked} ms`);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(
      h.slack.delivered('chat.postMessage').filter((c) => c.body.channel === DEFAULT_CHANNEL),
    ).toHaveLength(1);
  }, 120_000);
});
