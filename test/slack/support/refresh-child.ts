import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { OAuthTokens } from '../../../src/slack/installations';
import { createRedis, RedisStore } from '../../../src/store';

/**
 * One process of the refresh race (test/slack/refresh-race.test.ts): it says `ready`, waits for
 * `go` on stdin, asks for the team's bot token as a web process or a worker would, and prints it.
 */
const env = process.env;
const redis = createRedis(env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const store = new RedisStore({ redis, prefix: env.PREFIX ?? 'unset' });
const tokens = new OAuthTokens({
  records: store.installations(),
  oauth: {
    clientId: env.CLIENT_ID ?? '',
    clientSecret: env.CLIENT_SECRET ?? '',
    stateSecret: 'unused-unused-unused',
  },
  apiUrl: env.API_URL ?? '',
  logger: pino({ level: 'silent' }),
});

await store.installations().read({ kind: 'team', id: env.TEAM ?? 'T1' });
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() !== 'go') continue;
  try {
    const creds = await tokens.botToken({ teamId: env.TEAM ?? 'T1' });
    process.stdout.write(`${JSON.stringify({ token: creds.token })}\n`);
  } catch (err) {
    process.stdout.write(`${JSON.stringify({ error: String(err) })}\n`);
  }
  break;
}
lines.close();
await redis.quit();
