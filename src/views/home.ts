import type { Button, HomeView, KnownBlock, SectionBlock } from '@slack/types';
import { isOverdueFinding } from '../domain/finding-states';
import {
  type CoverageMark,
  coverageMark,
  type HomeFinding,
  NEAR_THRESHOLD_DAYS,
  runsGroup,
} from '../domain/home';
import type { StatusRow } from '../domain/status';
import type { Group, IsoDate, Lang, Role, Unit } from '../domain/types';
import { formatLocalDateTime } from '../domain/zoned-time';
import { homeStrings } from '../i18n/home';
import { type Strings, strings } from '../i18n/index';
import { escapeText } from '../slack/mrkdwn';
import { homeLogValue } from './action-values';
import { context, divider, header, plain, section } from './blocks';
import { stepButton } from './findings';
import { unitRef, userText } from './format';
import { BUTTON_ACTIONS } from './ids';
import { BUTTON_TEXT_CHARS, packWithin, VIEW_BLOCKS } from './limits';

/** Blocks of a group: a divider, its title (with "Log activity") and at least one of units. */
const GROUP_MIN_BLOCKS = 3;
/** Units listed per group at most, the weakest first; the rest are counted and sent to `/dudao status`. */
const UNITS_SHOWN = 20;
/** Sections those lines may take (long names need two). */
const UNIT_SECTIONS = 2;
/** Findings shown per group, each a section with its button; the rest are counted. */
const FINDINGS_SHOWN = 10;
const FINDING_CHARS = 300;
const GROUP_NAME_CHARS = 150;

const MARKS: Record<CoverageMark, string> = {
  past: ':red_circle:',
  near: ':large_yellow_circle:',
  ok: ':large_green_circle:',
};

export interface HomeGroup {
  group: Group;
  /** The language of this group's section for the viewer. */
  lang: Lang;
  role: Role;
  today: IsoDate;
  /** Every active unit of the group, as `buildStatus` sorts them: past the threshold first. */
  rows: StatusRow[];
  /** The findings waiting on the viewer (`homeFindings`), in the order shown. */
  findings: HomeFinding[];
  /** When the next weekly meeting starts (epoch ms), or null when none is set. */
  nextMeeting: number | null;
}

export interface HomeInput {
  userId: string;
  /** The language of the page's own words. */
  lang: Lang;
  /** The viewer's groups, in the order shown. */
  groups: HomeGroup[];
}

/**
 * The viewer's App Home: for each group their role and the group's totals, the next meeting, a
 * "Log activity" button, the units they are liaison for (past the threshold first) with a coverage
 * mark (a leader or deputy without units sees the group's units past the threshold), and the findings waiting on them with "Mark done" / "Verify". Whatever the number of groups,
 * units and findings, it stays within the 100 blocks of a view: what does not fit is counted and
 * sent to `/dudao status` or `/dudao finding list`. No group: a welcome that says how to start.
 */
export function homeView(input: HomeInput): HomeView {
  const s = homeStrings(input.lang);
  if (input.groups.length === 0) {
    return {
      type: 'home',
      blocks: [header(s.welcomeHeader), section(s.welcome), context(s.welcomeHelp)],
    };
  }
  const blocks: KnownBlock[] = [header(s.header), context(`${s.intro}\n${s.legend(NEAR_THRESHOLD_DAYS)}`)];
  let room = VIEW_BLOCKS - blocks.length;
  let shown = input.groups.length;
  if (shown * GROUP_MIN_BLOCKS > room) shown = Math.floor((room - 1) / GROUP_MIN_BLOCKS);
  const hiddenGroups = input.groups.length - shown;
  if (hiddenGroups > 0) room -= 1;
  input.groups.slice(0, shown).forEach((g, i) => {
    // The blocks left are shared by the groups still to come (what earlier ones left goes to later ones).
    const budget = Math.floor(room / (shown - i));
    const part = groupBlocks(input.userId, g, budget);
    blocks.push(...part);
    room -= part.length;
  });
  if (hiddenGroups > 0) blocks.push(context(s.moreGroups(hiddenGroups)));
  return { type: 'home', blocks };
}

function button(text: string, actionId: string, value: string, style?: 'primary'): Button {
  return {
    type: 'button',
    text: plain(text, BUTTON_TEXT_CHARS),
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

function withButton(block: SectionBlock, accessory: Button): SectionBlock {
  return { ...block, accessory };
}

/** One group's blocks, at most `budget` of them (at least GROUP_MIN_BLOCKS). */
function groupBlocks(userId: string, g: HomeGroup, budget: number): KnownBlock[] {
  const s = homeStrings(g.lang);
  const base = strings(g.lang);
  const { group } = g;
  const channel = `<#${group.id}>`;
  const past = g.rows.filter((r) => r.gap).length;
  const open = g.rows.reduce((sum, r) => sum + r.openFindings, 0);
  const meeting =
    g.nextMeeting === null
      ? s.noMeeting
      : s.nextMeeting(formatLocalDateTime(g.nextMeeting, group.tz, g.lang), escapeText(group.tz));
  const title = [
    s.groupTitle(userText(group.name, GROUP_NAME_CHARS), channel),
    `${s.you(base.roles[g.role])} · ${s.totals(g.rows.length, past, open)}`,
    meeting,
  ].join('\n');
  const blocks: KnownBlock[] = [
    divider(),
    withButton(
      section(title),
      button(s.logButton, BUTTON_ACTIONS.homeLog, homeLogValue(group.id), 'primary'),
    ),
  ];
  let room = budget - blocks.length;

  const own = g.rows.filter((r) => r.unit.liaisons.includes(userId));
  // Someone who runs the group without units of their own sees the group's gaps instead.
  const gaps = own.length === 0 && runsGroup(g.role);
  const mine = gaps ? g.rows.filter((r) => r.gap) : own;
  const cut = Math.max(0, mine.length - UNITS_SHOWN);
  const unitLines = mine.length
    ? [
        gaps ? s.gapUnits(mine.length) : s.yourUnits(mine.length),
        ...mine.slice(0, UNITS_SHOWN).map((r) => unitLine(base, r, group.coverageDays)),
      ]
    : [gaps ? s.noGaps : s.noUnits];
  if (cut > 0) unitLines.push(s.moreUnits(cut, channel));
  // A second section of units only when the findings keep room for their title and one of them.
  const unitSections = room >= UNIT_SECTIONS + 2 ? UNIT_SECTIONS : 1;
  // When lines must go too, the count line is among the hidden ones: count units, not lines.
  const more = (hidden: number) => s.moreUnits(cut > 0 ? hidden - 1 + cut : hidden, channel);
  const units = packWithin(unitLines, unitSections, more).map(section);
  blocks.push(...units);
  room -= units.length;
  if (room < 1) return blocks;

  const total = g.findings.length;
  if (total === 0) return [...blocks, context(s.noFindings)];
  // A title, then one section per finding; when not all fit, the last block counts the rest.
  let count = Math.min(total, FINDINGS_SHOWN, room - 1);
  if (count < total) count = Math.max(0, Math.min(count, room - 2));
  const hidden = total - count;
  if (count === 0) return [...blocks, context(`${s.yourFindings(total)} ${s.moreFindings(hidden, channel)}`)];
  blocks.push(context(s.yourFindings(total)));
  const byKey = new Map(g.rows.map((r) => [r.unit.key, r.unit]));
  for (const item of g.findings.slice(0, count)) {
    blocks.push(findingBlock(g.lang, group.id, item, byKey.get(item.finding.unitKey), g.today));
  }
  if (hidden > 0) blocks.push(context(s.moreFindings(hidden, channel)));
  return blocks;
}

function unitLine(base: Strings, row: StatusRow, coverageDays: number): string {
  const never = row.daysSince === null;
  const parts = [
    `${MARKS[coverageMark(row, coverageDays)]} ${unitRef(row.unit)}`,
    base.status.lastContact(never ? base.time.never : base.time.daysAgo(row.daysSince ?? 0), never),
    base.status.week(row.weekCount),
  ];
  if (row.openFindings > 0) parts.push(base.status.open(row.openFindings));
  return parts.join(' · ');
}

function findingBlock(
  lang: Lang,
  groupId: string,
  item: HomeFinding,
  unit: Unit | undefined,
  today: IsoDate,
): SectionBlock {
  const s = homeStrings(lang);
  const base = strings(lang);
  const f = item.finding;
  const late = item.action === 'done' && isOverdueFinding(f, today);
  const parts = [`${late ? ':warning:' : '•'} *#${f.id}* ${userText(f.text, FINDING_CHARS)}`];
  parts.push(unitRef(unit ?? { key: f.unitKey, name: f.unitKey }));
  if (item.action === 'verify') parts.push(s.waiting);
  else if (f.due)
    parts.push(late ? base.findings.dueOverdue(escapeText(f.due)) : base.findings.due(escapeText(f.due)));
  return withButton(section(parts.join(' · ')), stepButton(lang, groupId, f.id, item.action));
}
