import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Command, SUBCOMMANDS, subcommandOf } from '../../src/domain/command';
import { isUserError, type UserError } from '../../src/domain/errors';
import { readerLang } from '../../src/domain/locale';
import { parseCommand } from '../../src/domain/parse';
import type { Lang } from '../../src/domain/types';
import { userErrorMessage } from '../../src/views/errors';
import { helpMessage } from '../../src/views/help';
import type { Message } from '../../src/views/message';
import { blockKitProblems } from '../support/block-kit';
import { DEFAULT_CHANNEL, DEFAULT_USER, type Harness, startHarness } from '../support/harness';
import { type OwnRedis, ownRedis } from '../support/redis-server';
import { allText } from '../support/slack-text';
import { CJK, liveTokens, mrkdwnTexts, stackTraceIn } from './support/answers';
import { commandLine } from './support/command-lines';

/**
 * Whatever is typed after `/dudao` (SPEC: "never an error page, never silence"): the pure core, the
 * parser and the answer it leads to, never throws anything but a UserError and always has an
 * answer, in the user's language; then a fixed sample of the same lines through the whole app.
 */

const TODAY = '2026-11-20';
const USER_ID = /^[UW][A-Z0-9]+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Tokens a parsed line may carry into a reply: user ids only, never a broadcast or a link. */
function checkParsed(command: Command): void {
  expect(SUBCOMMANDS).toContain(subcommandOf(command));
  for (const [key, value] of Object.entries(command)) {
    if (key === 'users' || key === 'liaisons')
      for (const u of (value as string[] | null) ?? []) expect(u).toMatch(USER_ID);
    if (key === 'user' || key === 'owner') if (value !== null) expect(value).toMatch(USER_ID);
    if (key === 'date' || key === 'due' || key === 'from' || key === 'to')
      if (value !== null) expect(value).toMatch(ISO_DATE);
    if (key === 'notes' || key === 'text') expect([...(value as string)].length).toBeLessThanOrEqual(2000);
  }
  if (command.kind === 'log') expect(command.date <= TODAY).toBe(true);
}

/** The line's answer as the pure core gives it: help, the error's message, or a parsed command. */
function answerOf(text: string): { lang: Lang; message: Message | null; error: UserError | null } {
  const lang = readerLang({ group: null, locale: null, text, fallback: 'en' });
  try {
    const command = parseCommand(text, { today: TODAY });
    if (command.kind === 'help') return { lang, message: helpMessage(lang, command.topic), error: null };
    checkParsed(command);
    return { lang, message: null, error: null };
  } catch (err) {
    // Anything but a UserError escaping the parser is a crash the user would see as an apology.
    if (!isUserError(err)) throw err;
    return { lang, message: userErrorMessage(lang, err), error: err };
  }
}

/** What every answer must be: Slack accepts it, it says something, no stack trace, no broadcast or link. */
function checkMessage(message: Message): void {
  expect(message.text.trim()).not.toBe('');
  expect(blockKitProblems(message.blocks, 50)).toEqual([]);
  const shown = allText(message);
  expect(stackTraceIn(shown)).toBeNull();
  for (const text of mrkdwnTexts(message)) {
    for (const t of liveTokens(text)) expect(t).toMatch(/^<(@[UW][A-Z0-9]+|#[CG][A-Z0-9]+)>$/);
  }
}

describe('any /dudao line, in the pure core', () => {
  it('10,000 generated lines never throw and always get an answer in the user’s language', () => {
    fc.assert(
      fc.property(commandLine, (text) => {
        const { lang, message, error } = answerOf(text);
        if (!message) return;
        checkMessage(message);
        if (error) {
          // The sentence is the user's language's own, not a fallback shared by both.
          const other = userErrorMessage(lang === 'zh' ? 'en' : 'zh', error);
          expect(message.text).not.toBe(other.text);
          if (lang === 'zh') expect(message.text).toMatch(CJK);
        }
      }),
      { numRuns: 10_000 },
    );
  }, 90_000);
});

/** Who sends a line (leader, deputy, liaison, outsider) and where (the group's channel, a DM, another). */
const SENDERS = [DEFAULT_USER, 'U0DEP01', 'U0MEM01', 'U0OUT01'];
const CHANNELS = [DEFAULT_CHANNEL, DEFAULT_CHANNEL, 'D0DIRECT1', 'C0OTHER1'];
/**
 * Slack sends at most a few thousand characters of a command's text; the app refuses bodies over
 * 256 KB unread. Longer lines are cut so that even a line of Chinese fits a request.
 */
const LINE_UNITS = 12_000;
const SAMPLE = fc.sample(fc.tuple(commandLine, fc.constantFrom(...SENDERS), fc.constantFrom(...CHANNELS)), {
  seed: 20_261_120,
  numRuns: 250,
});

describe('a sample of the same lines through the whole app', () => {
  let redis: OwnRedis;
  let h: Harness;
  /** Each error line logged: its message and the error's own, to read in a failure. */
  const errors: string[] = [];

  beforeAll(async () => {
    // A Redis of its own: what is logged as an error must come from these lines, not from a neighbour.
    redis = await ownRedis();
    h = await startHarness({ env: { COMMANDS_PER_MINUTE: '0', REDIS_URL: redis.url } });
    // Children of the root logger (Bolt's, the workers') inherit its methods: this sees every error line.
    const root = h.app.deps.logger;
    root.error = ((...args: unknown[]) => {
      const [obj, msg] = args as [{ err?: { message?: string; code?: string } } | string, string?];
      errors.push(typeof obj === 'string' ? obj : `${msg}: ${obj.err?.code ?? ''} ${obj.err?.message ?? ''}`);
    }) as typeof root.error;
    root.fatal = root.error;
    for (const line of [
      'setup "Property group" tz=Asia/Shanghai',
      'unit add 商务部 key=moc liaison=<@U0MEM01|mem>',
      'unit add "Ministry of Finance" key=mof',
      'member add <@U0DEP01> role=deputy',
      'log interview moc met the director',
      'finding add moc plan has no timetable',
    ]) {
      const res = await h.command(line);
      expect(allText(res.json), line).not.toMatch(/:warning:/);
    }
  });
  afterAll(async () => {
    await h?.stop();
    await redis?.dispose();
  });

  it('answers each of 250 lines from anyone anywhere: no stack trace, no error logged', async () => {
    for (const [raw, user, channel] of SAMPLE) {
      const text = raw.slice(0, LINE_UNITS);
      const before = h.slack.calls.length;
      const res = await h.command(text, { user_id: user, channel_id: channel });
      expect(res.status, text).toBe(200);
      let shown = res.json ? allText(res.json) : '';
      if (res.json)
        expect(blockKitProblems((res.json as { blocks?: unknown[] }).blocks ?? [], 50)).toEqual([]);
      if (!shown.trim()) {
        // An empty acknowledgement: the answer is a form, or it follows through response_url.
        const later = await h.slack.waitFor(
          (c) =>
            h.slack.calls.indexOf(c) >= before &&
            (c.responseId === res.responseId || c.method === 'views.open'),
          5_000,
        );
        shown = allText(later[0]?.body);
      }
      expect(shown.trim(), text).not.toBe('');
      expect(stackTraceIn(shown), text).toBeNull();
      expect(errors, text).toEqual([]);
    }
    // Late answers (an upload's outcome, a form that failed to open) carry no stack trace either.
    for (const call of h.slack.callsTo('response_url')) expect(stackTraceIn(allText(call.body))).toBeNull();
  }, 120_000);
});
