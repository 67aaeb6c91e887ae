import { describe, expect, it } from 'vitest';
import { richTextOf, submittedValues } from '../../src/sandbox/rich-text-input';
import { Workspace } from '../../src/sandbox/workspace';

function workspace(): Workspace {
  const ws = new Workspace({
    teamId: 'T0SB',
    teamName: 'Sandbox',
    botUserId: 'U0BOT',
    botId: 'B0BOT',
    appId: 'A0APP',
  });
  ws.addUser({ id: 'U0LIWEN', name: 'liwen', real_name: '李文', tz: 'Asia/Shanghai', is_bot: false });
  ws.addUser({ id: 'U0HELEN', name: 'helen.carter', real_name: 'Helen Carter', tz: 'UTC', is_bot: false });
  ws.addUser({ id: 'U0HEL', name: 'hel', real_name: 'Hel', tz: 'UTC', is_bot: false });
  return ws;
}

describe('a rich_text_input in the local workspace', () => {
  it('submits the people named with @ as user elements, by handle, real name or id', () => {
    const rich = richTextOf(
      workspace(),
      '商务部，moc，部委，@李文、@helen.carter\nMoF, mof, , @Helen Carter @U0HEL',
    );
    expect(rich).toEqual({
      type: 'rich_text',
      elements: [
        {
          type: 'rich_text_section',
          elements: [
            { type: 'text', text: '商务部，moc，部委，' },
            { type: 'user', user_id: 'U0LIWEN' },
            { type: 'text', text: '、' },
            { type: 'user', user_id: 'U0HELEN' },
            { type: 'text', text: '\nMoF, mof, , ' },
            { type: 'user', user_id: 'U0HELEN' },
            { type: 'text', text: ' ' },
            { type: 'user', user_id: 'U0HEL' },
          ],
        },
      ],
    });
  });

  it('leaves as text an @ that names nobody, one inside a word, and typed markup', () => {
    const rich = richTextOf(workspace(), '@Li Wei, a@liwen, <@U0LIWEN>, @helenx');
    expect(rich).toEqual({
      type: 'rich_text',
      elements: [
        {
          type: 'rich_text_section',
          elements: [{ type: 'text', text: '@Li Wei, a@liwen, <@U0LIWEN>, @helenx' }],
        },
      ],
    });
  });

  it('turns only the rich_text_input of a submitted view into rich_text_value', () => {
    const view = {
      blocks: [
        { type: 'input', block_id: 'lines', element: { type: 'rich_text_input', action_id: 'lines_input' } },
        { type: 'input', block_id: 'notes', element: { type: 'plain_text_input', action_id: 'notes_input' } },
      ],
    };
    const values = {
      lines: { lines_input: { type: 'rich_text_input', value: 'x, @liwen' } },
      notes: { notes_input: { type: 'plain_text_input', value: '@liwen' } },
    };
    const out = submittedValues(workspace(), view, values);
    expect(out.notes).toEqual(values.notes);
    expect(out.lines?.lines_input).toEqual({
      type: 'rich_text_input',
      rich_text_value: {
        type: 'rich_text',
        elements: [
          {
            type: 'rich_text_section',
            elements: [
              { type: 'text', text: 'x, ' },
              { type: 'user', user_id: 'U0LIWEN' },
            ],
          },
        ],
      },
    });
    expect(values.lines.lines_input).toEqual({ type: 'rich_text_input', value: 'x, @liwen' });
  });
});
