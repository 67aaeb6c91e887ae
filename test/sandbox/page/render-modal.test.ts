import { describe, expect, it } from 'vitest';
import { renderBlocks, renderModal } from '../../../src/sandbox/page/render-blocks';
import { attr, plain, tagWithId } from './html-tags';

const names = { userName: (id: string) => id, channelName: (id: string) => id };
const form = (blocks: unknown[], errors?: Record<string, string>) =>
  renderBlocks(blocks, { ...names, surface: 'modal', idPrefix: 'v1', ...(errors ? { errors } : {}) });

const notes = {
  type: 'input',
  block_id: 'notes',
  label: plain('Notes'),
  hint: plain('Who you met'),
  element: {
    type: 'plain_text_input',
    action_id: 'text',
    multiline: true,
    max_length: 2000,
    min_length: 2,
    placeholder: plain('Type here'),
    initial_value: '<b>hi</b>',
  },
};

describe('input blocks', () => {
  it('labels the control, names the field and marks it required', () => {
    const html = form([notes]);
    expect(html).toContain(
      '<label class="bk-label" for="v1-notes-text" id="v1-notes-text-label">Notes</label>',
    );
    const area = tagWithId(html, 'v1-notes-text');
    expect(area).toMatch(/^<textarea/);
    expect(attr(area, 'name')).toBe('notes.text');
    expect(attr(area, 'aria-required')).toBe('true');
    expect(attr(area, 'maxlength')).toBe('2000');
    expect(attr(area, 'minlength')).toBe('2');
    expect(attr(area, 'placeholder')).toBe('Type here');
    expect(attr(area, 'aria-describedby')).toBe('v1-notes-hint');
    expect(html).toContain('>&lt;b&gt;hi&lt;/b&gt;</textarea>');
    expect(html).toContain('<div class="bk-hint" id="v1-notes-hint">Who you met</div>');
  });

  it('says "(optional)" on an optional field, which is not required', () => {
    const html = form([{ ...notes, optional: true }]);
    expect(html).toContain('Notes <span class="bk-optional">(optional)</span></label>');
    expect(attr(tagWithId(html, 'v1-notes-text'), 'aria-required')).toBeUndefined();
  });

  it('shows an error under its field and ties it to the control', () => {
    const html = form(
      [
        notes,
        {
          type: 'input',
          block_id: 'date',
          label: plain('Date'),
          element: { type: 'datepicker', action_id: 'pick', initial_date: '2026-11-20' },
        },
      ],
      {
        notes: 'Notes are too <long>',
      },
    );
    expect(html).toContain('<div class="bk-error" id="v1-notes-error">Notes are too &lt;long&gt;</div>');
    const area = tagWithId(html, 'v1-notes-text');
    expect(attr(area, 'aria-invalid')).toBe('true');
    expect(attr(area, 'aria-describedby')).toBe('v1-notes-error v1-notes-hint');
    const date = tagWithId(html, 'v1-date-pick');
    expect(attr(date, 'aria-invalid')).toBeUndefined();
    expect(attr(date, 'type')).toBe('date');
    expect(attr(date, 'value')).toBe('2026-11-20');
  });

  it('renders number, time, email, url, checkbox and radio inputs with their initial values', () => {
    const input = (block_id: string, element: object, extra: object = {}) => ({
      type: 'input',
      block_id,
      label: plain(block_id),
      element,
      ...extra,
    });
    const opt = (value: string) => ({ text: plain(value.toUpperCase()), value });
    const html = form([
      input('count', {
        type: 'number_input',
        action_id: 'n',
        is_decimal_allowed: false,
        min_value: '1',
        max_value: '1000',
        initial_value: '3',
      }),
      input('share', { type: 'number_input', action_id: 'n', is_decimal_allowed: true }),
      input('at', { type: 'timepicker', action_id: 't', initial_time: '09:30' }, { dispatch_action: true }),
      input('mail', { type: 'email_text_input', action_id: 'e', initial_value: 'a@example.com' }),
      input('link', { type: 'url_text_input', action_id: 'u' }),
      input('kinds', {
        type: 'checkboxes',
        action_id: 'c',
        options: [opt('a'), opt('b')],
        initial_options: [opt('b')],
      }),
      input('sev', {
        type: 'radio_buttons',
        action_id: 'r',
        options: [opt('low'), opt('high')],
        initial_option: opt('high'),
      }),
    ]);
    const count = tagWithId(html, 'v1-count-n');
    expect([
      attr(count, 'type'),
      attr(count, 'inputmode'),
      attr(count, 'step'),
      attr(count, 'min'),
      attr(count, 'max'),
      attr(count, 'value'),
    ]).toEqual(['number', 'numeric', '1', '1', '1000', '3']);
    expect([
      attr(tagWithId(html, 'v1-share-n'), 'inputmode'),
      attr(tagWithId(html, 'v1-share-n'), 'step'),
    ]).toEqual(['decimal', 'any']);
    const time = tagWithId(html, 'v1-at-t');
    expect([attr(time, 'type'), attr(time, 'value'), attr(time, 'data-dispatch')]).toEqual([
      'time',
      '09:30',
      'true',
    ]);
    expect(attr(tagWithId(html, 'v1-mail-e'), 'type')).toBe('email');
    expect(attr(tagWithId(html, 'v1-link-u'), 'type')).toBe('url');
    const kinds = tagWithId(html, 'v1-kinds-c');
    expect([attr(kinds, 'role'), attr(kinds, 'aria-labelledby'), attr(kinds, 'data-element')]).toEqual([
      'group',
      'v1-kinds-c-label',
      'checkboxes',
    ]);
    expect(html).toContain('<span class="bk-label" id="v1-kinds-c-label">kinds</span>');
    expect(html).toContain('<input type="checkbox" name="kinds.c" value="b" checked="checked">');
    expect(html).toContain('<input type="checkbox" name="kinds.c" value="a">');
    expect(attr(tagWithId(html, 'v1-sev-r'), 'role')).toBe('radiogroup');
    expect(html).toContain(
      '<input type="radio" name="sev.r" value="high" checked="checked"><span class="bk-option-text">HIGH</span>',
    );
  });
  it('renders a file_input as a labelled file picker: several files when max_files allows, its file types', () => {
    const files = (element: Record<string, unknown>) =>
      form([{ type: 'input', block_id: 'files', optional: true, label: plain('Evidence'), element }]);
    const many = files({
      type: 'file_input',
      action_id: 'pick',
      max_files: 5,
      filetypes: ['pdf', 'png', 'x"y'],
    });
    expect(many).toContain('<label class="bk-label" for="v1-files-pick" id="v1-files-pick-label">Evidence');
    const picker = tagWithId(many, 'v1-files-pick');
    expect(picker).toMatch(/^<input type="file"/);
    expect(attr(picker, 'name')).toBe('files.pick');
    expect(attr(picker, 'multiple')).toBe('multiple');
    expect(attr(picker, 'accept')).toBe('.pdf,.png');
    expect(attr(picker, 'data-element')).toBe('file_input');
    const one = tagWithId(files({ type: 'file_input', action_id: 'pick', max_files: 1 }), 'v1-files-pick');
    expect(attr(one, 'multiple')).toBeUndefined();
    expect(attr(one, 'accept')).toBeUndefined();
  });
});

describe('renderModal', () => {
  const view = {
    type: 'modal',
    callback_id: 'log_modal',
    title: plain('Log activity'),
    submit: plain('Log'),
    close: plain('Back'),
    blocks: [notes],
  };

  it('is a dialog labelled by its title, with a submit button named by the submit text', () => {
    const html = renderModal(view, {
      ...names,
      idPrefix: 'v7',
      viewId: 'V7',
      errors: { notes: 'Too short' },
    });
    expect(html).toMatch(
      /^<div class="bk-modal" role="dialog" aria-modal="true" aria-labelledby="v7-title" data-view-id="V7" data-callback-id="log_modal"><form class="bk-modal-form" novalidate><h2 id="v7-title">Log activity<\/h2><div class="bk-modal-body">/,
    );
    expect(html).toContain(
      '<button type="button" class="bk-button bk-close" data-modal="close">Back</button><button type="submit" class="bk-button bk-primary" data-modal="submit">Log</button></div></form></div>',
    );
    expect(html).toContain('id="v7-notes-error">Too short</div>');
  });

  it('has a Cancel button and no submit button when the view sets none', () => {
    const html = renderModal(
      { ...view, submit: undefined, close: undefined },
      { ...names, idPrefix: 'v8', viewId: 'V8' },
    );
    expect(html).toContain('data-modal="close">Cancel</button></div>');
    expect(html).not.toContain('type="submit"');
  });

  it('never throws on a malformed view', () => {
    for (const junk of [
      null,
      'modal',
      { title: 5, blocks: 'x' },
      { type: 'home', blocks: [{ type: 'nope' }] },
    ])
      expect(renderModal(junk, { ...names, idPrefix: 'v9', viewId: 'V9' })).toContain('role="dialog"');
    const escaped = renderModal(
      { callback_id: '"><script>', title: plain('<b>') },
      { ...names, idPrefix: 'v9', viewId: 'V9' },
    );
    expect(escaped).not.toMatch(/<script|<b>/);
  });
});
