import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness';
import { allText } from '../support/slack-text';

describe('/dudao help and wrong input', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
    await h?.cleanup();
  });

  it('shows help with examples for /dudao alone, even before any group exists', async () => {
    for (const text of ['', 'help']) {
      const res = await h.command(text);
      expect(res.status).toBe(200);
      const shown = allText(res.json);
      expect(shown).toContain('/dudao log');
      expect(shown).toContain('/dudao setup');
      expect(shown).toContain('/dudao status');
    }
  });

  it('answers in Chinese when asked in Chinese', async () => {
    const shown = allText((await h.command('帮助')).json);
    expect(shown).toMatch(/[\u4e00-\u9fff]/);
    expect(shown).toContain('/dudao log');
  });

  it('answers an unknown subcommand with what was wrong, ephemerally', async () => {
    const res = await h.command('frobnicate now');
    expect(res.status).toBe(200);
    expect((res.json as { response_type?: string }).response_type).toBe('ephemeral');
    expect(allText(res.json)).toContain('frobnicate');
  });

  it('tells someone outside any group how to start one', async () => {
    const res = await h.command('status');
    expect(allText(res.json)).toContain('/dudao setup');
  });

  it('refuses setup in a direct message', async () => {
    const res = await h.command('setup "Group 9"', { channel_id: 'D0DIRECT' });
    expect(allText(res.json).length).toBeGreaterThan(0);
    expect(await h.app.store.forTeam(h.slack.identity.teamId).getGroup('D0DIRECT')).toBeNull();
  });
});
