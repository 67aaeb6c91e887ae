/** The bot's real messages and forms, as the local page shows them: nothing unsupported, nothing raw. */
import { describe, expect, it } from 'vitest';
import { buildAgenda } from '../../../src/domain/agenda';
import { buildDigest } from '../../../src/domain/digest';
import { LANGS } from '../../../src/domain/types';
import { renderBlocks, renderModal } from '../../../src/sandbox/page/render-blocks';
import { confirmMessage } from '../../../src/views/confirm';
import { digestMessage } from '../../../src/views/digest';
import { findingStepModal } from '../../../src/views/finding-step-modal';
import { findingListMessage } from '../../../src/views/findings';
import { helpMessage } from '../../../src/views/help';
import { liaisonPingMessage } from '../../../src/views/liaison-ping';
import { logModal } from '../../../src/views/log-modal';
import type { Message } from '../../../src/views/message';
import { reminderMessage } from '../../../src/views/reminder';
import { statusMessage, unitStatusMessage } from '../../../src/views/status';
import { unitListMessage } from '../../../src/views/units';
import { AGENDA_INPUT, DIGEST_INPUT, TZ } from '../../domain/week-fixture';
import {
  HOSTILE,
  makeActivity,
  makeFinding,
  makeGroup,
  makeRow,
  makeUnit,
  manyUnits,
} from '../../views/fixtures';

const names = {
  userName: (id: string) => ({ U0WANG001: 'Wang Fang', U0LI00002: 'Li Na' })[id] ?? id,
  channelName: (id: string) => id,
};

function show(message: Message): string {
  const html = renderBlocks(message.blocks, { ...names, surface: 'message', idPrefix: 'm1' });
  expect(html).not.toContain('unsupported');
  return html;
}

/** What a reader sees. Raw mrkdwn left over would show here as `<@`, `&lt;` or `*word*`. */
function visible(html: string): string {
  return html
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(
      /&(lt|gt|quot|#39|amp);/g,
      (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e] ?? '',
    );
}

const unit = makeUnit();
const today = '2026-11-20';

describe("the bot's messages on the local page", () => {
  it('status: a header, units in bold with their key, liaisons by name, gaps marked', () => {
    const rows = [
      makeRow(makeUnit({ key: 'mof', name: 'Finance', liaisons: [] }), {
        gap: true,
        daysSince: null,
        lastContact: null,
      }),
      makeRow(unit),
    ];
    const html = show(statusMessage('en', { group: makeGroup(), rows, today }));
    expect(html).toContain('<h3 class="bk-header">Status</h3>');
    expect(html).toContain('<strong>Ministry of Commerce</strong> (<code>moc</code>)');
    expect(html).toContain('<span class="mention" data-user-id="U0WANG001">@Wang Fang</span>');
    expect(html).toContain('<span class="emoji" title=":warning:">⚠️</span> <strong>Finance</strong>');
    expect(visible(html)).not.toMatch(/<@|\*Finance\*/);
  });

  it('one unit: timeline and open findings, a hostile note shown as typed', () => {
    const row = makeRow(unit);
    const activities = [makeActivity({ notes: HOSTILE })];
    const html = show(
      unitStatusMessage('en', { group: makeGroup(), row, activities, findings: [makeFinding()], today }),
    );
    const text = visible(html);
    expect(text).toContain('see <!channel> and <@U999|x> & <https://evil.example|click>');
    expect(html).not.toContain('href="https://evil.example"');
    expect(html).not.toContain('class="mention">@channel');
  });

  it('the weekly digest and the meeting reminder, in both languages', () => {
    for (const lang of LANGS) {
      const digest = show(
        digestMessage(buildDigest(DIGEST_INPUT), { groupName: 'Guidance group 3', lang, tz: TZ }),
      );
      const reminder = show(
        reminderMessage(buildAgenda(AGENDA_INPUT), {
          groupName: 'Guidance group 3',
          lang,
          meetingTime: '09:30',
        }),
      );
      for (const html of [digest, reminder]) {
        expect(html).toContain('@Li Na');
        expect(visible(html)).not.toMatch(/<@|:warning:/);
      }
    }
    const en = show(
      digestMessage(buildDigest(DIGEST_INPUT), { groupName: 'Guidance group 3', lang: 'en', tz: TZ }),
    );
    expect(en).toContain('<h3 class="bk-header">Weekly digest · Guidance group 3</h3>');
    expect(en).toContain('<strong>Findings:</strong> 1 opened');
    const zh = show(
      digestMessage(buildDigest(DIGEST_INPUT), { groupName: 'Guidance group 3', lang: 'zh', tz: TZ }),
    );
    expect(zh).toContain('<strong>问题清单：</strong> 新增 1 个');
  });

  it("a liaison's ping: buttons the client can send back", () => {
    const html = show(
      liaisonPingMessage({
        kind: 'reminder',
        lang: 'en',
        groupId: 'C0GROUP14',
        groupName: 'Group 14',
        userId: 'U0WANG001',
        period: today,
        units: [{ unit, lastContact: null, daysSince: 9 }],
        meetingWhen: 'Fri 2026-11-20 09:30',
        since: '2026-11-13',
      }),
    );
    for (const action of ['ping_log', 'ping_nothing', 'ping_snooze'])
      expect(html).toMatch(
        new RegExp(
          `<button type="button" class="bk-button[^"]*"[^>]* data-element="button" data-action-id="${action}" data-block-id="ping_unit:moc" data-value="[^"]+"`,
        ),
      );
    expect(html).toContain('class="bk-button bk-primary"');
  });

  it('help, confirmations, findings and units', () => {
    for (const lang of LANGS) {
      const help = show(helpMessage(lang, null));
      if (lang === 'en') expect(visible(help)).toContain('/dudao unit add <unit name> [key=<slug>]');
      show(helpMessage(lang, 'log'));
      const done = show(
        confirmMessage(lang, { kind: 'logged', activity: makeActivity(), unit, undoMinutes: 15 }),
      );
      expect(done).toMatch(
        /^<div class="bk-section"><div class="bk-section-body"><div class="bk-text"><span class="emoji" title=":white_check_mark:">✅<\/span>/,
      );
      show(
        findingListMessage(lang, {
          groupId: 'C0GROUP14',
          filter: 'all',
          active: [makeFinding(), makeFinding({ id: 13, status: 'waiting', doneBy: 'U0WANG001' })],
          closed: [makeFinding({ id: 14, status: 'closed', closedBy: 'U0LEADER1', closedAt: 0 })],
          closedTotal: 1,
          units: [unit],
          today,
          tz: 'Asia/Shanghai',
          unit: null,
          viewer: { role: 'leader', userId: 'U0LEADER1', members: [{ userId: 'U0LEADER1', role: 'leader' }] },
        }),
      );
      show(unitListMessage(lang, manyUnits(3), [makeUnit({ key: 'old', archived: true })]));
    }
  });
});

describe('the log form on the local page', () => {
  const modal = (units: ReturnType<typeof manyUnits>) =>
    renderModal(
      logModal('en', { units, today, initialUnitKey: units[0]?.key ?? null, privateMetadata: '{}' }),
      { ...names, idPrefix: 'v1', viewId: 'V1' },
    );

  it('is a dialog titled as the modal, with labelled fields and its submit button', () => {
    const html = modal([unit]);
    expect(html).not.toContain('unsupported');
    expect(html).toContain('<h2 id="v1-title">Log activity</h2>');
    expect(html).toContain('data-callback-id="log_modal"');
    expect(html).toContain(
      '<label class="bk-label" for="v1-unit-unit_select" id="v1-unit-unit_select-label">Unit</label>',
    );
    expect(html).toContain('<option value="moc" selected="selected">Ministry of Commerce (moc)</option>');
    expect(html).toMatch(
      /<input type="date"[^>]* name="date.date_pick" aria-required="true" value="2026-11-20">/,
    );
    expect(html).toMatch(
      /<input type="number"[^>]* name="count.count_input"[^>]* aria-describedby="v1-count-hint"/,
    );
    expect(html).toContain('data-modal="submit">Log</button>');
  });

  it('searches the units through a combobox past 100 units', () => {
    const html = modal(manyUnits(101));
    expect(html).not.toContain('unsupported');
    expect(html).toMatch(
      /<input type="text" class="bk-select bk-external"[^>]* role="combobox"[^>]* data-min-query-length="0"[^>]* data-selected-value="unit-0"/,
    );
  });
});

describe('the finding step form on the local page', () => {
  it('is a dialog titled by the step, its notes and evidence labelled, in both languages', () => {
    for (const [lang, title, files] of [
      ['en', 'Mark done', 'Evidence'],
      ['zh', '标记整改完成', '佐证材料'],
    ] as const) {
      const html = renderModal(
        findingStepModal(lang, { step: 'done', finding: makeFinding(), unit, privateMetadata: '{}' }),
        { ...names, idPrefix: 'v1', viewId: 'V1' },
      );
      expect(html).not.toContain('unsupported');
      expect(html).toContain(`<h2 id="v1-title">${title}</h2>`);
      expect(html).toContain(`for="v1-files-files_input" id="v1-files-files_input-label">${files}`);
      expect(html).toMatch(/<input type="file"[^>]* multiple="multiple"/);
    }
  });
});
