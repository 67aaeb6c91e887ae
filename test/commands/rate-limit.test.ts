import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL, type Harness, startHarness } from '../support/harness';
import { allText } from '../support/slack-text';

/** COMMANDS_PER_MINUTE's default. */
const LIMIT = 30;

describe('COMMANDS_PER_MINUTE (default 30) per user and team', () => {
  let h: Harness;
  const activities = () => h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL);

  beforeAll(async () => {
    h = await startHarness();
    await h.command('setup "第十四指导组" lang=zh');
    await h.command('unit add 商务部 key=moc');
    await h.command('member add <@U0MEM|mem> role=member');
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('does the 30 commands of a minute, refuses the 31st politely in the group’s language, and writes nothing of it', async () => {
    const before = await activities();
    for (let i = 0; i < LIMIT; i++) {
      const res = await h.command(`log interview moc note ${i}`, { user_id: 'U0MEM' });
      expect(allText(res.json)).toContain('商务部');
    }
    expect(await activities()).toBe(before + LIMIT);
    const refused = await h.command('log interview moc one too many', { user_id: 'U0MEM' });
    expect(refused.status).toBe(200);
    expect((refused.json as { response_type?: string }).response_type).toBe('ephemeral');
    expect(allText(refused.json)).toContain(`一分钟内的命令已超过 ${LIMIT} 条，本条未执行`);
    expect(await activities()).toBe(before + LIMIT);

    // Another user of the team is not affected.
    const other = await h.command('log interview moc the leader is not limited');
    expect(allText(other.json)).toContain('商务部');
    expect(await activities()).toBe(before + LIMIT + 1);
  });
});

describe('COMMANDS_PER_MINUTE=0', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ env: { COMMANDS_PER_MINUTE: '0' } });
    await h.command('setup "Group 14"');
    await h.command('unit add "Ministry of Commerce" key=moc');
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('turns the limit off, not the replay guard: one user’s 40 commands in a minute are all done, once each', async () => {
    const start = Date.now();
    const trigger = (i: number) => `${start}.${i}.0ff`;
    for (let i = 0; i < 40; i++) await h.command(`log interview moc note ${i}`, { trigger_id: trigger(i) });
    expect(await h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL)).toBe(40);
    const replayed = await h.command('log interview moc note 0', { trigger_id: trigger(0) });
    expect(allText(replayed.json)).toContain('already received and done once');
    expect(await h.inspect.countActivities(h.slack.identity.teamId, DEFAULT_CHANNEL)).toBe(40);
  });
});
