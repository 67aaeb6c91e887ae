/** One word of a command line; `start`/`end` are offsets into the text that was tokenized. */
export interface Token {
  value: string;
  quoted: boolean;
  start: number;
  end: number;
}

const QUOTES = new Set(['"', "'"]);
const SPACE = /\s/;

/**
 * Splits a (normalised) command line into words. A quote at the start of a word, or right after
 * `key=`, groups words up to the matching quote: `"Ministry of Commerce"`, `name='New name'`.
 * Slack markup (`<@U123|ann>`) is one word even if its label has spaces; Slack escapes `<` typed
 * by users, so a raw `<` always opens markup.
 *
 * Apostrophes inside words (`didn't`) are plain characters. A quote that is never closed stays a
 * plain character too, so the token's value starts with it: the parser refuses such a value
 * where it expects a name (see `assertClosed` in parse-args) and keeps it verbatim in notes.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (SPACE.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    const close = QUOTES.has(ch) ? text.indexOf(ch, i + 1) : -1;
    if (close > 0) {
      tokens.push({ value: text.slice(i + 1, close), quoted: true, start, end: close + 1 });
      i = close + 1;
      continue;
    }
    let value = '';
    while (i < text.length && !SPACE.test(text.charAt(i))) {
      const c = text.charAt(i);
      const markupEnd = c === '<' ? text.indexOf('>', i) : -1;
      const quoteEnd = QUOTES.has(c) && value.endsWith('=') ? text.indexOf(c, i + 1) : -1;
      if (markupEnd > 0) {
        value += text.slice(i, markupEnd + 1);
        i = markupEnd + 1;
      } else if (quoteEnd > 0) {
        value += text.slice(i + 1, quoteEnd);
        i = quoteEnd + 1;
      } else {
        value += c;
        i++;
      }
    }
    tokens.push({ value, quoted: false, start, end: i });
  }
  return tokens;
}
