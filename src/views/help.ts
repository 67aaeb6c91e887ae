import type { KnownBlock } from '@slack/types';
import { activityTypeLabel } from '../domain/activity-types';
import { SUBCOMMANDS, type Subcommand } from '../domain/command';
import { ACTIVITY_TYPES, type Lang, type Role } from '../domain/types';
import { type Strings, strings } from '../i18n/index';
import { escapeText } from '../slack/mrkdwn';
import { context, divider, header, section } from './blocks';
import { packLines } from './limits';
import type { Message } from './message';

const ROLES: Role[] = ['leader', 'deputy', 'member', 'liaison'];

/**
 * Help: every command with one example, the activity types in both languages and the roles.
 * With a topic, that subcommand's forms and all its examples.
 */
export function helpMessage(lang: Lang, topic: Subcommand | null): Message {
  const s = strings(lang);
  return topic ? topicHelp(s, topic) : overview(s);
}

function overview(s: Strings): Message {
  const commands = SUBCOMMANDS.map((sub) => {
    const { forms, examples } = s.usage[sub];
    const lines = forms.map((f) => `\`${escapeText(f.syntax)}\`  ${escapeText(f.what)}`);
    const example = examples[0];
    if (example) lines.push(`      _${s.words.example}_ \`${escapeText(example)}\``);
    return lines.join('\n');
  });
  const blocks: KnownBlock[] = [
    header(s.help.title),
    section(s.help.intro),
    context(s.help.surfaces),
    divider(),
    ...titled(`*${s.help.commands}*`, commands),
    ...titled(`*${s.help.types}*`, typeLines()),
    ...titled(`*${s.help.roles}*`, roleLines(s)),
    context(s.help.more),
  ];
  return { text: s.help.title, blocks };
}

function topicHelp(s: Strings, topic: Subcommand): Message {
  const { forms, examples } = s.usage[topic];
  const formLines = forms.map((f) => `\`${escapeText(f.syntax)}\`\n      ${escapeText(f.what)}`);
  const exampleLines = examples.map((e) => `\`${escapeText(e)}\``);
  const blocks: KnownBlock[] = [
    header(`/dudao ${topic}`),
    ...titled(`*${s.words.usage}*`, formLines),
    ...titled(`*${s.words.examples}*`, exampleLines),
  ];
  if (topic === 'log') blocks.push(...titled(`*${s.help.types}*`, typeLines()));
  if (topic === 'member' || topic === 'unit') blocks.push(...titled(`*${s.help.roles}*`, roleLines(s)));
  blocks.push(context(s.help.more));
  const first = forms[0];
  return { text: first ? `/dudao ${topic}: ${escapeText(first.syntax)}` : `/dudao ${topic}`, blocks };
}

/** Sections of `lines` headed by `title`, packed within the section limit. */
function titled(title: string, lines: string[]) {
  return packLines([title, ...lines]).map(section);
}

/** Every type under all its names, so either language's word can be typed. */
function typeLines(): string[] {
  return ACTIVITY_TYPES.map(
    (t) => `\`${t}\` · ${activityTypeLabel(t, 'en')} · ${activityTypeLabel(t, 'zh')}`,
  );
}

function roleLines(s: Strings): string[] {
  return ROLES.map((r) => s.help.role(s.roles[r], r, s.rolesWhat[r]));
}
