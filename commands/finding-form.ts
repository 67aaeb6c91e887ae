import type { View } from '@slack/types';
import type { AppDeps } from '../src/app/deps';
import { isUserError } from '../src/domain/errors';
import { ownerOf } from '../src/domain/finding-states';
import { messageLink } from '../src/domain/message-link';
import { checkNewFinding, type NewFindingIssue } from '../src/domain/new-finding';
import { type Finding, SEVERITIES, type Severity } from '../src/domain/types';
import { localDate } from '../src/domain/zoned-time';
import { logFormStrings } from '../src/i18n/log-form';
import { type ShortcutStrings, shortcutStrings } from '../src/i18n/shortcuts';
import { confirmMessage } from '../src/views/confirm';
import { findingModal } from '../src/views/finding-modal';
import { FINDING_MODAL_BLOCKS as B, FINDING_MODAL } from '../src/views/ids';
import {
  admitSubmission,
  confirmPrivately,
  field,
  formBasis,
  submissionListener,
  unitSuggestions,
} from './form-parts';
import type { LogModalInput } from './log-form';
import type { Routes } from './routes';

/** What the finding form is opened with: as the log form, with the finding's text instead of notes. */
export interface FindingModalInput extends Omit<LogModalInput, 'initialNotes'> {
  /** The finding's text filled in: the text of the message the form was opened from. */
  initialText?: string;
}

/** The finding form for `input.group`, with its units read now. */
export async function findingModalView(input: FindingModalInput): Promise<View> {
  const text = input.initialText ?? '';
  return findingModal(input.lang, { ...(await formBasis(input, text)), initialText: text });
}

/** The severity chosen; medium when the form sent none or one that is not a severity. */
function severityOf(value: string | undefined): Severity {
  return (SEVERITIES as readonly string[]).includes(value ?? '') ? (value as Severity) : 'medium';
}

/** The form's block for a field the check refused, and what it says there. */
function fieldError(issue: NewFindingIssue, s: ShortcutStrings['findingErrors'], chooseUnit: string) {
  switch (issue.field) {
    case 'unit':
      return [B.unit, chooseUnit] as const;
    case 'text':
      return [B.text, issue.code === 'too_long' ? s.textTooLong : s.textMissing] as const;
    case 'due':
      return [B.due, issue.code === 'past_date' ? s.pastDue : s.badDue] as const;
  }
}

/**
 * The finding form's submission, checked as the log form's is (metadata and its team, membership
 * again, the unit still active), written before the acknowledgement once per view.
 */
const findingSubmission = (deps: AppDeps) =>
  submissionListener('finding_form', deps, B.unit, async (args, ctx) => {
    const admitted = await admitSubmission(args, deps, B.unit, ctx);
    if (typeof admitted === 'string') return admitted;
    const { meta, teamId, team, group, userId, now, lang } = admitted;
    const { ack, view, client } = args;
    const s = logFormStrings(lang);

    const values = view.state.values;
    const unitKey = field(values, B.unit).selected_option?.value;
    const checked = checkNewFinding(
      { unit: unitKey, text: field(values, B.text).value, due: field(values, B.due).selected_date },
      localDate(now, group.tz),
    );
    const named = field(values, B.owner).selected_user ?? null;
    const [units, members] = await Promise.all([
      team.listUnits(group.id),
      named === null ? Promise.resolve(null) : team.getMembers(group.id),
    ]);
    const unit = units.find((u) => u.key === unitKey && !u.archived);
    const errors: Record<string, string> = checked.ok
      ? {}
      : Object.fromEntries(
          checked.issues.map((i) => fieldError(i, shortcutStrings(lang).findingErrors, s.chooseUnit)),
        );
    if (unitKey && !unit) errors[B.unit] = s.unitGone;
    if (named !== null && !members?.some((m) => m.userId === named))
      errors[B.owner] = shortcutStrings(lang).findingErrors.ownerNotMember;
    if (!checked.ok || !unit || errors[B.owner]) {
      await ack({ response_action: 'errors', errors });
      return 'user_error';
    }

    const link = messageLink(meta.l);
    let finding: Finding;
    try {
      // Before the acknowledgement, so a refusal lands on the form; once per view however often
      // Slack delivers the submission.
      finding = await team.addFinding(
        group.id,
        {
          unitKey: unit.key,
          text: checked.value.text,
          due: checked.value.due,
          createdBy: userId,
          createdAt: now,
          owner: ownerOf(named, unit, userId),
          severity: severityOf(field(values, B.severity).selected_option?.value),
          ...(link ? { link } : {}),
        },
        { userId, now, requestId: view.id },
      );
    } catch (err) {
      // Removed from the group between the check above and the write.
      if (!isUserError(err) || err.code !== 'not_member') throw err;
      await ack({ response_action: 'errors', errors: { [B.unit]: s.notMember } });
      return 'forbidden';
    }
    await ack();
    deps.home.changed(teamId, group.id, [...new Set([userId, ...unit.liaisons, finding.owner])]);
    const message = confirmMessage(lang, { kind: 'finding_added', finding, unit });
    await confirmPrivately(client, deps.logger, { channel: meta.c, userId }, message);
    return 'ok';
  });

/** Registers the finding form's listeners. */
export function registerFindingForm(routes: Routes, deps: AppDeps): void {
  routes.view(FINDING_MODAL, findingSubmission(deps));
  routes.options(B.unitAction, unitSuggestions(deps));
}
