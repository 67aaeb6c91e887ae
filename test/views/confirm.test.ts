import { describe, expect, it } from 'vitest';
import { LANGS } from '../../src/domain/types';
import { type Confirmation, confirmMessage } from '../../src/views/confirm';
import { assertValidBlocks } from '../support/block-kit';
import { allText } from '../support/slack-text';
import { HOSTILE, makeActivity, makeFinding, makeGroup, makeUnit } from './fixtures';

const unit = makeUnit();
const activity = makeActivity();
const finding = makeFinding();

/** One of each kind, so a new kind without a rendering shows up here. */
const ALL: Confirmation[] = [
  { kind: 'setup', group: makeGroup() },
  { kind: 'members_added', users: ['U0WANG001', 'U0LINA002'], role: 'deputy' },
  { kind: 'member_removed', user: 'U0ZHAO003' },
  { kind: 'unit_added', unit },
  { kind: 'unit_edited', unit },
  { kind: 'unit_archived', unit },
  { kind: 'logged', activity, unit, undoMinutes: 15 },
  { kind: 'undone', activity, unit },
  { kind: 'finding_added', finding, unit },
  {
    kind: 'finding_moved',
    finding: { ...finding, status: 'waiting', doneBy: 'U0WANG001', doneNotes: 'fixed' },
    unit,
    event: {
      step: 'done',
      by: 'U0WANG001',
      at: 0,
      notes: 'fixed <!channel>',
      files: [{ id: 'F1', name: 'a<b>.pdf' }],
    },
    verifiers: ['U0LEAD001'],
  },
  {
    kind: 'finding_moved',
    finding: { ...finding, due: '2027-01-10' },
    unit,
    event: { step: 'due', by: 'U0LEAD001', at: 0, notes: 'budget', from: '2026-12-15', to: '2027-01-10' },
    verifiers: [],
  },
  {
    kind: 'meeting_set',
    meeting: { weekday: 1, time: '09:30', remindMinutes: 60, skips: [] },
    tz: 'Asia/Shanghai',
    nextReminder: '2026-11-23 08:30',
  },
  { kind: 'meeting_off' },
  { kind: 'meeting_skipped', date: '2026-12-28' },
  {
    kind: 'digest_set',
    digest: { weekday: 5, time: '17:00' },
    tz: 'Asia/Shanghai',
    next: '2026-11-27 17:00',
  },
  { kind: 'digest_off' },
  { kind: 'coverage_set', days: 10 },
  { kind: 'queued', what: 'digest' },
  { kind: 'queued', what: 'remind' },
  { kind: 'export_started', where: 'channel' },
  { kind: 'export_started', where: 'dm' },
  {
    kind: 'export_done',
    from: '2026-09-01',
    to: '2026-11-30',
    activities: 120,
    findings: 14,
    where: 'channel',
  },
  { kind: 'export_done', from: '2026-09-01', to: '2026-11-30', activities: 120, findings: 14, where: 'dm' },
];

describe('confirmMessage', () => {
  it('renders every confirmation as a valid message in both languages, each its own', () => {
    for (const lang of LANGS) {
      const texts = ALL.map((c) => {
        const message = confirmMessage(lang, c);
        assertValidBlocks(message);
        return message.text;
      });
      expect(new Set(texts).size).toBe(ALL.length);
    }
  });

  it('after setup, says what to do next', () => {
    const text = allText(confirmMessage('en', { kind: 'setup', group: makeGroup() }));
    expect(text).toContain('*Group 14*');
    expect(text).toContain('/dudao member add');
    expect(text).toContain('/dudao unit add');
    expect(text).toContain('/dudao log');
  });

  it('a log names the type, unit, date and count, and how long undo is possible', () => {
    const text = allText(confirmMessage('en', { kind: 'logged', activity, unit, undoMinutes: 15 }));
    expect(text).toContain('*interview* · *Ministry of Commerce* (`moc`) · 2026-11-20 · ×3');
    expect(text).toContain('`/dudao undo` within 15 minutes');
    const zh = allText(confirmMessage('zh', { kind: 'logged', activity, unit, undoMinutes: 15 }));
    expect(zh).toContain('*个别访谈*');
    expect(zh).toContain('15 分钟内');
  });

  it('a note cannot ping the channel or forge a mention', () => {
    const message = confirmMessage('en', {
      kind: 'logged',
      activity: { ...activity, notes: HOSTILE },
      unit: { ...unit, name: '<!here> R&D' },
      undoMinutes: 15,
    });
    assertValidBlocks(message);
    const text = allText(message);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('&lt;@U999|x&gt;');
    expect(text).toContain('*&lt;!here&gt; R&amp;D*');
    expect(text).not.toMatch(/<!|<@U999/);
  });

  it('a new finding shows its number, owner, severity, due date and the way to rectify it', () => {
    const text = allText(confirmMessage('en', { kind: 'finding_added', finding, unit }));
    expect(text).toContain('*#12*');
    expect(text).toContain('Owner <@U0LIU0001> · severity medium');
    expect(text).toContain('Due 2026-12-15');
    expect(text).toContain('/dudao finding plan 12');
    expect(text).toContain('/dudao finding done 12');
  });

  it('a step says what it did, with its notes and files, and who comes next', () => {
    const done = confirmMessage('en', {
      kind: 'finding_moved',
      finding: { ...finding, status: 'waiting' },
      unit,
      event: {
        step: 'done',
        by: 'U0WANG001',
        at: 0,
        notes: 'fixed',
        files: [{ id: 'F1', name: 'minutes.pdf' }],
      },
      verifiers: ['U0LEAD001', 'U0ZHAO003'],
    });
    const text = allText(done);
    expect(text).toContain('waits for verification by <@U0LEAD001>, <@U0ZHAO003>');
    expect(text).toContain('Notes: fixed');
    expect(text).toContain('Evidence: minutes.pdf');
    const zh = allText(
      confirmMessage('zh', {
        kind: 'finding_moved',
        finding: { ...finding, status: 'closed' },
        unit,
        event: { step: 'verify', by: 'U0LEAD001', at: 0, notes: '', selfVerified: true },
        verifiers: [],
      }),
    );
    expect(zh).toContain('验收通过，已关闭');
    expect(zh).toContain('组内没有其他验收人');
  });

  it('a record made from a message links back to it; a link that is not a web address is left out', () => {
    const link = 'https://team.slack.com/archives/C0GROUP/p1700000000000100?thread_ts=1&cid=C0GROUP';
    const escaped = link.replace(/&/g, '&amp;');
    const logged = confirmMessage('en', {
      kind: 'logged',
      activity: { ...activity, link },
      unit,
      undoMinutes: 15,
    });
    assertValidBlocks(logged);
    expect(allText(logged)).toContain(`<${escaped}|this message>`);
    const raised = confirmMessage('zh', { kind: 'finding_added', finding: { ...finding, link }, unit });
    assertValidBlocks(raised);
    expect(allText(raised)).toContain(`<${escaped}|这条消息>`);
    const forged = { ...finding, link: 'javascript:alert(1)|x' };
    expect(allText(confirmMessage('en', { kind: 'finding_added', finding: forged, unit }))).not.toContain(
      'this message',
    );
    expect(allText(confirmMessage('en', { kind: 'finding_added', finding, unit }))).not.toContain(
      'this message',
    );
  });

  it('the meeting is described in the group’s terms with the next reminder', () => {
    const c = ALL.find((x) => x.kind === 'meeting_set')!;
    expect(allText(confirmMessage('en', c))).toContain('every Monday at 09:30 (Asia/Shanghai)');
    const zh = allText(confirmMessage('zh', c));
    expect(zh).toContain('周例会：每周一 09:30');
    expect(zh).toContain('下次提醒：2026-11-23 08:30');
  });

  it('a long note is shortened to stay readable and valid', () => {
    const message = confirmMessage('en', {
      kind: 'logged',
      activity: { ...activity, notes: '&'.repeat(2000) },
      unit,
      undoMinutes: 15,
    });
    assertValidBlocks(message);
    expect(allText(message)).toMatch(/(&amp;)+…/);
  });
});
