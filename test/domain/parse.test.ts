import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/parse';
import { userErrorOf } from './expect-user-error';

const ctx = { today: '2026-11-18' };
const parse = (text: string) => parseCommand(text, ctx);
const refusal = (text: string) => userErrorOf(() => parse(text));

describe('help and unknown words', () => {
  it('answers an empty line or help with help', () => {
    expect(parse('')).toEqual({ kind: 'help', topic: null });
    expect(parse('　 ')).toEqual({ kind: 'help', topic: null });
    expect(parse('HELP')).toEqual({ kind: 'help', topic: null });
    expect(parse('help log')).toEqual({ kind: 'help', topic: 'log' });
    expect(parse('帮助 问题')).toEqual({ kind: 'help', topic: 'finding' });
    expect(parse('help nonsense')).toEqual({ kind: 'help', topic: null });
  });

  it('names an unknown first word', () => {
    expect(refusal('lgo interview moc')).toEqual({ code: 'unknown_command', params: { word: 'lgo' } });
    expect(refusal('"log" interview moc').code).toBe('unknown_command');
  });

  it('accepts Chinese subcommand words', () => {
    expect(parse('撤销')).toEqual({ kind: 'undo' });
    expect(parse('概况')).toEqual({ kind: 'status', unit: null });
    expect(parse('状态 发改委')).toEqual({ kind: 'status', unit: '发改委' });
    expect(parse('单位 列表')).toEqual({ kind: 'unit_list' });
    expect(parse('单位 导入')).toEqual({ kind: 'unit_import' });
    expect(parse('unit IMPORT')).toEqual({ kind: 'unit_import' });
    expect(parse('周报 立即')).toEqual({ kind: 'digest_now' });
    expect(parse('提醒 现在')).toEqual({ kind: 'remind_now' });
    expect(parse('阈值 10')).toEqual({ kind: 'coverage', days: 10 });
    expect(parse('导出')).toEqual({ kind: 'export', from: null, to: null });
  });

  it('refuses extra words after commands that take none', () => {
    expect(refusal('undo please')).toEqual({ code: 'usage', params: { usage: 'undo' } });
    expect(refusal('unit list all')).toEqual({ code: 'usage', params: { usage: 'unit' } });
    expect(refusal('unit import moc')).toEqual({ code: 'usage', params: { usage: 'unit' } });
  });
});

describe('setup', () => {
  it('takes the name from all non-option words, with tz and lang', () => {
    expect(parse('setup Guidance Group 3 tz=Asia/Shanghai lang=zh')).toEqual({
      kind: 'setup',
      name: 'Guidance Group 3',
      tz: 'Asia/Shanghai',
      lang: 'zh',
      posts: null,
      liaisonNames: null,
    });
  });

  it('reads full-width spaces, curly quotes, ＝ and option keys in any case', () => {
    expect(parse('设置　“第三 指导组”　TZ＝asia/shanghai　LANG＝ZH')).toEqual({
      kind: 'setup',
      name: '第三 指导组',
      tz: 'Asia/Shanghai',
      lang: 'zh',
      posts: null,
      liaisonNames: null,
    });
    expect(parse('创建 ‘审计组’')).toMatchObject({ kind: 'setup', name: '审计组', tz: null, lang: null });
  });

  it('keeps what the user typed when Slack escaped it', () => {
    expect(parse('setup R&amp;D &lt;audit&gt;')).toMatchObject({ name: 'R&D <audit>' });
  });

  it('leaves the name out when none is given: only a channel with a group can do without', () => {
    expect(parse('setup tz=UTC')).toMatchObject({ kind: 'setup', name: null, tz: 'UTC' });
    expect(parse('setup')).toMatchObject({ kind: 'setup', name: null, posts: null, liaisonNames: null });
  });

  it('takes posts= and mention= in English and Chinese words', () => {
    expect(parse('setup "Group 14" posts=thread mention=off')).toMatchObject({
      name: 'Group 14',
      posts: 'thread',
      liaisonNames: 'name',
    });
    expect(parse('setup posts=NEW mention=On')).toMatchObject({
      name: null,
      posts: 'message',
      liaisonNames: 'mention',
    });
    expect(parse('设置 发帖＝线程 提及＝关')).toMatchObject({ posts: 'thread', liaisonNames: 'name' });
    expect(parse('设置 发帖=跟帖 提及=开')).toMatchObject({ posts: 'thread', liaisonNames: 'mention' });
    expect(parse('设置 posts=新消息 mention=关闭')).toMatchObject({ posts: 'message', liaisonNames: 'name' });
  });

  it('answers a bad posts= or mention= value with the choices and the form of setup', () => {
    expect(refusal('setup posts=sideways')).toEqual({
      code: 'bad_choice',
      params: { name: 'posts', value: 'sideways', choices: 'new, thread', usage: 'setup' },
    });
    expect(refusal('设置 提及=也许')).toEqual({
      code: 'bad_choice',
      params: { name: '提及', value: '也许', choices: 'on, off', usage: 'setup' },
    });
    expect(refusal('setup mention=')).toMatchObject({ code: 'bad_choice' });
    expect(refusal('setup posts=new 发帖=thread')).toEqual({ code: 'usage', params: { usage: 'setup' } });
  });

  it('refuses a too long name, a bad zone or language', () => {
    expect(refusal(`setup ${'x'.repeat(81)}`)).toEqual({
      code: 'text_too_long',
      params: { what: 'name', max: 80 },
    });
    expect(parse(`setup ${'组'.repeat(80)}`)).toMatchObject({ kind: 'setup' });
    expect(refusal('setup G tz=Mars/Base')).toEqual({ code: 'bad_tz', params: { value: 'Mars/Base' } });
    expect(refusal('setup G lang=fr')).toEqual({ code: 'bad_lang', params: { value: 'fr' } });
    expect(refusal('setup G colour=red')).toEqual({
      code: 'unknown_option',
      params: { name: 'colour', usage: 'setup' },
    });
  });

  it('refuses a name whose quote is never closed', () => {
    expect(refusal('setup "Guidance group')).toEqual({ code: 'usage', params: { usage: 'setup' } });
  });
});

describe('member', () => {
  it('adds one or more mentioned users, as members by default', () => {
    expect(parse('member add <@U1|ann>')).toEqual({ kind: 'member_add', users: ['U1'], role: 'member' });
    expect(parse('member add <@U1|ann> <@U2|bo> role=deputy')).toEqual({
      kind: 'member_add',
      users: ['U1', 'U2'],
      role: 'deputy',
    });
  });

  it('accepts lists separated by commas and 、, and Chinese roles', () => {
    expect(parse('成员 添加 <@U1|ann>，<@U2>、<@W3>, <@U1> role=组长')).toEqual({
      kind: 'member_add',
      users: ['U1', 'U2', 'W3'],
      role: 'leader',
    });
    expect(parse('member add <@U9> ROLE＝副组长')).toMatchObject({ role: 'deputy' });
  });

  it('removes exactly one user', () => {
    expect(parse('member remove <@U1|ann>')).toEqual({ kind: 'member_remove', user: 'U1' });
    expect(parse('成员 删除 <@U1>')).toEqual({ kind: 'member_remove', user: 'U1' });
    expect(refusal('member remove <@U1> <@U2>')).toEqual({ code: 'usage', params: { usage: 'member' } });
    expect(refusal('member remove')).toEqual({
      code: 'missing_argument',
      params: { what: 'user', usage: 'member' },
    });
  });

  it('refuses what is not a user, naming it', () => {
    expect(refusal('member add @ann')).toEqual({ code: 'bad_user', params: { value: '@ann' } });
    expect(refusal('member add <!channel>')).toEqual({ code: 'bad_user', params: { value: '<!channel>' } });
    expect(refusal('member add <#C1|general>')).toEqual({
      code: 'bad_user',
      params: { value: '<#C1|general>' },
    });
  });

  it('refuses a bad role, a missing verb, an option remove does not take', () => {
    expect(refusal('member add <@U1> role=boss')).toEqual({ code: 'bad_role', params: { value: 'boss' } });
    expect(refusal('member add <@U1> role=liaison').code).toBe('bad_role');
    expect(refusal('member <@U1>')).toEqual({ code: 'usage', params: { usage: 'member' } });
    expect(refusal('member remove <@U1> role=member')).toEqual({
      code: 'unknown_option',
      params: { name: 'role', usage: 'member' },
    });
  });
});
