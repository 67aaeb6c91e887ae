import { describe, expect, it } from 'vitest';
import { langOfLocale, readerLang } from '../../src/domain/locale';

describe('langOfLocale', () => {
  it('reads every Chinese and English locale Slack sends, and nothing else', () => {
    expect(['zh-CN', 'zh-TW', 'zh_HK', 'ZH-cn'].map(langOfLocale)).toEqual(['zh', 'zh', 'zh', 'zh']);
    expect(['en-US', 'en-GB', 'en'].map(langOfLocale)).toEqual(['en', 'en', 'en']);
    expect(['fr-FR', 'ja-JP', '', null].map(langOfLocale)).toEqual([null, null, null, null]);
  });
});

describe('readerLang', () => {
  const open = { lang: 'en' as const, langSet: false };
  const fixed = { lang: 'en' as const, langSet: true };

  it('speaks a chosen group language to everyone', () => {
    expect(readerLang({ group: fixed, locale: 'zh-CN', text: '状态', fallback: 'zh' })).toBe('en');
  });

  it('follows the reader in a group whose language was not chosen', () => {
    expect(readerLang({ group: open, locale: 'zh-CN', fallback: 'en' })).toBe('zh');
    expect(readerLang({ group: { lang: 'zh', langSet: false }, locale: 'en-US', fallback: 'zh' })).toBe('en');
  });

  it('answers Chinese typed in Chinese before looking at the locale', () => {
    expect(readerLang({ group: open, locale: 'en-US', text: '/dudao 状态', fallback: 'en' })).toBe('zh');
    expect(readerLang({ group: null, locale: 'en-US', text: 'status', fallback: 'zh' })).toBe('en');
  });

  it('falls back to the group’s language, then the default', () => {
    expect(readerLang({ group: { lang: 'zh', langSet: false }, locale: 'fr-FR', fallback: 'en' })).toBe('zh');
    expect(readerLang({ group: null, locale: null, fallback: 'zh' })).toBe('zh');
  });
});
