/** Text people type into notes, names and findings that tries to ping, forge or link. */
import fc from 'fast-check';

const PIECES = [
  ...['<@U0WANG001>', '<@U0LEAD001|lead>', '<@W0GRID01>', '<#C0GROUP14>', '<#C0GROUP14|group>', '<!channel>'],
  ...[
    '<!here>',
    '<!everyone>',
    '<!subteam^S0TEAM|@team>',
    '<!date^1700000000^{date}|x>',
    '<https://evil.example|x>',
  ],
  ...[
    '<https://evil.example>',
    '<http://a.example|b>',
    '<mailto:a@b.example|mail>',
    '<tel:123>',
    '<',
    '>',
    '&',
  ],
  ...[
    '&amp;',
    '&lt;',
    '&gt;',
    '&lt;!channel&gt;',
    '&#60;',
    '&quot;',
    '&amp;lt;',
    '<@',
    '<!',
    '<http',
    '|',
    '>>',
  ],
  ...[
    '\u200b',
    '\u200c',
    '\u200d',
    '\u2060',
    '\ufeff',
    '\u202e',
    '＜＠U0WANG001＞',
    '＜!channel＞',
    '＆',
    '＠here',
  ],
  ...['@channel', '@here', '*', '_', '~', '`', '```', '\n', ' ', '\t', '商务部', '😀', 'e\u0301'],
];

/** A random user, channel or special token in Slack's markup. */
const forged = fc.oneof(
  fc.stringMatching(/^[UW][A-Z0-9]{2,10}$/).map((id) => `<@${id}>`),
  fc.stringMatching(/^[CG][A-Z0-9]{2,10}$/).map((id) => `<#${id}>`),
  fc.constantFrom('channel', 'here', 'everyone').map((s) => `<!${s}>`),
  fc.webUrl().map((url) => `<${url}|x>`),
);

/**
 * 1 to 8 pieces: Slack markup, entities, zero-width and full-width look-alikes, mrkdwn symbols,
 * arbitrary Unicode. At most 80 UTF-16 units once escaped, so that no view has to cut it.
 */
export const hostileText = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...PIECES) },
      { weight: 2, arbitrary: forged },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((pieces) => {
    let out = '';
    let escaped = 0;
    for (const ch of pieces.join('')) {
      const cost = ch === '&' ? 5 : ch === '<' || ch === '>' ? 4 : ch.length;
      if (escaped + cost > 80) break;
      out += ch;
      escaped += cost;
    }
    return out;
  })
  .filter((t) => t.trim() !== '');
