import type { KnownBlock } from '@slack/types';
import type { Lang, Unit } from '../domain/types';
import { type Strings, strings } from '../i18n/index';
import { mentions } from '../slack/mrkdwn';
import { header, section } from './blocks';
import { unitRef, userText } from './format';
import { MESSAGE_BLOCKS, packWithin } from './limits';
import type { Message } from './message';

/** Sections kept for archived units; the rest of the message budget goes to active ones. */
const ARCHIVED_SECTIONS = 8;

/**
 * The group's units: name, key, kind and liaisons, one line each, then the archived ones.
 * Any number of units fits one message: lines are packed into sections, and what still does
 * not fit is summed up as "…and N more".
 */
export function unitListMessage(lang: Lang, units: Unit[], archived: Unit[]): Message {
  const s = strings(lang);
  const title = s.units.title(units.length);
  const blocks: KnownBlock[] = [header(title)];
  const activeBudget = MESSAGE_BLOCKS - blocks.length - (archived.length > 0 ? ARCHIVED_SECTIONS : 0);
  if (units.length === 0) blocks.push(section(s.units.empty));
  else
    blocks.push(
      ...packWithin(
        units.map((u) => unitLine(s, u)),
        activeBudget,
        s.units.more,
      ).map(section),
    );
  if (archived.length > 0) {
    const lines = [s.units.archived(archived.length), ...archived.map((u) => `• ${unitRef(u)}`)];
    blocks.push(...packWithin(lines, ARCHIVED_SECTIONS, s.units.more).map(section));
  }
  return { text: title, blocks };
}

/** `• *name* (`key`) · kind · liaisons`: one unit in a list. */
export function unitLine(s: Strings, unit: Unit): string {
  const parts = [unitRef(unit)];
  if (unit.kind) parts.push(userText(unit.kind, 100));
  parts.push(mentions(unit.liaisons, `_${s.words.noLiaison}_`));
  return `• ${parts.join(' · ')}`;
}
