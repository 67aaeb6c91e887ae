import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL, type Harness, startHarness } from '../support/harness';
import { allText } from '../support/slack-text';

describe('/dudao meeting, digest and coverage', () => {
  let h: Harness;
  const team = () => h.app.store.forTeam(h.slack.identity.teamId);

  beforeAll(async () => {
    h = await startHarness();
    await h.command('setup "Group 14" tz=America/Santiago');
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('sets the weekly meeting and says when the next reminder goes out', async () => {
    const res = await h.command('meeting 周一 09:30 remind=30');
    const group = await team().getGroup(DEFAULT_CHANNEL);
    expect(group?.meeting).toMatchObject({ weekday: 1, time: '09:30', remindMinutes: 30 });
    expect(allText(res.json)).toMatch(/09:00/);
  });

  it('refuses a digest time that daylight saving would skip, and keeps the old setting', async () => {
    await h.command('digest fri 17:00');
    const res = await h.command('digest sun 00:15');
    expect(allText(res.json)).toContain('00:15');
    expect((await team().getGroup(DEFAULT_CHANNEL))?.digest).toEqual({ weekday: 5, time: '17:00' });
  });

  it('does not let a member change schedules', async () => {
    await h.command('member add <@U0MEM>');
    await h.command('meeting off', { user_id: 'U0MEM' });
    expect((await team().getGroup(DEFAULT_CHANNEL))?.meeting).not.toBeNull();
  });

  it('skips one meeting and turns meetings off', async () => {
    const skip = await h.command('meeting skip');
    const skips = (await team().getGroup(DEFAULT_CHANNEL))?.meeting?.skips ?? [];
    expect(skips).toHaveLength(1);
    expect(allText(skip.json)).toContain(skips[0]!);
    await h.command('meeting off');
    expect((await team().getGroup(DEFAULT_CHANNEL))?.meeting).toBeNull();
    // Without a meeting the reminder still goes out on request: the agenda of the week so far.
    const remind = await h.command('remind now');
    expect(allText(remind.json)).toMatch(/agenda/i);
  });

  it('sets the coverage threshold', async () => {
    await h.command('coverage 10');
    expect((await team().getGroup(DEFAULT_CHANNEL))?.coverageDays).toBe(10);
    const bad = await h.command('coverage 0');
    expect(allText(bad.json)).toContain('0');
    expect((await team().getGroup(DEFAULT_CHANNEL))?.coverageDays).toBe(10);
  });
});
