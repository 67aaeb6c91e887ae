import type { ActionsBlock, Button } from '@slack/types';
import type { IsoDate, Lang, Unit } from '../domain/types';
import { type JobStrings, jobStrings } from '../i18n/jobs';
import { mention, mentions } from '../slack/mrkdwn';
import { context, plain, section } from './blocks';
import { userText } from './format';
import { PING_ACTIONS } from './ids';
import { BUTTON_TEXT_CHARS, SECTION_TEXT_CHARS, truncate } from './limits';
import type { KnownBlock, Message } from './message';
import { encodePingValue, pingBlockId } from './ping-ids';

/** Units that get their own row of buttons: 2 blocks each, 1 + 40 + 2 = 43 blocks at most. */
const MAX_UNITS_WITH_BUTTONS = 20;
const NAME_CHARS = 120;

/** Why the DM is sent: the meeting reminder, a coverage crossing (liaison or leader), or a snooze ending. */
export type PingKind = 'reminder' | 'coverage' | 'leader' | 'follow_up';

export interface PingUnit {
  unit: Unit;
  lastContact: IsoDate | null;
  /** Days since the last contact, or since the unit was added when never contacted. */
  daysSince: number;
}

export interface LiaisonPingView {
  kind: PingKind;
  lang: Lang;
  groupId: string;
  groupName: string;
  userId: string;
  /** The period the answers are recorded for; carried by every button. */
  period: IsoDate;
  units: PingUnit[];
  /** For a reminder: when the meeting is and since when nothing was logged. */
  meetingWhen?: string;
  since?: IsoDate;
  /** The days the intro names: the coverage threshold, or twice it for the leader. */
  days?: number;
}

function intro(s: JobStrings, v: LiaisonPingView): string {
  const user = mention(v.userId);
  const group = userText(v.groupName, NAME_CHARS);
  switch (v.kind) {
    case 'reminder':
      return s.ping.reminder(user, group, v.meetingWhen ?? '', v.since ?? '');
    case 'coverage':
      return s.ping.coverage(user, group, v.days ?? 0);
    case 'leader':
      return s.ping.leader(user, group, v.days ?? 0);
    case 'follow_up':
      return s.ping.followUp(user, group);
  }
}

function unitLine(s: JobStrings, v: LiaisonPingView, p: PingUnit): string {
  const last =
    p.lastContact === null ? s.neverContacted(p.daysSince) : s.lastContact(p.lastContact, p.daysSince);
  const name = userText(p.unit.name, NAME_CHARS);
  return v.kind === 'leader'
    ? s.ping.unitLineLeader(name, last, mentions(p.unit.liaisons, s.noLiaison, s.listSep))
    : s.ping.unitLine(name, last);
}

function button(actionId: string, label: string, value: string, primary = false): Button {
  const b: Button = { type: 'button', action_id: actionId, text: plain(label, BUTTON_TEXT_CHARS), value };
  if (primary) b.style = 'primary';
  return b;
}

function buttons(s: JobStrings, v: LiaisonPingView, unitKey: string): ActionsBlock {
  const value = encodePingValue({ g: v.groupId, u: unitKey, p: v.period });
  const elements = [button(PING_ACTIONS.log, s.ping.log, value, true)];
  // A leader is told about the unit; the "nothing to report" answer belongs to its liaisons.
  if (v.kind !== 'leader') {
    elements.push(
      button(PING_ACTIONS.nothing, s.ping.nothing, value),
      button(PING_ACTIONS.snooze, s.ping.snooze, value),
    );
  }
  return { type: 'actions', block_id: pingBlockId(unitKey), elements };
}

/**
 * A direct message to one liaison (or leader) about units that need contact: one line per unit
 * with buttons to log, answer "nothing to report" or snooze. Past 20 units the rest are named in
 * one line, so a liaison of hundreds of units still gets a valid message.
 */
export function liaisonPingMessage(v: LiaisonPingView): Message {
  const s = jobStrings(v.lang);
  const blocks: KnownBlock[] = [section(intro(s, v))];
  const shown = v.units.slice(0, MAX_UNITS_WITH_BUTTONS);
  for (const p of shown) blocks.push(section(unitLine(s, v, p)), buttons(s, v, p.unit.key));
  const rest = v.units.slice(MAX_UNITS_WITH_BUTTONS);
  if (rest.length > 0) {
    const names = rest.map((p) => `*${userText(p.unit.name, NAME_CHARS)}*`).join(s.listSep);
    blocks.push(section(truncate(s.ping.moreUnits(rest.length, names), SECTION_TEXT_CHARS)));
  }
  if (v.kind !== 'leader') blocks.push(context(s.ping.hint));
  return { text: s.ping.text(userText(v.groupName, NAME_CHARS), v.units.length), blocks };
}

/**
 * The same DM after an answer: the unit's row of buttons becomes a line saying what was recorded
 * (`note`), the rest is kept as it was so the other units can still be answered.
 */
export function markPingAnswered(blocks: readonly KnownBlock[], unitKey: string, note: string): KnownBlock[] {
  const id = pingBlockId(unitKey);
  return blocks.map((b) =>
    b.type === 'actions' && b.block_id === id ? { ...context(note), block_id: id } : b,
  );
}
