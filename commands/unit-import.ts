import type { ViewSubmitAction } from '@slack/bolt';
import type { AppDeps } from '../src/app/deps';
import { isUserError } from '../src/domain/errors';
import { can } from '../src/domain/permissions';
import type { Unit } from '../src/domain/types';
import { type LineProblem, parseImportText, planImport, takenProblems } from '../src/domain/unit-import';
import { logFormStrings } from '../src/i18n/log-form';
import { unitImportStrings } from '../src/i18n/unit-import';
import { richTextToPlain } from '../src/slack/rich-text';
import { UNIT_IMPORT_BLOCKS as B, UNIT_IMPORT_MODAL } from '../src/views/ids';
import { importErrorText, unitImportModal, unitsImportedMessage } from '../src/views/unit-import-modal';
import { type GroupHandler, reply } from './context';
import { admitSubmission, confirmPrivately, field, formMetadata, submissionListener } from './form-parts';
import { langFor } from './reader-lang';
import type { Routes } from './routes';

/**
 * `/dudao unit import`: the form. Its language is the reader's (reader-lang.ts), as its errors'
 * will be; Slack wants the trigger used within 3 s, so it opens right after the acknowledgement.
 */
export const unitImport: GroupHandler<'unit_import'> = async (_command, ctx) => {
  const lang = await langFor(ctx, ctx.group);
  const metadata = formMetadata({ teamId: ctx.teamId, groupId: ctx.group.id, channelId: ctx.channelId });
  return reply(null, async () => {
    await ctx.client.views.open({ trigger_id: ctx.triggerId, view: unitImportModal(lang, metadata) });
  });
};

/**
 * The pasted text: a rich_text_input sends rich_text (people picked with `@` as user elements);
 * a plain `value` is read too, for a client that sends one.
 */
function pastedText(values: ViewSubmitAction['view']['state']['values']): string {
  const box = field(values, B.lines);
  return richTextToPlain(box.rich_text_value) ?? box.value ?? '';
}

/**
 * The import's submission. Every line is checked before anything is written, and the store writes
 * all the units in one script or none, judging the caller's role and the keys at that moment; one
 * import per view, however often Slack delivers it. Errors are listed on the box, line by line.
 */
const importSubmission = (deps: AppDeps) =>
  submissionListener('unit_import', deps, B.lines, async (args, ctx) => {
    const admitted = await admitSubmission(args, deps, B.lines, ctx);
    if (typeof admitted === 'string') return admitted;
    const { meta, teamId, team, group, userId, now, lang } = admitted;
    const { ack, view, client } = args;
    const s = unitImportStrings(lang);
    const refuse = async (message: string, outcome: 'user_error' | 'forbidden') => {
      await ack({ response_action: 'errors', errors: { [B.lines]: message } });
      return outcome;
    };
    const showProblems = (problems: LineProblem[]) => refuse(importErrorText(lang, problems), 'user_error');

    const member = await team.getMember(group.id, userId);
    if (!member) return refuse(logFormStrings(lang).notMember, 'forbidden');
    if (!can('manage', { role: member.role, userId })) return refuse(s.forbidden, 'forbidden');
    const parsed = parseImportText(pastedText(view.state.values));
    if (parsed.kind === 'empty') return refuse(s.empty, 'user_error');
    if (parsed.kind === 'too_many') return refuse(s.tooMany(parsed.count, parsed.max), 'user_error');
    const existing = await team.listUnits(group.id, { includeArchived: true });
    const plan = planImport(parsed.lines, {
      keys: new Set(existing.map((u) => u.key)),
      count: existing.length,
    });
    // A paste with bad lines was never imported, so the keys the group holds now are bad lines too.
    // A clean one goes to the store, which tells a repeat of this view before it judges keys.
    if (parsed.problems.length > 0) return showProblems([...parsed.problems, ...plan.taken]);

    const units: Unit[] = plan.units.map((u) => ({
      key: u.key,
      name: u.name,
      kind: u.kind,
      liaisons: u.liaisons,
      archived: false,
      createdAt: now,
    }));
    let outcome: Awaited<ReturnType<typeof team.importUnits>>;
    try {
      outcome = await team.importUnits(group.id, units, { userId, now, requestId: view.id });
    } catch (err) {
      // Removed from the group between the check above and the write.
      if (!isUserError(err) || err.code !== 'not_member') throw err;
      return refuse(logFormStrings(lang).notMember, 'forbidden');
    }
    if (outcome.kind === 'forbidden') return refuse(s.forbidden, 'forbidden');
    if (outcome.kind === 'taken') return showProblems(takenProblems(plan.units, outcome.keys));
    await ack();
    // A repeated delivery closes the form; the first one confirmed.
    if (outcome.kind === 'repeat') return 'ok';
    const liaisons = [...new Set(units.flatMap((u) => u.liaisons))];
    if (liaisons.length > 0) deps.home.changed(teamId, group.id, liaisons);
    const message = unitsImportedMessage(lang, group.name, units);
    await confirmPrivately(client, deps.logger, { channel: meta.c, userId }, message);
    return 'ok';
  });

/** Registers the form's listener. */
export function registerUnitImport(routes: Routes, deps: AppDeps): void {
  routes.view(UNIT_IMPORT_MODAL, importSubmission(deps));
}
