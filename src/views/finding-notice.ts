import type { Finding, FindingEvent, Lang, Unit } from '../domain/types';
import { findingStrings } from '../i18n/findings';
import { mention } from '../slack/mrkdwn';
import { context, section } from './blocks';
import { fileLink, stepButton } from './findings';
import { unitRef, userText } from './format';
import type { Message } from './message';

const TEXT_CHARS = 300;
const NOTE_CHARS = 1000;

/**
 * The direct message a step sends: to the verifiers when it is marked done (with "Verify" and
 * "Send back"), to the owner and whoever marked it done when it is sent back (with "Add plan" and
 * "Mark done") or verified. Null for steps that tell nobody.
 */
export function findingNotice(
  lang: Lang,
  groupId: string,
  finding: Finding,
  unit: Unit,
  event: FindingEvent,
): Message | null {
  const s = findingStrings(lang);
  const who = mention(event.by);
  const text = userText(finding.text, TEXT_CHARS);
  const notes = event.notes ? [section(userText(event.notes, NOTE_CHARS))] : [];
  const files =
    event.files && event.files.length > 0 ? [context(s.files(event.files.map(fileLink).join(', ')))] : [];
  const hint = context(s.showHint(finding.id));
  const buttons = (steps: ('plan' | 'done' | 'verify' | 'reopen')[]) => ({
    type: 'actions' as const,
    elements: steps.map((st) => stepButton(lang, groupId, finding.id, st)),
  });
  let line: string;
  let actions: ReturnType<typeof buttons> | null = null;
  if (event.step === 'done') {
    line = s.notice.toVerify(who, finding.id, unitRef(unit), text);
    actions = buttons(['verify', 'reopen']);
  } else if (event.step === 'reopen') {
    line = s.notice.reopened(who, finding.id, unitRef(unit), text);
    actions = buttons(['plan', 'done']);
  } else if (event.step === 'verify') {
    line = s.notice.verified(who, finding.id, unitRef(unit), text);
  } else {
    return null;
  }
  return { text: line, blocks: [section(line), ...notes, ...files, hint, ...(actions ? [actions] : [])] };
}
