/**
 * Users type on Chinese keyboards as often as on English ones: `／dudao log 访谈 “发改委” ｎ＝３`.
 * Normalisation maps the forms that carry syntax to ASCII and leaves everything else alone.
 *
 * Every replacement is one UTF-16 unit for one, so offsets into the normalised text are also
 * offsets into the original: the parser can cut notes out of either.
 */

/**
 * Full-width forms (U+FF01–U+FF5E) kept as typed: Chinese punctuation that belongs in names and
 * notes (`国家发展和改革委员会（发改委）`, `已整改，待复核！`), and `＜ ＞ ＆`, which as ASCII would
 * read as Slack markup or escapes that the user never typed.
 */
const KEEP_FULL_WIDTH = new Set('！（），：；？［］｛｝～＜＞＆＠'.split(''));

const CURLY_QUOTES: Record<string, string> = {
  '\u201c': '"', // “
  '\u201d': '"', // ”
  '\u2018': "'", // ‘
  '\u2019': "'", // ’
};

/**
 * Maps full-width space, `＝`, curly quotes and full-width letters, digits and the few symbols
 * that appear in keys, dates and ids (`－ ＿ ． ／ ＃`) to ASCII. Chinese punctuation, including
 * `，` and `、`, is left for the parser, which reads it as a separator only inside lists.
 */
export function normalizeInput(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code === 0x3000) out += ' ';
    else if (ch in CURLY_QUOTES) out += CURLY_QUOTES[ch];
    else if (code >= 0xff01 && code <= 0xff5e && !KEEP_FULL_WIDTH.has(ch))
      out += String.fromCharCode(code - 0xfee0);
    else out += ch;
  }
  return out;
}
