import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/types';
import { escapeText } from '../../src/slack/mrkdwn';
import { userText } from '../../src/views/format';
import { liveTokens, mrkdwnTexts, slackUnescape } from './support/answers';
import { hostileText } from './support/hostile-text';
import { type Rendered, renderEverywhere } from './support/render-all';

/**
 * "Text from users is escaped so a note can never ping @channel or forge a mention" (SPEC,
 * Messages). Slack reads `<…>` in mrkdwn as a user or channel mention, a broadcast or a link, and
 * `&amp;`, `&lt;`, `&gt;` as the characters they stand for. So: what the escaper writes comes back
 * as typed through Slack's unescaping, holds no `<` or `>` and no `&` of its own; and in every view
 * that shows user text, a note full of markup adds no token to those the bot itself puts there
 * (the same view with plain text), and reads back as it was typed.
 */

const ENTITY = /&(amp|lt|gt);/g;
/** The tokens the bot writes: a user, a channel, a web link (its label may be anything escaped). */
const BOT_TOKEN = /^<(@[UW][A-Z0-9]+|#[CG][A-Z0-9]+(\|[^<>]*)?|https?:\/\/[^<>|\s]+(\|[^<>]*)?)>$/;
const PLAIN = 'plain words';

/** Any Unicode, with Slack's control characters and what follows them in its markup often. */
const anyText = fc.string({
  unit: fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.constantFrom('<', '>', '&', '!', '@', '#', '|', ';', 'amp;', 'lt;', 'gt;', 'http'),
  ),
  maxLength: 200,
});

const targetOf = (token: string) => token.slice(1, -1).split('|')[0] as string;

function count(items: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

const plainRenderings = new Map<Lang, Rendered[]>();
function plainOnes(lang: Lang): Rendered[] {
  let known = plainRenderings.get(lang);
  if (!known) {
    known = renderEverywhere(PLAIN, lang);
    plainRenderings.set(lang, known);
  }
  return known;
}

describe('escapeText and Slack’s unescaping', () => {
  it('give back any text as typed, with no < or > and every & part of an entity', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const escaped = escapeText(s);
        expect(slackUnescape(escaped)).toBe(s);
        expect(escaped).not.toMatch(/[<>]/);
        expect(escaped.replace(ENTITY, '')).not.toContain('&');
      }),
      { numRuns: 2000 },
    );
  });

  it('a text cut to fit is what was typed up to the cut, never a broken entity or half a character', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', '&', '<', '>', '😀', '商', ' '), maxLength: 120 }),
        fc.integer({ min: 1, max: 130 }),
        (s, max) => {
          const cut = userText(s, max);
          expect(cut.length).toBeLessThanOrEqual(max);
          if (cut === escapeText(s)) return;
          expect(cut.endsWith('…')).toBe(true);
          const kept = cut.slice(0, -1);
          expect(s.startsWith(slackUnescape(kept))).toBe(true);
          expect(kept.replace(ENTITY, '')).not.toMatch(/[&<>]/);
          expect(kept).not.toMatch(/[\ud800-\udbff]$/);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('user text in every view', () => {
  it('never becomes a live mention, broadcast or link, and reads back as typed', () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom<Lang>('en', 'zh'), (t, lang) => {
        const hostile = renderEverywhere(t, lang);
        const plain = plainOnes(lang);
        expect(hostile.map((r) => r.where)).toEqual(plain.map((r) => r.where));
        hostile.forEach(({ where, message }, i) => {
          const texts = mrkdwnTexts(message);
          const plainTexts = mrkdwnTexts(plain[i]?.message);
          const tokens = texts.flatMap(liveTokens);
          for (const token of tokens) expect(token, where).toMatch(BOT_TOKEN);
          // No token the bot would not have written for plain text: each target at most as often.
          const allowed = count(plainTexts.flatMap(liveTokens).map(targetOf));
          for (const [target, n] of count(tokens.map(targetOf))) {
            expect(n, `${where}: ${target}`).toBeLessThanOrEqual(allowed.get(target) ?? 0);
          }
          for (const text of texts) {
            const outside = text.replace(/<[^<>]*>/g, '');
            expect(outside, where).not.toMatch(/[<>]/);
            expect(outside.replace(ENTITY, ''), where).not.toContain('&');
          }
          // Where the plain text shows, the hostile one shows too, exactly as typed.
          if (slackUnescape(plainTexts.join('\n')).includes(PLAIN)) {
            expect(slackUnescape(texts.join('\n')), where).toContain(t.trim());
          }
        });
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});
