import type { Command } from './command';
import { UserError } from './errors';
import { NOTES_MAX } from './new-activity';
import { FINDING_TEXT_MAX } from './new-finding';
import {
  checkLength,
  dateValue,
  freeText,
  intIn,
  joinWords,
  type Line,
  mentionList,
  optionOf,
} from './parse-args';
import { takeOption, unitArg } from './parse-log';
import { findingFilterOf, severityWord, verbOf } from './parse-words';
import type { Token } from './tokenize';

/**
 * `finding add <unit> <text…> [due=…] [owner=<@user>] [severity=…]`, `finding list [<unit>]
 * [open|overdue|waiting|closed|all]`, `finding show <id>`, and the steps of rectification:
 * `plan <id> <text…>`, `done <id> [notes…]`, `verify <id> [notes…]`, `reopen <id> <reason…>`,
 * `due <id> <date> <reason…>`.
 */

const ADD_OPTIONS = ['due', 'owner', 'severity'] as const;

function parseFindingAdd(line: Line, args: Token[]): Command {
  const [unitTok, ...rest] = args;
  const unit = unitArg(unitTok, 'finding');
  // Options before the text must be ones `add` takes; once the text has started, only these are taken out.
  const lead = rest.findIndex((t) => !optionOf(t));
  for (const tok of lead < 0 ? rest : rest.slice(0, lead)) {
    const opt = optionOf(tok);
    if (opt && !(ADD_OPTIONS as readonly string[]).includes(opt.name))
      throw new UserError('unknown_option', { name: opt.typed, usage: 'finding' });
  }
  const due = takeOption(rest, 'due', 'finding');
  const owner = takeOption(rest, 'owner', 'finding');
  const severity = takeOption(rest, 'severity', 'finding');
  const taken = [due, owner, severity].flatMap((o) => (o ? [o.token] : []));
  const text = freeText(line, rest, taken);
  if (text === '') throw new UserError('missing_argument', { what: 'text', usage: 'finding' });
  checkLength(text, 'text', FINDING_TEXT_MAX);
  const owners = owner ? mentionList(owner.value) : [];
  if (owners.length > 1) throw new UserError('usage', { usage: 'finding' });
  const level = severity ? severityWord(severity.value) : null;
  if (severity && !level)
    throw new UserError('bad_choice', {
      name: severity.typed,
      value: severity.value,
      choices: 'low, medium, high',
      usage: 'finding',
    });
  return {
    kind: 'finding_add',
    unit,
    text,
    due: due ? dateValue(due.value) : null,
    owner: owners[0] ?? null,
    severity: level,
  };
}

function parseFindingList(args: Token[]): Command {
  const last = args[args.length - 1];
  const filter = findingFilterOf(last);
  const words = filter ? args.slice(0, -1) : args;
  for (const w of words) {
    const opt = optionOf(w);
    if (opt) throw new UserError('unknown_option', { name: opt.typed, usage: 'finding' });
  }
  return { kind: 'finding_list', unit: joinWords(words, 'finding') || null, filter: filter ?? 'open' };
}

function findingId(tok: Token | undefined): number {
  if (!tok) throw new UserError('missing_argument', { what: 'id', usage: 'finding' });
  return intIn(tok.value.replace(/^#/, ''), 'id', 1, 999_999_999);
}

/** Free text after the id: required for a plan and a reason, optional notes otherwise. */
function notesOf(line: Line, rest: Token[], what: 'plan' | 'reason' | 'notes', required: boolean): string {
  const notes = checkLength(freeText(line, rest, []), 'notes', NOTES_MAX);
  if (required && notes === '') throw new UserError('missing_argument', { what, usage: 'finding' });
  return notes;
}

const MOVES = {
  plan: 'finding_plan',
  done: 'finding_done',
  verify: 'finding_verify',
  reopen: 'finding_reopen',
} as const;

export function parseFinding(line: Line): Command {
  const [verbTok, ...args] = line.args;
  const verb = verbOf(verbTok, ['add', 'list', 'show', 'plan', 'done', 'verify', 'reopen', 'due']);
  if (!verb) throw new UserError('usage', { usage: 'finding' });
  if (verb === 'add') return parseFindingAdd(line, args);
  if (verb === 'list') return parseFindingList(args);
  const [idTok, ...rest] = args;
  const id = findingId(idTok);
  if (verb === 'show') {
    if (rest.length > 0) throw new UserError('usage', { usage: 'finding' });
    return { kind: 'finding_show', id };
  }
  if (verb === 'due') {
    const [dateTok, ...reason] = rest;
    if (!dateTok) throw new UserError('missing_argument', { what: 'date', usage: 'finding' });
    return {
      kind: 'finding_due',
      id,
      date: dateValue(dateTok.value),
      notes: notesOf(line, reason, 'reason', true),
    };
  }
  const kind = MOVES[verb];
  const what = verb === 'plan' ? 'plan' : verb === 'reopen' ? 'reason' : 'notes';
  return { kind, id, notes: notesOf(line, rest, what, verb === 'plan' || verb === 'reopen') } as Command;
}
