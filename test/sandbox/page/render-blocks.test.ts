import { describe, expect, it } from 'vitest';
import { type RenderOptions, renderBlocks } from '../../../src/sandbox/page/render-blocks';
import { attr, plain, tagWithId } from './html-tags';

const names = {
  userName: (id: string) => ({ U1: 'Wang Fang' })[id] ?? id,
  channelName: (id: string) => ({ C1: 'oversight' })[id] ?? id,
};
const opts = (over: Partial<RenderOptions> = {}): RenderOptions => ({
  ...names,
  surface: 'message',
  idPrefix: 'm1',
  ...over,
});

describe('message blocks', () => {
  it('renders a status-like section: text, a grid of fields and a button the client can act on', () => {
    const html = renderBlocks(
      [
        {
          type: 'section',
          block_id: 'unit_moc',
          text: { type: 'mrkdwn', text: '*Ministry of Commerce* · <@U1>' },
          fields: [
            { type: 'mrkdwn', text: '*This week*\n3' },
            { type: 'plain_text', text: 'Open: 1' },
          ],
          accessory: {
            type: 'button',
            action_id: 'open_log',
            text: plain('Log'),
            value: 'moc',
            style: 'primary',
          },
        },
      ],
      opts(),
    );
    expect(html).toContain(
      '<strong>Ministry of Commerce</strong> · <span class="mention" data-user-id="U1">@Wang Fang</span>',
    );
    expect(html).toContain(
      '<div class="bk-fields"><div class="bk-field"><strong>This week</strong><br>3</div><div class="bk-field">Open: 1</div></div>',
    );
    const button = tagWithId(html, 'm1-unit_moc-open_log');
    expect(button).toMatch(/^<button type="button" class="bk-button bk-primary"/);
    expect(attr(button, 'data-action-id')).toBe('open_log');
    expect(attr(button, 'data-block-id')).toBe('unit_moc');
    expect(attr(button, 'data-element')).toBe('button');
    expect(attr(button, 'data-value')).toBe('moc');
    expect(html).toContain('>Log</button>');
  });

  it('gives blocks without a block_id a stable one', () => {
    const blocks = [
      { type: 'divider' },
      { type: 'actions', elements: [{ type: 'button', action_id: 'a', text: plain('A') }] },
    ];
    const first = renderBlocks(blocks, opts());
    expect(attr(tagWithId(first, 'm1-b1-a'), 'data-block-id')).toBe('b1');
    expect(renderBlocks(blocks, opts())).toBe(first);
  });

  it('carries a button link and a confirm dialog for the client, dropping unsafe links', () => {
    const html = renderBlocks(
      [
        {
          type: 'actions',
          block_id: 'acts',
          elements: [
            { type: 'button', action_id: 'docs', text: plain('Docs'), url: 'https://example.com/docs' },
            { type: 'button', action_id: 'bad', text: plain('Bad'), url: 'javascript:alert(1)' },
            {
              type: 'button',
              action_id: 'archive',
              style: 'danger',
              text: plain('Archive'),
              confirm: {
                title: plain('Sure?'),
                text: { type: 'mrkdwn', text: 'R&amp;D goes' },
                confirm: plain('Yes'),
                deny: plain('No'),
              },
            },
          ],
        },
      ],
      opts(),
    );
    expect(attr(tagWithId(html, 'm1-acts-docs'), 'data-url')).toBe('https://example.com/docs');
    expect(attr(tagWithId(html, 'm1-acts-bad'), 'data-url')).toBeUndefined();
    const archive = tagWithId(html, 'm1-acts-archive');
    expect(archive).toContain('bk-danger');
    const confirm = JSON.parse(
      (attr(archive, 'data-confirm') ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&'),
    );
    expect(confirm).toEqual({ title: 'Sure?', text: 'R&D goes', confirm: 'Yes', deny: 'No' });
  });

  it('renders headers, dividers, context, images and rich text', () => {
    const html = renderBlocks(
      [
        { type: 'header', text: plain('Weekly digest :memo:') },
        { type: 'divider' },
        {
          type: 'context',
          elements: [
            { type: 'image', image_url: 'https://example.com/i.png', alt_text: 'logo' },
            { type: 'mrkdwn', text: '_small print_' },
          ],
        },
        {
          type: 'image',
          image_url: 'https://example.com/chart.png',
          alt_text: 'coverage chart',
          title: plain('Coverage'),
        },
        {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_section',
              elements: [
                { type: 'text', text: 'hi ', style: { bold: true } },
                { type: 'user', user_id: 'U1' },
                { type: 'link', url: 'https://example.com', text: 'site' },
                { type: 'emoji', name: 'tada' },
              ],
            },
            {
              type: 'rich_text_list',
              style: 'ordered',
              elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'one' }] }],
            },
          ],
        },
      ],
      opts(),
    );
    expect(html).toContain(
      '<h3 class="bk-header">Weekly digest <span class="emoji" title=":memo:">📝</span></h3>',
    );
    expect(html).toContain('<hr class="bk-divider">');
    expect(html).toContain('alt="logo"');
    expect(html).toContain('<em>small print</em>');
    expect(html).toMatch(
      /<figure class="bk-image-block"><img[^>]* src="https:\/\/example.com\/chart.png" alt="coverage chart"[^>]*><figcaption>Coverage<\/figcaption><\/figure>/,
    );
    expect(html).toContain('<strong>hi </strong><span class="mention">@Wang Fang</span>');
    expect(html).toContain('🎉');
    expect(html).toContain('<ol><li>one</li></ol>');
  });

  it('never throws on unknown or malformed blocks', () => {
    const junk = [
      { type: 'carousel' },
      null,
      5,
      'x',
      { type: 'section', text: 5, fields: 'no' },
      { type: 'actions', elements: [null, { type: 'magic' }] },
      { type: 'input' },
      {},
    ];
    const html = renderBlocks(junk, opts());
    expect(html).toContain('<div class="bk-unsupported">unsupported block: carousel</div>');
    expect(html).toContain('unsupported element: magic');
    expect(renderBlocks('blocks', opts())).toBe('');
    expect(renderBlocks(undefined, opts())).toBe('');
    const throwing = opts({
      userName: () => {
        throw new Error('boom');
      },
    });
    expect(renderBlocks([{ type: 'section', text: { type: 'mrkdwn', text: '<@U1>' } }], throwing)).toContain(
      'unsupported block: section',
    );
  });
});

describe('select menus', () => {
  const options = [
    { text: plain('Commerce'), value: 'moc' },
    { text: plain('Finance'), value: 'mof' },
  ];

  it('opens a static select on its placeholder, or on its initial option', () => {
    const block = (extra: object) => ({
      type: 'section',
      block_id: 's',
      text: plain('Unit'),
      accessory: {
        type: 'static_select',
        action_id: 'pick',
        placeholder: plain('Choose a unit'),
        options,
        ...extra,
      },
    });
    const empty = renderBlocks([block({})], opts());
    expect(empty).toContain('<option value="">Choose a unit</option><option value="moc">Commerce</option>');
    expect(attr(tagWithId(empty, 'm1-s-pick'), 'aria-label')).toBe('Choose a unit');
    const chosen = renderBlocks([block({ initial_option: options[1] })], opts());
    expect(chosen).toContain('<option value="mof" selected="selected">Finance</option>');
  });

  it('renders option groups, multi selects, people menus and the overflow menu', () => {
    const html = renderBlocks(
      [
        {
          type: 'actions',
          block_id: 'menus',
          elements: [
            {
              type: 'static_select',
              action_id: 'grouped',
              option_groups: [{ label: plain('Ministries'), options }],
            },
            { type: 'multi_static_select', action_id: 'multi', options, initial_options: options },
            { type: 'users_select', action_id: 'who', initial_user: 'U1' },
            { type: 'conversations_select', action_id: 'where', initial_conversation: 'C1' },
            {
              type: 'overflow',
              action_id: 'more',
              options: [{ text: plain('Help'), value: 'help', url: 'https://example.com' }],
            },
          ],
        },
      ],
      opts(),
    );
    expect(html).toContain('<optgroup label="Ministries"><option value="moc">Commerce</option>');
    expect(tagWithId(html, 'm1-menus-multi')).toContain('multiple="multiple"');
    expect(html.match(/selected="selected"/g)?.length).toBe(4);
    expect(html).toContain('<option value="U1" selected="selected">@Wang Fang</option>');
    expect(html).toContain('<option value="C1" selected="selected">#oversight</option>');
    const more = tagWithId(html, 'm1-menus-more');
    expect(more).toContain('class="bk-overflow"');
    expect(attr(more, 'aria-label')).toBe('More actions');
    expect(html).toContain(
      '<option value="">⋯</option><option value="help" data-url="https://example.com">Help</option>',
    );
  });

  it('renders an external select as a combobox filled by the client', () => {
    const html = renderBlocks(
      [
        {
          type: 'input',
          block_id: 'unit',
          label: plain('Unit'),
          element: {
            type: 'external_select',
            action_id: 'find',
            min_query_length: 0,
            initial_option: options[0],
          },
        },
      ],
      opts({ surface: 'modal', idPrefix: 'v1' }),
    );
    const input = tagWithId(html, 'v1-unit-find');
    expect(attr(input, 'role')).toBe('combobox');
    expect(attr(input, 'aria-autocomplete')).toBe('list');
    expect(attr(input, 'list')).toBe('v1-unit-find-options');
    expect(attr(input, 'autocomplete')).toBe('off');
    expect(attr(input, 'data-min-query-length')).toBe('0');
    expect(attr(input, 'value')).toBe('Commerce');
    expect(attr(input, 'data-selected-value')).toBe('moc');
    expect(html).toContain('<datalist id="v1-unit-find-options"></datalist>');
  });
});
