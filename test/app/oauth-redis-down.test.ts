import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness';
import { installApp } from '../support/oauth';
import { type OwnRedis, ownRedis } from '../support/redis-server';
import { allText } from '../support/slack-text';

const ALPHA = { teamId: 'T1ALPHA', teamName: 'Alpha Inspectorate' };

/**
 * With OAuth each request's installation is read from Redis before any listener runs. While Redis
 * is away that read fails: the user is still told, in words and in their language, to try again.
 */
describe('a workspace installed with OAuth, while Redis goes away', () => {
  let redis: OwnRedis;
  let h: Harness;

  beforeAll(async () => {
    redis = await ownRedis();
    h = await startHarness({ oauth: { teams: [ALPHA] }, env: { REDIS_URL: redis.url } });
    expect((await installApp(h, ALPHA.teamId)).status).toBe(200);
    const setup = await h.command('setup "Group 14"', { team_id: ALPHA.teamId });
    expect(allText(setup.json)).toMatch(/Group 14/);
  });
  afterAll(async () => {
    await h?.stop();
    await redis?.dispose();
  });

  it('answers a command with the apology in its language, and works again once Redis is back', async () => {
    await redis.kill();
    const en = await h.command('unit add "Ministry of Commerce" key=moc', { team_id: ALPHA.teamId });
    expect(en.status).toBe(200);
    const enText = allText(en.json);
    expect(enText).toMatch(/went wrong/i);
    expect(enText).not.toMatch(/\bat .+\.ts:\d+|Error:|ECONNREFUSED|ioredis/);
    const zh = await h.command('单位 添加 "商务部" key=moc', { team_id: ALPHA.teamId });
    expect(allText(zh.json)).toContain('请稍后重试');
    expect(allText(zh.json)).not.toMatch(/went wrong/i);

    // A form sent meanwhile stays open, the apology on its first field.
    const form = await h.interact({
      type: 'view_submission',
      user: { id: 'U0LEAD', team_id: ALPHA.teamId },
      team: { id: ALPHA.teamId },
      view: {
        id: 'V0OUTAGE',
        type: 'modal',
        callback_id: 'dudao_log',
        private_metadata: '{}',
        state: { values: { unit: { pick: { type: 'static_select', selected_option: null } } } },
      },
    });
    expect(form.status).toBe(200);
    const formAnswer = form.json as { response_action?: string; errors?: Record<string, string> };
    expect(formAnswer.response_action).toBe('errors');
    expect(formAnswer.errors?.unit).toMatch(/went wrong/i);

    await redis.restart();
    let answer = '';
    for (let i = 0; i < 50 && !/Ministry of Commerce/.test(answer); i++) {
      await new Promise((r) => setTimeout(r, 100));
      answer = allText(
        (await h.command('unit add "Ministry of Commerce" key=moc', { team_id: ALPHA.teamId })).json,
      );
    }
    expect(answer).toMatch(/Ministry of Commerce/);
    expect(answer).not.toMatch(/went wrong/i);
  });
});
