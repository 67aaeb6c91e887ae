import { describe, expect, it } from 'vitest';
import type { Unit } from '../../src/domain/types';
import { IMPORT_MAX_UNITS, type LineProblem } from '../../src/domain/unit-import';
import { UNIT_IMPORT_BLOCKS as B, UNIT_IMPORT_MODAL } from '../../src/views/ids';
import { importErrorText, unitImportModal, unitsImportedMessage } from '../../src/views/unit-import-modal';
import { assertValidBlocks, assertValidModal } from '../support/block-kit';
import { allText } from '../support/slack-text';

/** Slack shows a field's error in full; we keep it to what a label may carry. */
const FIELD_ERROR_MAX = 2000;

describe('the unit import form', () => {
  it('is one rich text box, so that @ picks a person, with the format as its hint', () => {
    for (const lang of ['en', 'zh'] as const) {
      const view = unitImportModal(lang, '{"t":"T1","g":"C1","c":"C1"}');
      assertValidModal(view as unknown as { blocks: unknown[] });
      expect(view.callback_id).toBe(UNIT_IMPORT_MODAL);
      const input = view.blocks.find((b) => b.type === 'input');
      expect(input).toMatchObject({
        block_id: B.lines,
        element: { type: 'rich_text_input', action_id: B.linesAction },
      });
      expect(allText(view)).toContain(String(IMPORT_MAX_UNITS));
    }
    expect(allText(unitImportModal('en', '{}'))).toContain('name, key, kind, @liaison');
    expect(allText(unitImportModal('zh', '{}'))).toContain('名称，简称，类别，@联络员');
  });
});

describe('the errors under the box', () => {
  it('lists every bad line in line order, each with all its problems', () => {
    const problems: LineProblem[] = [
      { line: 9, code: 'key_repeated', key: 'moc', first: 2 },
      { line: 3, code: 'not_a_mention', text: '@Li Wei' },
      { line: 3, code: 'bad_key', value: 'Not A Key' },
    ];
    expect(importErrorText('en', problems).split('\n')).toEqual([
      'line 3: “@Li Wei” is not a Slack mention: type @ and pick the person from the list (or write <@U…>); ' +
        "“Not A Key” can't be a key: use a short lower-case slug such as moc (letters, digits, - and _), or leave it empty",
      'line 9: the key “moc” is already given on line 2',
    ]);
    expect(importErrorText('zh', problems).split('\n')[1]).toBe('第9行：简称“moc”与第2行重复');
  });

  it('stays within one field error when every line is bad, and says how many were left out', () => {
    const problems: LineProblem[] = Array.from({ length: IMPORT_MAX_UNITS }, (_, i) => ({
      line: i + 1,
      code: 'not_a_mention',
      text: `@Somebody With A Long Name ${i}`,
    }));
    for (const lang of ['en', 'zh'] as const) {
      const text = importErrorText(lang, problems);
      expect(text.length).toBeLessThanOrEqual(FIELD_ERROR_MAX);
      const lines = text.split('\n');
      const shown = lines.length - 1;
      expect(shown).toBeGreaterThan(5);
      expect(lines.at(-1)).toContain(String(IMPORT_MAX_UNITS - shown));
    }
  });
});

describe('the confirmation', () => {
  const unit = (i: number): Unit => ({
    key: `unit-with-a-long-key-${i}`.slice(0, 32),
    name: `${'Ministry of Very Long Names & <Things> '.repeat(2).slice(0, 78)} ${i}`,
    kind: 'k'.repeat(40),
    liaisons: ['U0AAAAAAAA', 'U0BBBBBBBB', 'U0CCCCCCCC'],
    archived: false,
    createdAt: 0,
  });

  it('names each unit added with its key, kind and liaisons', () => {
    const message = unitsImportedMessage('en', 'Group <14>', [unit(1)]);
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('Imported 1 unit into *Group &lt;14&gt;*');
    expect(text).toContain('`unit-with-a-long-key-1`');
    expect(text).toContain('<@U0BBBBBBBB>');
    expect(text).toContain('&amp; &lt;Things&gt;');
  });

  it('fits in one message for the most units an import takes, saying how many more there are', () => {
    for (const lang of ['en', 'zh'] as const) {
      const message = unitsImportedMessage(
        lang,
        'Group',
        Array.from({ length: IMPORT_MAX_UNITS }, (_, i) => unit(i)),
      );
      assertValidBlocks(message);
      expect(message.text).toContain(String(IMPORT_MAX_UNITS));
      const shown = (allText(message).match(/• /g) ?? []).length;
      expect(shown).toBeGreaterThan(100);
      expect(allText(message)).toContain(String(IMPORT_MAX_UNITS - shown));
    }
  });
});
