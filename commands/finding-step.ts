import { createHash } from 'node:crypto';
import type { ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { AppDeps } from '../src/app/deps';
import type { Outcome } from '../src/domain/errors';
import type { FindingMove } from '../src/domain/finding-states';
import { NOTES_MAX } from '../src/domain/new-activity';
import type { EvidenceFile, Finding, Group, Lang, Unit } from '../src/domain/types';
import { buttonStrings } from '../src/i18n/buttons';
import { findingStrings } from '../src/i18n/findings';
import { shortcutStrings } from '../src/i18n/shortcuts';
import type { TeamStore } from '../src/store/types';
import { confirmMessage } from '../src/views/confirm';
import { userErrorMessage } from '../src/views/errors';
import {
  type FormStep,
  findingStepModal,
  formErrorText,
  NOTES_REQUIRED,
  STEP_FILES_MAX,
  TAKES_FILES,
} from '../src/views/finding-step-modal';
import { FINDING_STEP_BLOCKS as B, FINDING_STEP_MODAL } from '../src/views/ids';
import { changeFinding, refusalError } from './finding';
import {
  admitSubmission,
  confirmPrivately,
  field,
  formMetadata,
  safeJson,
  submissionListener,
} from './form-parts';
import type { Routes } from './routes';

/** What the step form carries besides the team, group and channel of every form: the finding and the step. */
const stepSchema = z.object({
  f: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  s: z.enum(['plan', 'done', 'reopen']),
});

export interface StepOpening {
  client: WebClient;
  triggerId: string;
  teamId: string;
  group: Group;
  lang: Lang;
  step: FormStep;
  finding: Finding;
  unit: Unit;
  /** Where the submission is confirmed (the channel of the pressed message), or null: a direct message. */
  channelId: string | null;
}

/** Opens the step form for a press; Slack wants its trigger used within 3 s of the press. */
export async function openFindingStep(o: StepOpening): Promise<void> {
  const common = JSON.parse(
    formMetadata({ teamId: o.teamId, groupId: o.group.id, channelId: o.channelId }),
  ) as Record<string, unknown>;
  const privateMetadata = JSON.stringify({ ...common, f: o.finding.id, s: o.step });
  const view = findingStepModal(o.lang, { step: o.step, finding: o.finding, unit: o.unit, privateMetadata });
  await o.client.views.open({ trigger_id: o.triggerId, view });
}

/** A file of a `file_input` as Slack submits it; only what the record keeps is read. */
const fileSchema = z
  .object({
    id: z.string().regex(/^F[A-Z0-9]{2,40}$/),
    name: z.string().nullish(),
    title: z.string().nullish(),
    permalink: z.string().nullish(),
    url_private: z.string().nullish(),
  })
  .loose();
const filesSchema = z.object({ files: z.array(z.unknown()).max(50) }).loose();

const FILE_NAME_CHARS = 200;
const FILE_URL_CHARS = 500;
const webUrl = (u: string | null | undefined): string | null =>
  u && u.length <= FILE_URL_CHARS && /^https?:\/\/[^\s<>|]+$/.test(u) ? u : null;

/** The evidence the form's `file_input` holds: id, name and the permalink (else url_private) of each file. */
function evidenceIn(values: ViewSubmitAction['view']['state']['values']): EvidenceFile[] {
  const given = filesSchema.safeParse(values[B.files]?.[B.filesAction]);
  if (!given.success) return [];
  const out = new Map<string, EvidenceFile>();
  for (const raw of given.data.files) {
    const file = fileSchema.safeParse(raw);
    if (!file.success || out.has(file.data.id)) continue;
    const { id, name, title, permalink, url_private: urlPrivate } = file.data;
    const url = webUrl(permalink) ?? webUrl(urlPrivate);
    const shown = (name || title || id).trim().slice(0, FILE_NAME_CHARS) || id;
    out.set(id, { id, name: shown, ...(url ? { url } : {}) });
  }
  return [...out.values()].slice(0, STEP_FILES_MAX);
}

type FormMove = Extract<FindingMove, { step: FormStep }>;

function moveOf(step: FormStep, notes: string, files: EvidenceFile[]): FormMove {
  if (step === 'reopen') return { step, notes };
  return files.length > 0 ? { step, notes, files } : { step, notes };
}

const fileIds = (files: readonly EvidenceFile[] | undefined) => (files ?? []).map((f) => f.id).join(',');

/**
 * The once-per-submission key: the view and what it submits. Slack delivering the same submission
 * again finds it taken; the same form sent again with other notes (after an error) does not.
 */
function repeatKey(viewId: string, move: FormMove): string {
  const files = 'files' in move ? fileIds(move.files) : '';
  const digest = createHash('sha256').update(`${move.step}\n${move.notes}\n${files}`).digest('hex');
  return `${viewId}.${digest.slice(0, 24)}`;
}

/** Whether the finding's last change is this very submission, already taken. */
function alreadyTaken(f: Finding, userId: string, move: FormMove): boolean {
  const last = f.history.at(-1);
  if (!last || last.step !== move.step || last.by !== userId || last.notes !== move.notes) return false;
  return fileIds(last.files) === ('files' in move ? fileIds(move.files) : '');
}

/** users.info is asked at most this long for the names a form error shows. */
const NAME_LOOKUP_MS = 800;

/** Names of the people a refusal mentions: cached ones, else users.info within NAME_LOOKUP_MS. */
async function namesIn(text: string, client: WebClient, team: TeamStore): Promise<Map<string, string>> {
  const ids = [...new Set([...text.matchAll(/<@([UW][A-Z0-9]+)/g)].map((m) => m[1] ?? ''))].slice(0, 20);
  const names = await team.readNames(ids).catch(() => new Map<string, string>());
  const missing = ids.filter((id) => !names.get(id));
  const lookups = Promise.all(
    missing.map(async (id) => {
      const res = await client.users.info({ user: id }).catch(() => null);
      const u = res?.user;
      const name = u?.profile?.display_name || u?.profile?.real_name || u?.real_name || u?.name;
      if (name) names.set(id, name);
    }),
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, NAME_LOOKUP_MS);
  });
  await Promise.race([lookups, late]).finally(() => clearTimeout(timer));
  return names;
}

/**
 * The step form's submission: checked as every form is (the metadata is the bot's, the group and
 * the membership still there), the notes and files read, then the step taken through
 * changeFinding before the acknowledgement, so that a refusal lands on the notes field. The same
 * submission delivered again takes effect once.
 */
const stepSubmission = (deps: AppDeps) =>
  submissionListener('finding_step', deps, B.notes, async (args, ctx) => {
    const admitted = await admitSubmission(args, deps, B.notes, ctx);
    if (typeof admitted === 'string') return admitted;
    const { meta, team, group, userId, now, lang } = admitted;
    const { ack, view, client } = args;
    const s = findingStrings(lang).form;
    const refuse = async (message: string, outcome: Outcome = 'user_error'): Promise<Outcome> => {
      await ack({ response_action: 'errors', errors: { [B.notes]: message } });
      return outcome;
    };
    const target = stepSchema.safeParse(safeJson(view.private_metadata));
    if (!target.success) return refuse(shortcutStrings(lang).form.stale);
    const { f: id, s: step } = target.data;
    const values = view.state.values;
    const notes = (field(values, B.notes).value ?? '').trim();
    if (NOTES_REQUIRED[step] && notes === '')
      return refuse(step === 'plan' ? s.notesMissing.plan : s.notesMissing.reopen);
    if ([...notes].length > NOTES_MAX) return refuse(s.notesTooLong(NOTES_MAX));
    const move = moveOf(step, notes, TAKES_FILES[step] ? evidenceIn(values) : []);

    if ((await team.guards().admit(repeatKey(view.id, move))) !== 'ok') {
      // Delivered before: answered then. Unless that delivery was refused, which wrote nothing.
      const stored = await team.getFinding(group.id, id);
      if (stored && alreadyTaken(stored, userId, move)) {
        await ack();
        return 'ok';
      }
    }
    const result = await changeFinding({ deps, team, group, userId, id, move, now });
    if (result.kind === 'unknown') return refuse(buttonStrings(lang).answer.findingGone(id));
    if (result.kind === 'refused') {
      // The same step with the same notes, taken by this person already (another delivery, a
      // second form): it is done, so the form just closes.
      if (alreadyTaken(result.finding, userId, move)) {
        await ack();
        return 'ok';
      }
      const err = refusalError(id, move, result);
      const text = userErrorMessage(lang, err).text;
      return refuse(formErrorText(text, await namesIn(text, client, team)), err.outcome);
    }
    await ack();
    const { finding, unit, event, verifiers } = result;
    const message = confirmMessage(lang, { kind: 'finding_moved', finding, unit, event, verifiers });
    await confirmPrivately(client, deps.logger, { channel: meta.c, userId }, message);
    return 'ok';
  });

/** Registers the step form's submission. */
export function registerFindingStep(routes: Routes, deps: AppDeps): void {
  routes.view(FINDING_STEP_MODAL, stepSubmission(deps));
}
