import { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { teamSlack } from '../../jobs/team-slack';
import { NotInstalled, SlackRefused } from '../../src/domain/errors';
import { clientCache, isDeadToken, isTokenRefusal } from '../../src/slack/clients';
import type { TeamRef, TokenSource } from '../../src/slack/tokens';

/** Answers the token `current` holds for a team; none for a team it does not know. */
function tokensOf(current: Map<string, string>): TokenSource {
  return {
    mode: 'oauth',
    botToken: async (ref: TeamRef) => {
      const token = current.get(ref.teamId);
      if (!token) throw new NotInstalled(ref);
      return { token };
    },
    tokenRefused: async () => false,
    refreshExpiring: async () => 0,
  };
}

const logger = pino({ level: 'silent' });
const options = { apiUrl: 'http://127.0.0.1:9/api/', timeoutMs: 1_000, leaseMs: 3_000, logger };

describe("a job's Slack context", () => {
  it("is its team's: one client per token, a new one once the token rotates", async () => {
    const current = new Map([
      ['T1', 'xoxb-one'],
      ['T2', 'xoxb-two'],
    ]);
    const slackFor = teamSlack({ ...options, tokens: tokensOf(current) });
    const one = await slackFor({ teamId: 'T1' });
    const two = await slackFor({ teamId: 'T2' });
    expect(one.client.token).toBe('xoxb-one');
    expect(two.client.token).toBe('xoxb-two');
    expect((await slackFor({ teamId: 'T1' })).client).toBe(one.client);
    expect(one.leaseMs).toBe(3_000);

    current.set('T1', 'xoxb-one-rotated');
    const rotated = await slackFor({ teamId: 'T1' });
    expect(rotated.client.token).toBe('xoxb-one-rotated');
    expect(rotated.client).not.toBe(one.client);
  });

  it('throws NotInstalled for a workspace without an installation', async () => {
    const slackFor = teamSlack({ ...options, tokens: tokensOf(new Map()) });
    await expect(slackFor({ teamId: 'T9', enterpriseId: 'E9' })).rejects.toBeInstanceOf(NotInstalled);
  });
});

describe('the client cache', () => {
  it('keeps the tokens used last, up to its size, and drops the least recently used', () => {
    let made = 0;
    const clientOf = clientCache((token) => {
      made += 1;
      return new WebClient(token);
    }, 2);
    const a = clientOf('xoxb-a');
    clientOf('xoxb-b');
    expect(clientOf('xoxb-a')).toBe(a);
    clientOf('xoxb-c'); // drops b, the least recently used
    expect(clientOf('xoxb-a')).toBe(a);
    expect(made).toBe(3);
    clientOf('xoxb-b');
    expect(made).toBe(4);
  });

  it('refuses a size that could hold nothing', () => {
    expect(() => clientCache((t) => new WebClient(t), 0)).toThrow(RangeError);
  });
});

describe('refusals for the token', () => {
  it('tells a dead token and an expired one from a refusal of the call', () => {
    for (const error of ['invalid_auth', 'token_revoked', 'account_inactive']) {
      expect(isDeadToken(new SlackRefused(error)), error).toBe(true);
    }
    expect(isDeadToken(new SlackRefused('token_expired'))).toBe(false);
    expect(isTokenRefusal(new SlackRefused('token_expired'))).toBe(true);
    expect(isTokenRefusal(new SlackRefused('channel_not_found'))).toBe(false);
    expect(isTokenRefusal(new Error('invalid_auth'))).toBe(false);
  });
});
