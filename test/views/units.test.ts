import { describe, expect, it } from 'vitest';
import { unitListMessage } from '../../src/views/units';
import { assertValidBlocks } from '../support/block-kit';
import { allText } from '../support/slack-text';
import { HOSTILE, longChineseName, longName, makeUnit, manyUnits } from './fixtures';

describe('unitListMessage', () => {
  it('shows key, name, kind and liaisons', () => {
    const message = unitListMessage(
      'en',
      [makeUnit(), makeUnit({ key: 'mof', name: 'Finance', liaisons: [] })],
      [],
    );
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('*Ministry of Commerce* (`moc`) · ministry · <@U0WANG001>');
    expect(text).toContain('*Finance* (`mof`) · ministry · _no liaison_');
  });

  it('300 units with long names fit one message, every unit listed', () => {
    for (const name of [longName, longChineseName]) {
      const units = manyUnits(300, name);
      const message = unitListMessage('zh', units, manyUnits(20, name));
      assertValidBlocks(message);
      const text = allText(message);
      expect(text).toContain(`\`unit-299\``);
      expect(text).toContain('已归档');
    }
  });

  it('when even packing cannot fit them, says how many more there are', () => {
    const units = manyUnits(1000, (i) => `${'&'.repeat(70)}${i}`);
    const message = unitListMessage('en', units, []);
    assertValidBlocks(message);
    expect(allText(message)).toMatch(/…and \d+ more units\./);
  });

  it('names cannot ping anyone', () => {
    const message = unitListMessage('en', [makeUnit({ name: HOSTILE })], []);
    assertValidBlocks(message);
    expect(allText(message)).toContain('&lt;!channel&gt;');
  });

  it('an empty group is told how to add a unit', () => {
    expect(allText(unitListMessage('zh', [], []))).toContain('/dudao unit add &lt;单位名称&gt;');
  });
});
