import type { Command, ParseContext, Subcommand } from './command';
import { UserError } from './errors';
import { normalizeInput } from './normalize';
import { type Line, unescapeSlack } from './parse-args';
import { parseFinding } from './parse-finding';
import { parseMember, parseSetup, parseUnit } from './parse-group';
import { parseLog, parseStatus, parseUndo } from './parse-log';
import { parseCoverage, parseDigest, parseExport, parseMeeting, parseRemind } from './parse-schedule';
import { subcommandWord } from './parse-words';
import { tokenize } from './tokenize';

/** Long enough to recognise a mistyped word, short enough for one line of an answer. */
const ECHO_MAX = 40;

function parseHelp(line: Line): Command {
  const topic = line.args[0];
  return { kind: 'help', topic: topic ? subcommandWord(topic.value) : null };
}

const PARSERS: Record<Subcommand, (line: Line) => Command> = {
  help: parseHelp,
  setup: parseSetup,
  member: parseMember,
  unit: parseUnit,
  log: parseLog,
  undo: parseUndo,
  status: parseStatus,
  finding: parseFinding,
  meeting: parseMeeting,
  digest: parseDigest,
  remind: parseRemind,
  coverage: parseCoverage,
  export: parseExport,
};

/**
 * Parses the text after `/dudao` (see the spec's grammar; English or Chinese words, full-width
 * forms accepted). An empty line asks for help. Throws a UserError naming what was wrong and,
 * where it helps, the subcommand whose form to show (`usage`).
 */
export function parseCommand(text: string, ctx: ParseContext): Command {
  const normalized = normalizeInput(text);
  const tokens = tokenize(normalized);
  const first = tokens[0];
  if (!first) return { kind: 'help', topic: null };
  const sub = first.quoted ? null : subcommandWord(first.value);
  if (!sub) throw new UserError('unknown_command', { word: unescapeSlack(first.value).slice(0, ECHO_MAX) });
  return PARSERS[sub]({ text: normalized, args: tokens.slice(1), today: ctx.today });
}
