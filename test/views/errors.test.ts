import { describe, expect, it } from 'vitest';
import { USER_ERROR_CODES, UserError } from '../../src/domain/errors';
import { LANGS } from '../../src/domain/types';
import { faultMessage, slowMessage, userErrorMessage } from '../../src/views/errors';
import { assertValidBlocks } from '../support/block-kit';
import { allText } from '../support/slack-text';

describe('userErrorMessage', () => {
  it('says what was wrong and shows the right form', () => {
    const message = userErrorMessage('en', new UserError('bad_date', { value: '2026-02-30', usage: 'log' }));
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('`2026-02-30` is not a date');
    expect(text).toContain('/dudao log &lt;type&gt;');
    expect(text).toContain('Example:');
  });

  it('answers every code with a valid message in both languages', () => {
    for (const lang of LANGS) {
      for (const code of USER_ERROR_CODES) assertValidBlocks(userErrorMessage(lang, new UserError(code, {})));
    }
  });

  it('cannot be turned into a broadcast by what the user typed', () => {
    const message = userErrorMessage('zh', new UserError('unknown_command', { word: '<!channel>' }));
    assertValidBlocks(message);
    expect(allText(message)).toContain('&lt;!channel&gt;');
  });

  it('names what is missing or too long as the argument, and what a finding step needs', () => {
    const long = allText(userErrorMessage('en', new UserError('text_too_long', { what: 'text', max: 1000 })));
    expect(long).toContain('Too long: the text of the finding may have at most 1000 characters.');
    const reason = allText(
      userErrorMessage('zh', new UserError('missing_argument', { what: 'reason', usage: 'finding' })),
    );
    expect(reason).toContain('缺少原因');
    const plan = allText(
      userErrorMessage('en', new UserError('missing_argument', { what: 'plan', usage: 'finding' })),
    );
    expect(plan).toContain('Missing: the rectification plan.');
  });

  it('speaks Chinese to a Chinese group', () => {
    const text = allText(userErrorMessage('zh', new UserError('no_units', {})));
    expect(text).toContain('联系单位');
  });
});

describe('faultMessage', () => {
  it('apologises with the reference and nothing else', () => {
    const message = faultMessage('en', 'ref-7f3a');
    assertValidBlocks(message);
    expect(message.text).toContain('`ref-7f3a`');
    expect(message.text).toMatch(/sorry/i);
    expect(allText(faultMessage('zh', 'ref-7f3a'))).toContain('参考编号');
  });
});

describe('slowMessage', () => {
  it('tells the user the answer follows', () => {
    assertValidBlocks(slowMessage('en'));
    expect(slowMessage('en').text).toMatch(/follows/);
    expect(slowMessage('zh').text).toMatch(/稍后/);
  });
});
