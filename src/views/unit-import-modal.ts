import type { KnownBlock, View } from '@slack/types';
import type { Lang, Unit } from '../domain/types';
import { IMPORT_MAX_UNITS, type LineProblem } from '../domain/unit-import';
import { strings } from '../i18n/index';
import { unitImportStrings } from '../i18n/unit-import';
import { escapeText } from '../slack/mrkdwn';
import { context, modal, plain, section } from './blocks';
import { userText } from './format';
import { UNIT_IMPORT_BLOCKS as B, UNIT_IMPORT_MODAL } from './ids';
import { FIELD_ERROR_CHARS, INPUT_LABEL_CHARS, MESSAGE_BLOCKS, packWithin } from './limits';
import type { Message } from './message';
import { unitLine } from './units';

/**
 * The import form: an example, then one box. The box is a rich_text_input so that typing `@` in
 * Slack picks a person (a plain_text_input would give the typed name, not the user).
 */
export function unitImportModal(lang: Lang, privateMetadata: string): View {
  const s = unitImportStrings(lang);
  const frame = {
    callbackId: UNIT_IMPORT_MODAL,
    privateMetadata: privateMetadata,
    title: s.title,
    submit: s.submit,
    close: s.close,
  };
  return modal(frame, [
    section(`${s.exampleTitle}\n\`\`\`${escapeText(s.example)}\`\`\``),
    {
      type: 'input',
      block_id: B.lines,
      label: plain(s.label, INPUT_LABEL_CHARS),
      hint: plain(s.hint(IMPORT_MAX_UNITS), INPUT_LABEL_CHARS),
      element: { type: 'rich_text_input', action_id: B.linesAction },
    },
  ]);
}

/**
 * The error under the box: one line per bad line, in line order, each with all its problems; as
 * many as fit in one field error, then how many more there are.
 */
export function importErrorText(lang: Lang, problems: LineProblem[]): string {
  const s = unitImportStrings(lang);
  const byLine = new Map<number, string[]>();
  for (const p of [...problems].sort((a, b) => a.line - b.line)) {
    byLine.set(p.line, [...(byLine.get(p.line) ?? []), s.problem(p)]);
  }
  const lines = [...byLine].map(([line, texts]) => s.line(line, texts.join(s.problemSep)));
  return packWithin(lines, 1, s.more, FIELD_ERROR_CHARS)[0] ?? '';
}

/** What the importer is told: how many units, then each of them, as many as one message holds. */
export function unitsImportedMessage(lang: Lang, groupName: string, units: Unit[]): Message {
  const s = unitImportStrings(lang);
  const text = s.confirm.done(units.length, userText(groupName, 200));
  const listBudget = MESSAGE_BLOCKS - 2;
  const list = packWithin(
    units.map((u) => unitLine(strings(lang), u)),
    listBudget,
    s.confirm.more,
  );
  const blocks: KnownBlock[] = [
    section(`:white_check_mark: ${text}`),
    ...list.map(section),
    context(s.confirm.next),
  ];
  return { text, blocks };
}
