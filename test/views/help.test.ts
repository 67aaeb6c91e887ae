import { describe, expect, it } from 'vitest';
import { MANIFEST_FACTS } from '../../src/app/local-mode';
import { SUBCOMMANDS } from '../../src/domain/command';
import { LANGS } from '../../src/domain/types';
import { helpMessage } from '../../src/views/help';
import { assertValidBlocks } from '../support/block-kit';
import { allText } from '../support/slack-text';

describe('helpMessage', () => {
  it('lists every command with an example, within Slack limits, in both languages', () => {
    for (const lang of LANGS) {
      const message = helpMessage(lang, null);
      assertValidBlocks(message);
      const text = allText(message);
      for (const sub of SUBCOMMANDS) expect(text, `${lang} ${sub}`).toContain(`/dudao ${sub}`);
    }
    const en = allText(helpMessage('en', null));
    expect(en).toContain('`/dudao log interview moc 2026-11-20 n=3 met the deputy director`');
    expect(en).toContain('`/dudao setup "Group 14" tz=Asia/Shanghai lang=zh`');
  });

  it('points to the Home tab and to the message shortcuts by the names Slack shows them under', () => {
    for (const lang of LANGS) {
      const text = allText(helpMessage(lang, null));
      for (const shortcut of MANIFEST_FACTS.shortcuts) expect(text, lang).toContain(`*${shortcut.name}*`);
      // The tab's name as Slack's own interface shows it in that language.
      expect(text, lang).toContain(lang === 'zh' ? '*主页*' : '*Home*');
    }
  });

  it('names each activity type in both languages, whatever the group’s language', () => {
    for (const lang of LANGS) {
      const text = allText(helpMessage(lang, null));
      expect(text).toContain('`interview` · interview · 个别访谈');
      expect(text).toContain('`plan_review` · plan review · 审阅方案');
      expect(text).toContain('`feedback` · guidance feedback · 现场点评');
    }
  });

  it('explains the roles in the group’s language', () => {
    expect(allText(helpMessage('en', null))).toMatch(/\*deputy\*: the same rights as the leader/);
    const zh = allText(helpMessage('zh', null));
    expect(zh).toContain('*副组长*（deputy）：与组长权限相同');
    expect(zh).toContain('*联络员*（liaison）');
  });

  it('writes placeholders so Slack shows them instead of reading them as links', () => {
    const text = allText(helpMessage('en', 'log'));
    expect(text).toContain('/dudao log &lt;type&gt; &lt;unit&gt;');
  });

  it('with a topic, shows only that command’s forms and all its examples', () => {
    const message = helpMessage('en', 'finding');
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('/dudao finding add');
    expect(text).toContain('/dudao finding done 12 timetable added');
    // "Done" no longer closes a finding: the help says who signs it off.
    expect(text).toContain('it now waits for a verifier');
    expect(text).toContain('/dudao finding verify');
    expect(text).not.toContain('/dudao meeting');
  });

  it('in Chinese, a topic reads in Chinese', () => {
    const text = allText(helpMessage('zh', 'finding'));
    expect(text).toContain('标记整改完成，等待验收');
    expect(text).toContain('验收通过，问题关闭');
    expect(text).toContain('问题清单');
  });
});
