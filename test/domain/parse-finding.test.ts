import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/parse';
import { userErrorOf } from './expect-user-error';

// A Wednesday.
const ctx = { today: '2026-11-18' };
const parse = (text: string) => parseCommand(text, ctx);
const refusal = (text: string) => userErrorOf(() => parse(text));

describe('finding add', () => {
  it('takes text and a due date anywhere, owner and severity when given', () => {
    expect(parse('finding add moc Plan lacks deadlines due=2026-12-01')).toEqual({
      kind: 'finding_add',
      unit: 'moc',
      text: 'Plan lacks deadlines',
      due: '2026-12-01',
      owner: null,
      severity: null,
    });
    expect(
      parse('finding add moc plan lacks milestones due=2026-12-15 owner=<@U0LI00001|li> severity=high'),
    ).toEqual({
      kind: 'finding_add',
      unit: 'moc',
      text: 'plan lacks milestones',
      due: '2026-12-15',
      owner: 'U0LI00001',
      severity: 'high',
    });
  });

  it('reads the Chinese words and full-width forms', () => {
    expect(
      parse('问题 添加 发改委 due＝2026年12月1日 方案缺少时间表 负责人=<@U0LI00001> 严重程度=高'),
    ).toEqual({
      kind: 'finding_add',
      unit: '发改委',
      text: '方案缺少时间表',
      due: '2026-12-01',
      owner: 'U0LI00001',
      severity: 'high',
    });
    expect(parse('问题 添加 发改委 等级=一般 台账不全')).toMatchObject({
      severity: 'medium',
      text: '台账不全',
    });
  });

  it('refuses a finding without text or unit, a bad date, long text, a bad owner or severity', () => {
    expect(refusal('finding add moc due=2026-12-01')).toEqual({
      code: 'missing_argument',
      params: { what: 'text', usage: 'finding' },
    });
    expect(refusal('finding add')).toEqual({
      code: 'missing_argument',
      params: { what: 'unit', usage: 'finding' },
    });
    expect(refusal('finding add moc late due=2026-02-30')).toEqual({
      code: 'bad_date',
      params: { value: '2026-02-30' },
    });
    expect(refusal(`finding add moc ${'x'.repeat(1001)}`)).toEqual({
      code: 'text_too_long',
      params: { what: 'text', max: 1000 },
    });
    expect(refusal('finding add moc owner=ann late')).toEqual({ code: 'bad_user', params: { value: 'ann' } });
    expect(refusal('finding add moc owner=<@U1>,<@U2> late')).toEqual({
      code: 'usage',
      params: { usage: 'finding' },
    });
    expect(refusal('finding add moc severity=urgent late')).toMatchObject({
      code: 'bad_choice',
      params: { name: 'severity', value: 'urgent' },
    });
    expect(refusal('finding add moc priority=1 late')).toEqual({
      code: 'unknown_option',
      params: { name: 'priority', usage: 'finding' },
    });
  });

  it('keeps an x=y written inside the text as text', () => {
    expect(parse('finding add moc the ratio a=b is wrong')).toMatchObject({ text: 'the ratio a=b is wrong' });
  });
});

describe('finding list and show', () => {
  it('lists the findings not closed by default, of one unit or all', () => {
    expect(parse('finding list')).toEqual({ kind: 'finding_list', unit: null, filter: 'open' });
    expect(parse('问题 列表 发改委')).toEqual({ kind: 'finding_list', unit: '发改委', filter: 'open' });
  });

  it('filters by the last word: open, overdue, waiting, closed, all, in English or Chinese', () => {
    expect(parse('finding list overdue')).toEqual({ kind: 'finding_list', unit: null, filter: 'overdue' });
    expect(parse('finding list moc waiting')).toEqual({
      kind: 'finding_list',
      unit: 'moc',
      filter: 'waiting',
    });
    expect(parse('问题 列表 已关闭')).toEqual({ kind: 'finding_list', unit: null, filter: 'closed' });
    expect(parse('finding list "Ministry of All" all')).toEqual({
      kind: 'finding_list',
      unit: 'Ministry of All',
      filter: 'all',
    });
    // A quoted word is a unit name, never a filter.
    expect(parse('finding list "closed"')).toEqual({ kind: 'finding_list', unit: 'closed', filter: 'open' });
  });

  it('shows one finding by id', () => {
    expect(parse('finding show 12')).toEqual({ kind: 'finding_show', id: 12 });
    expect(parse('问题 查看 #12')).toEqual({ kind: 'finding_show', id: 12 });
    expect(refusal('finding show 12 extra')).toEqual({ code: 'usage', params: { usage: 'finding' } });
  });
});

describe('the steps of rectification', () => {
  it('reads plan, done, verify, reopen and due with their notes', () => {
    expect(parse('finding plan 12 revise the plan by Friday with the deputy')).toEqual({
      kind: 'finding_plan',
      id: 12,
      notes: 'revise the plan by Friday with the deputy',
    });
    expect(parse('finding done 12 second draft has milestones')).toEqual({
      kind: 'finding_done',
      id: 12,
      notes: 'second draft has milestones',
    });
    expect(parse('finding verify 12')).toEqual({ kind: 'finding_verify', id: 12, notes: '' });
    expect(parse('finding reopen 12 milestones still missing for Q2')).toEqual({
      kind: 'finding_reopen',
      id: 12,
      notes: 'milestones still missing for Q2',
    });
    expect(parse('finding due 12 2027-01-10 waiting for the ministry’s budget')).toEqual({
      kind: 'finding_due',
      id: 12,
      date: '2027-01-10',
      notes: "waiting for the ministry's budget",
    });
  });

  it('reads the Chinese words', () => {
    expect(parse('问题 方案 ＃７ 本周内修订')).toEqual({ kind: 'finding_plan', id: 7, notes: '本周内修订' });
    expect(parse('问题 整改 ＃７')).toEqual({ kind: 'finding_done', id: 7, notes: '' });
    expect(parse('问题 已整改 7 已补充')).toEqual({ kind: 'finding_done', id: 7, notes: '已补充' });
    expect(parse('问题 验收 7')).toEqual({ kind: 'finding_verify', id: 7, notes: '' });
    expect(parse('问题 退回 7 二季度仍缺')).toEqual({ kind: 'finding_reopen', id: 7, notes: '二季度仍缺' });
    expect(parse('问题 延期 7 2027年1月10日 等待预算')).toEqual({
      kind: 'finding_due',
      id: 7,
      date: '2027-01-10',
      notes: '等待预算',
    });
  });

  it('asks for what a step needs: a plan, a reason, a date', () => {
    expect(refusal('finding plan 12')).toEqual({
      code: 'missing_argument',
      params: { what: 'plan', usage: 'finding' },
    });
    expect(refusal('finding reopen 12')).toEqual({
      code: 'missing_argument',
      params: { what: 'reason', usage: 'finding' },
    });
    expect(refusal('finding due 12')).toEqual({
      code: 'missing_argument',
      params: { what: 'date', usage: 'finding' },
    });
    expect(refusal('finding due 12 2027-01-10')).toEqual({
      code: 'missing_argument',
      params: { what: 'reason', usage: 'finding' },
    });
    expect(refusal('finding due 12 soon because')).toEqual({ code: 'bad_date', params: { value: 'soon' } });
  });

  it('refuses a missing or malformed id, and an unknown verb', () => {
    expect(refusal('finding done')).toEqual({
      code: 'missing_argument',
      params: { what: 'id', usage: 'finding' },
    });
    expect(refusal('finding done 0').code).toBe('bad_number');
    expect(refusal('finding verify abc').code).toBe('bad_number');
    expect(refusal('finding close 3')).toEqual({ code: 'usage', params: { usage: 'finding' } });
  });
});
