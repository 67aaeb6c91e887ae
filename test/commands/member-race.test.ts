import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness';
import { allText } from '../support/slack-text';

const A = 'U0LEADA';
const B = 'U0LEADB';
const DEPUTY = 'U0DEP';

describe('the leader rules under real commands', () => {
  let h: Harness;
  let channels = 0;
  const team = () => h.app.store.forTeam(h.slack.identity.teamId);
  const leaders = async (channel: string) =>
    (await team().getMembers(channel)).filter((m) => m.role === 'leader').map((m) => m.userId);
  const as = (user: string, channel: string) => ({ user_id: user, channel_id: channel });

  /** A new channel whose group is led by A and B, with a deputy. */
  async function twoLeaders(): Promise<string> {
    channels += 1;
    const channel = `C0RACE${channels}`;
    await h.command('setup "Race group"', as(A, channel));
    await h.command(`member add <@${B}> role=leader`, as(A, channel));
    await h.command(`member add <@${DEPUTY}> role=deputy`, as(A, channel));
    expect(await leaders(channel)).toEqual([A, B]);
    return channel;
  }

  beforeAll(async () => {
    // Many commands from one user in a minute: the per-user limit is not what this tests.
    h = await startHarness({ env: { COMMANDS_PER_MINUTE: '0' } });
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('does not let a deputy demote or remove a leader', async () => {
    const channel = await twoLeaders();
    const demote = await h.command(`member add <@${A}> role=member`, as(DEPUTY, channel));
    const remove = await h.command(`member remove <@${B}>`, as(DEPUTY, channel));
    expect(await leaders(channel)).toEqual([A, B]);
    for (const res of [demote, remove]) {
      expect((res.json as { response_type?: string }).response_type).toBe('ephemeral');
      expect(allText(res.json)).toMatch(/Only a leader of the group can/);
    }
  });

  const RACES: Record<string, [fromA: string, fromB: string]> = {
    'demote each other': [`member add <@${B}> role=member`, `member add <@${A}> role=member`],
    'remove each other': [`member remove <@${B}>`, `member remove <@${A}>`],
    'demote and remove each other': [`member add <@${B}> role=deputy`, `member remove <@${A}>`],
  };
  const ROUNDS = 6;

  it.each(Object.entries(RACES))(
    `keeps a leader when two leaders %s at once (${ROUNDS} rounds, both orders)`,
    async (_name, [fromA, fromB]) => {
      let leaderless = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const channel = await twoLeaders();
        const a = () => h.command(fromA, as(A, channel));
        const b = () => h.command(fromB, as(B, channel));
        const answers = await Promise.all(round % 2 === 0 ? [a(), b()] : [b(), a()]);
        for (const res of answers) expect(res.status).toBe(200);
        if ((await leaders(channel)).length === 0) leaderless += 1;
      }
      expect(leaderless, `${leaderless} of ${ROUNDS} rounds ended with no leader`).toBe(0);
    },
  );
});
