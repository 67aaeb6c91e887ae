import type { InputBlock, KnownBlock, View } from '@slack/types';
import { NOTES_MAX } from '../domain/new-activity';
import type { Finding, Lang, Unit } from '../domain/types';
import { findingStrings } from '../i18n/findings';
import { escapeText, mention } from '../slack/mrkdwn';
import { context, modal, plain, section } from './blocks';
import { unitRef, userText } from './format';
import { FINDING_STEP_BLOCKS as B, FINDING_STEP_MODAL } from './ids';
import { FIELD_ERROR_CHARS, INPUT_LABEL_CHARS, PLACEHOLDER_CHARS, truncate } from './limits';

/** The steps the form is for; "Verify" needs no form, "due" is a command. */
export type FormStep = 'plan' | 'done' | 'reopen';

/** Files a plan or "done" may carry from the form (Slack allows 1 to 10 per file_input). */
export const STEP_FILES_MAX = 5;

/** The steps whose notes must be given: a plan says what, a sending back says why. */
export const NOTES_REQUIRED: Readonly<Record<FormStep, boolean>> = { plan: true, done: false, reopen: true };

/** The steps that take evidence. */
export const TAKES_FILES: Readonly<Record<FormStep, boolean>> = { plan: true, done: true, reopen: false };

const TEXT_CHARS = 1000;
const NOTE_CHARS = 500;

export interface FindingStepModalInput {
  step: FormStep;
  finding: Finding;
  unit: Unit;
  privateMetadata: string;
}

/**
 * The form of one step of a finding's rectification: titled by the step, the finding shown (its
 * text, unit, state and owner; when it is sent back, what was said when it was marked done), a
 * notes field (required for a plan and a sending back) and, for a plan or "done", a Slack
 * `file_input` for evidence.
 */
export function findingStepModal(lang: Lang, input: FindingStepModalInput): View {
  const s = findingStrings(lang);
  const f = s.form;
  const { step, finding, unit } = input;
  const about = [
    `${s.status[finding.status]} · ${s.owner(mention(finding.owner))}`,
    ...(finding.due ? [s.due(escapeText(finding.due))] : []),
  ].join(' · ');
  const blocks: KnownBlock[] = [
    section(`*#${finding.id}* ${userText(finding.text, TEXT_CHARS)}\n${unitRef(unit)}`),
    context(about),
  ];
  if (step === 'reopen' && finding.doneBy) {
    const notes = finding.doneNotes ? `: ${userText(finding.doneNotes, NOTE_CHARS)}` : '';
    blocks.push(context(`${s.doneBy(mention(finding.doneBy))}${notes}`));
  }
  const notes: InputBlock = {
    type: 'input',
    block_id: B.notes,
    label: plain(f.notes[step], INPUT_LABEL_CHARS),
    element: {
      type: 'plain_text_input',
      action_id: B.notesAction,
      multiline: true,
      max_length: NOTES_MAX,
      placeholder: plain(f.placeholder[step], PLACEHOLDER_CHARS),
    },
    ...(NOTES_REQUIRED[step] ? {} : { optional: true }),
  };
  blocks.push(notes);
  if (TAKES_FILES[step]) {
    blocks.push({
      type: 'input',
      block_id: B.files,
      optional: true,
      label: plain(f.files, INPUT_LABEL_CHARS),
      hint: plain(f.filesHint(STEP_FILES_MAX), INPUT_LABEL_CHARS),
      element: { type: 'file_input', action_id: B.filesAction, max_files: STEP_FILES_MAX },
    });
  }
  return modal(
    {
      callbackId: FINDING_STEP_MODAL,
      privateMetadata: input.privateMetadata,
      title: f.title[step],
      submit: f.submit[step],
      close: f.close,
    },
    blocks,
  );
}

/**
 * A refusal written for a message (mrkdwn: mentions, bold, escaped text) as the plain text a form's
 * field error is: each `<@U…>` as `@name` when `names` has one, marks and escapes undone.
 */
export function formErrorText(mrkdwn: string, names: ReadonlyMap<string, string>): string {
  const text = mrkdwn
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>/g, (_, id: string) => `@${names.get(id) || id}`)
    .replace(/(^|[\s(（])\*([^*\n]+)\*/g, '$1$2')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return truncate(text, FIELD_ERROR_CHARS);
}
