import { addDays } from '../domain/dates';
import { type FindingMove, moveFinding } from '../domain/finding-states';
import { GROUP_OPTION_DEFAULTS, type Group } from '../domain/types';
import { instantOf, localDate } from '../domain/zoned-time';
import type { Actor, Store, TeamStore } from '../store/types';
import { type DemoGroup, type DemoStep, type DemoUser, GROUPS, USERS } from './demo-data';
import type { Scheduling } from './deps';

/**
 * The demo local mode seeds on first start: an English audit team and a Chinese guidance group,
 * written through the store as their people would have written it over the past weeks.
 */

export type { DemoUser } from './demo-data';

export interface DemoChannel {
  id: string;
  name: string;
  topic: string;
  members: string[];
}

export const DEMO_TEAM: { id: string; name: string } = { id: 'T0DEMO', name: 'dudao demo' };

export const DEMO_USERS: readonly DemoUser[] = USERS;

/** Everyone who belongs to the group: its leader, its members and its units' liaisons. */
function groupPeople(spec: DemoGroup): string[] {
  const people = [
    spec.leader,
    ...spec.members.map((m) => m.userId),
    ...spec.units.flatMap((u) => u.liaisons),
  ];
  return [...new Set(people)];
}

export const DEMO_CHANNELS: readonly DemoChannel[] = [
  ...GROUPS.map((g) => ({ id: g.channelId, name: g.channelName, topic: g.topic, members: groupPeople(g) })),
  {
    id: 'C0GENERAL',
    name: 'general',
    topic: 'Everyone in the dudao demo workspace',
    members: USERS.map((u) => u.id),
  },
];

interface SeedDeps {
  store: Store;
  scheduling: Pick<Scheduling, 'syncGroup'>;
  /** Epoch ms; the demo's dates count back from today in each group's zone. */
  now: number;
}

/** Nothing seeded is younger than this, so no demo user can `undo` a seeded log (15 minutes). */
const SETTLED_MS = 20 * 60_000;

const team = (store: Store): TeamStore => store.forTeam(DEMO_TEAM.id);

/** True when the demo's groups exist in the store (both of them). */
export async function isDemoSeeded(store: Store): Promise<boolean> {
  const groups = await Promise.all(GROUPS.map((g) => team(store).getGroup(g.channelId)));
  return groups.every((g) => g !== null);
}

/**
 * Writes the demo through the store API and sets its schedules via scheduling.syncGroup;
 * idempotent: a second call on a seeded store changes nothing. `now` is epoch ms; activity dates
 * are relative to it in each group's time zone.
 */
export async function seedDemo(deps: SeedDeps): Promise<void> {
  for (const spec of GROUPS) await seedGroup(deps, spec);
}

/**
 * Removes the demo's schedules (syncGroup with meeting and digest null), erases the demo team's
 * data (eraseAll), then seeds again.
 */
export async function resetDemo(deps: SeedDeps): Promise<void> {
  const store = team(deps.store);
  for (const spec of GROUPS) {
    const group = (await store.getGroup(spec.channelId)) ?? groupOf(spec, deps.now);
    await deps.scheduling.syncGroup({ ...group, meeting: null, digest: null });
  }
  await store.eraseAll();
  await seedDemo(deps);
}

/** The group as set up, before its schedules were added. */
function groupOf(spec: DemoGroup, now: number): Group {
  const createdAt = clockFor(spec, now)(spec.createdDaysAgo, '09:00');
  return {
    id: spec.channelId,
    teamId: DEMO_TEAM.id,
    name: spec.name,
    tz: spec.tz,
    lang: spec.lang,
    ...GROUP_OPTION_DEFAULTS,
    coverageDays: spec.coverageDays,
    meeting: null,
    digest: null,
    createdBy: spec.leader,
    createdAt,
  };
}

/** The instant `daysAgo` local days before today at local `time`, never later than a settled `now`. */
function clockFor(spec: DemoGroup, now: number): (daysAgo: number, time: string) => number {
  const today = localDate(now, spec.tz);
  return (daysAgo, time) => Math.min(instantOf(addDays(today, -daysAgo), time, spec.tz), now - SETTLED_MS);
}

/**
 * Seeds one group unless its channel is taken: createGroup is atomic, so of two concurrent seeds
 * (or a seed on a seeded store) only one writes the group's data. A seed cut short (the process
 * killed mid-way) leaves the group part-written; "Reset demo" writes it whole again.
 */
async function seedGroup(deps: SeedDeps, spec: DemoGroup): Promise<void> {
  const store = team(deps.store);
  const at = clockFor(spec, deps.now);
  const today = localDate(deps.now, spec.tz);
  const group = groupOf(spec, deps.now);
  const lead = (minutes: number): Actor => ({ userId: spec.leader, now: group.createdAt + minutes * 60_000 });
  if ((await store.createGroup(group, lead(0))) !== 'created') return;

  await store.putMembers(group.id, spec.members, lead(5));
  for (const [i, unit] of spec.units.entries()) {
    const actor = lead(10 + i);
    await store.addUnit(group.id, { ...unit, archived: false, createdAt: actor.now }, actor);
  }
  const scheduled = await store.updateGroup(
    group.id,
    { meeting: spec.meeting, digest: spec.digest },
    lead(30),
  );

  const logged = spec.activities
    .map((a) => ({ a, createdAt: at(a.daysAgo, a.at) }))
    .sort((x, y) => x.createdAt - y.createdAt);
  for (const { a, createdAt } of logged) {
    const activity = {
      unitKey: a.unit,
      type: a.type,
      date: addDays(today, -a.daysAgo),
      count: a.count ?? 1,
      notes: a.notes,
      userId: a.by,
      createdAt,
    };
    await store.addActivity(group.id, activity, { userId: a.by, now: createdAt });
  }

  for (const f of spec.findings) {
    const createdAt = at(f.raisedDaysAgo, '17:00');
    const unit = spec.units.find((u) => u.key === f.unit);
    const finding = await store.addFinding(
      group.id,
      {
        unitKey: f.unit,
        text: f.text,
        due: addDays(today, f.dueInDays),
        createdBy: f.by,
        createdAt,
        owner: unit?.liaisons[0] ?? f.by,
        severity: f.severity ?? 'medium',
      },
      { userId: f.by, now: createdAt },
    );
    const steps: [DemoStep | undefined, (notes: string) => FindingMove][] = [
      [f.plan, (notes) => ({ step: 'plan', notes })],
      [f.done, (notes) => ({ step: 'done', notes })],
      [f.verified, (notes) => ({ step: 'verify', notes })],
    ];
    for (const [step, move] of steps) {
      if (!step) continue;
      const now = at(step.daysAgo, '11:30');
      await store.updateFinding(group.id, finding.id, { userId: step.by, now }, (snap) => {
        const moved = moveFinding(
          snap.finding,
          move(step.notes),
          { userId: step.by, role: snap.members.find((m) => m.userId === step.by)?.role ?? null },
          {
            unit: snap.unit,
            members: snap.members,
            today: localDate(now, group.tz),
            now,
          },
        );
        if (!moved.ok) throw new Error(`demo finding step refused: ${moved.refusal.code}`);
        return { write: moved.finding, step: moved.event.step, result: null };
      });
    }
  }

  await deps.scheduling.syncGroup(scheduled ?? { ...group, meeting: spec.meeting, digest: spec.digest });
}
