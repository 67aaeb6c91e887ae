import { describe, expect, it } from 'vitest';
import { escapeHtml, mrkdwnToHtml, plainToHtml } from '../../../src/sandbox/page/mrkdwn-html';

const names = {
  userName: (id: string) => ({ U1: 'Wang Fang', U2: 'Li' })[id] ?? id,
  channelName: (id: string) => ({ C1: 'oversight' })[id] ?? id,
};
const html = (text: string) => mrkdwnToHtml(text, names);

/** What a reader sees: the text without its tags, entities decoded. */
function visible(h: string): string {
  return h
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(
      /&(lt|gt|quot|#39|amp);/g,
      (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e] ?? '',
    );
}

describe('mrkdwnToHtml formatting', () => {
  it('renders bold, italic, strike and code, nested bold and italic too', () => {
    expect(html('*bold* _italic_ ~gone~ `a *b*`')).toBe(
      '<strong>bold</strong> <em>italic</em> <del>gone</del> <code>a *b*</code>',
    );
    expect(html('*_both_*')).toBe('<strong><em>both</em></strong>');
    expect(html('(*in brackets*).')).toBe('(<strong>in brackets</strong>).');
  });

  it('formats only at word boundaries, as Slack does', () => {
    expect(html('snake_case_word')).toBe('snake_case_word');
    expect(html('2*3*4')).toBe('2*3*4');
    expect(html('* not bold *')).not.toContain('<strong>');
    expect(html('a *b* c')).toBe('a <strong>b</strong> c');
    // Chinese text is made of word characters: full-width punctuation is a boundary.
    expect(html('未整改 2 个（*逾期 1 个*）')).toBe('未整改 2 个（<strong>逾期 1 个</strong>）');
    expect(html('中文*不*粗')).toBe('中文*不*粗');
  });

  it('keeps code blocks unformatted and on their own lines', () => {
    expect(html('before\n```\n*x* <@U1> &amp;\nline 2\n```\nafter')).toBe(
      'before<pre>*x* @Wang Fang &amp;\nline 2</pre>after',
    );
    expect(html('an ``` unclosed fence')).toBe('an ``` unclosed fence');
  });

  it('turns quoted lines into one blockquote, and breaks other lines', () => {
    expect(html('&gt; first\n&gt; second\nafter\nmore')).toBe(
      '<blockquote>first<br>second</blockquote>after<br>more',
    );
    expect(html('&gt;&gt;&gt; all\nof this')).toBe('<blockquote>all<br>of this</blockquote>');
  });

  it('turns bullet and numbered lines into lists', () => {
    expect(html('Units:\n• *moc* · 3\n- two\n* three')).toBe(
      'Units:<ul><li><strong>moc</strong> · 3</li><li>two</li><li>three</li></ul>',
    );
    expect(html('1. add members\n2. add units')).toBe('<ol><li>add members</li><li>add units</li></ol>');
    expect(html('3. third')).toBe('<ol start="3"><li>third</li></ol>');
  });
});

describe('mrkdwnToHtml links and mentions', () => {
  it('links http, https and mailto, in a new tab', () => {
    expect(html('<https://example.com/a?b=1&amp;c=2|the plan>')).toBe(
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener">the plan</a>',
    );
    expect(html('<https://example.com>')).toContain('>https://example.com</a>');
    expect(html('<mailto:a@example.com|mail me>')).toBe(
      '<a href="mailto:a@example.com" target="_blank" rel="noopener">mail me</a>',
    );
  });

  it('shows any other link as text', () => {
    expect(html('<javascript:alert(1)|click>')).toBe('click');
    expect(html('<ftp://x.example>')).not.toContain('<a');
  });

  it('names users and channels, preferring the known name over the one in the text', () => {
    expect(html('<@U1|x>')).toBe('<span class="mention" data-user-id="U1">@Wang Fang</span>');
    expect(html('<@U2>')).toContain('>@Li</span>');
    expect(html('<@U9|zhao>')).toContain('>@zhao</span>');
    expect(html('<@U9>')).toContain('>@U9</span>');
    expect(html('<#C1>')).toBe('<span class="mention" data-channel-id="C1">#oversight</span>');
    expect(html('<#C7|general>')).toContain('>#general</span>');
  });

  it('shows broadcasts and user groups as mentions', () => {
    expect(html('<!here> <!channel> <!everyone>')).toBe(
      '<span class="mention">@here</span> <span class="mention">@channel</span> <span class="mention">@everyone</span>',
    );
    expect(html('<!subteam^S1|@leaders>')).toBe('<span class="mention">@leaders</span>');
  });

  it('formats dates in UTC inside a <time>', () => {
    expect(html('<!date^1700000000^{date_short} at {time}|Nov 14>')).toBe(
      '<time datetime="2023-11-14T22:13:20.000Z">14 Nov 2023 at 22:13</time>',
    );
    expect(visible(html('<!date^1700000000^{date_long} {time_secs}|x>'))).toBe(
      'Tuesday, 14 November 2023 22:13:20',
    );
    expect(visible(html('<!date^1700000000^{date_num} {date}^https://example.com|x>'))).toBe(
      '2023-11-14 14 November 2023',
    );
    expect(html('<!date^soon^{date}|some day>')).toBe('some day');
  });

  it('turns known emoji shortcodes into emoji and leaves others as typed', () => {
    expect(html(':white_check_mark: done')).toBe(
      '<span class="emoji" title=":white_check_mark:">✅</span> done',
    );
    expect(visible(html(':+1::skin-tone-2: :no_such_emoji: at 10:30:45'))).toBe(
      '👍🏻 :no_such_emoji: at 10:30:45',
    );
  });
});

describe('escaping', () => {
  it('shows Slack-escaped text once, never double-escaped', () => {
    expect(html('R&amp;D &lt;b&gt; &amp;lt;')).toBe('R&amp;D &lt;b&gt; &amp;lt;');
    expect(visible(html('R&amp;D &lt;b&gt; &amp;lt;'))).toBe('R&D <b> &lt;');
  });

  it('keeps hostile notes inert', () => {
    const note = '<script>alert(1)</script> &lt;!channel&gt; " onmouseover="x \' <@U1|"><img src=x>';
    const out = html(note);
    expect(out).not.toMatch(/<script|<img|onmouseover="/);
    expect(visible(out)).toContain('<script>alert(1)</script> <!channel> " onmouseover="x \'');
    expect(out).not.toContain('class="mention">@channel');
  });

  it('never lets random input produce markup of its own', () => {
    const alphabet = [
      '<',
      '>',
      '&',
      '"',
      "'",
      '*',
      '_',
      '~',
      '`',
      ':',
      '|',
      '@',
      '#',
      '!',
      '^',
      '\n',
      ' ',
      '&gt;',
    ];
    const words = ['script', 'onmouseover=', 'javascript:', 'https://x', 'U1', 'img src=x', 'smile', '```'];
    const allowed =
      /^<\/?(strong|em|del|code|pre|blockquote|ul|ol|li|br|a|span|time)(\s+[a-z-]+="[^"<>]*")*>$/;
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let run = 0; run < 500; run++) {
      let input = '';
      for (let k = rand(40); k > 0; k--)
        input += rand(4) === 0 ? (words[rand(words.length)] ?? '') : (alphabet[rand(alphabet.length)] ?? '');
      const out = html(input);
      for (const tag of out.match(/<[^>]*>/g) ?? []) expect(tag, input).toMatch(allowed);
      for (const href of out.match(/href="[^"]*"/g) ?? []) expect(href).toMatch(/^href="(https?:|mailto:)/);
      expect(out.replace(/<[^>]*>/g, ''), input).not.toMatch(/[<>"']/);
    }
  });

  it('escapeHtml escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('plainToHtml', () => {
  it('escapes the text as typed, with emoji by default', () => {
    expect(plainToHtml('Log :memo: <b>R&D</b>')).toBe(
      'Log <span class="emoji" title=":memo:">📝</span> &lt;b&gt;R&amp;D&lt;/b&gt;',
    );
    expect(plainToHtml('Log :memo:', false)).toBe('Log :memo:');
    expect(plainToHtml('&amp;')).toBe('&amp;amp;');
  });
});
