/**
 * Lines with a control each (a "Log" or "Mark done" button) within a message's blocks. A section
 * holds one accessory, so a line keeps its button only in a section of its own; when the lines
 * outnumber the blocks, the first ones keep theirs and the rest are packed several to a section,
 * each such section optionally with one control for the lines it holds (a select).
 */
import type { SectionBlock } from '@slack/types';
import { section } from './blocks';
import { SECTION_TEXT_CHARS, SELECT_OPTIONS, truncate } from './limits';

export interface Row<T> {
  /** mrkdwn, already escaped. */
  text: string;
  /** What the line is about, handed to `groupControl` when the line is packed with others. */
  item?: T;
  /** Beside the line when it has a section of its own. */
  control?: SectionBlock['accessory'];
  /** The block id of the line's own section. */
  blockId?: string;
}

export interface RowLayout<T> {
  /** Blocks the lines may take. */
  budget: number;
  /** The last line when not all lines fit. */
  more: (hidden: number) => string;
  /** The control of a section holding several lines: e.g. a select listing their items. */
  groupControl?: (items: T[], index: number) => Pick<SectionBlock, 'accessory' | 'block_id'> | null;
}

type Planned<T> = { own: Row<T> } | { group: Row<T>[]; tail?: string };

/**
 * The rows as sections, in order, at most `budget` of them: as many rows with a control as
 * possible (the first ones) get a section of their own; everything else is packed. When even the
 * packed rows do not fit, the ones that fit are kept and the last section says how many are not.
 */
export function rowSections<T>(rows: readonly Row<T>[], layout: RowLayout<T>): SectionBlock[] {
  if (layout.budget < 1) return [];
  // Copied field by field: an object spread costs microseconds a row, and a status has hundreds.
  const lines = rows.map(
    (r): Row<T> => ({
      text: truncate(r.text, SECTION_TEXT_CHARS),
      item: r.item,
      control: r.control,
      blockId: r.blockId,
    }),
  );
  const controlled = lines.flatMap((r, i) => (r.control ? [i] : []));
  for (let k = Math.min(controlled.length, layout.budget); k >= 0; k--) {
    const plan = planWith(lines, k === 0 ? 0 : (controlled[k - 1] ?? 0) + 1);
    if (plan.length <= layout.budget) return render(plan, layout);
  }
  return render(withTail(lines, layout), layout);
}

/** Rows before `cut`: a section each when they have a control, runs of others packed; all after packed. */
function planWith<T>(rows: readonly Row<T>[], cut: number): Planned<T>[] {
  const plan: Planned<T>[] = [];
  let run: Row<T>[] = [];
  const flush = () => {
    for (const group of pack(run)) plan.push({ group });
    run = [];
  };
  rows.forEach((row, i) => {
    if (i < cut && row.control) {
      flush();
      plan.push({ own: row });
    } else run.push(row);
  });
  flush();
  return plan;
}

/** Consecutive rows into groups of at most a section's text and a select's options. */
function pack<T>(rows: readonly Row<T>[], maxChars = SECTION_TEXT_CHARS): Row<T>[][] {
  const groups: Row<T>[][] = [];
  let current: Row<T>[] = [];
  let length = 0;
  for (const row of rows) {
    const added = (current.length ? 1 : 0) + row.text.length;
    if (current.length && (length + added > maxChars || current.length >= SELECT_OPTIONS)) {
      groups.push(current);
      current = [];
      length = 0;
    }
    length += (current.length ? 1 : 0) + row.text.length;
    current.push(row);
  }
  if (current.length) groups.push(current);
  return groups;
}

/** All packed; the first `budget - 1` sections whole, the last filled around the "more" line. */
function withTail<T>(rows: readonly Row<T>[], layout: RowLayout<T>): Planned<T>[] {
  const groups = pack(rows).slice(0, layout.budget - 1);
  let shown = groups.reduce((n, g) => n + g.length, 0);
  // The hidden count only shrinks from rows.length, so this reserve is always enough.
  const reserve = layout.more(rows.length).length + 1;
  const room = SECTION_TEXT_CHARS - reserve;
  const [first = []] = pack(rows.slice(shown), room);
  // A lone line longer than the room left is not cut: it is counted with the hidden ones.
  const last = first.length === 1 && (first[0]?.text.length ?? 0) > room ? [] : first;
  shown += last.length;
  return [...groups.map((group) => ({ group })), { group: last, tail: layout.more(rows.length - shown) }];
}

function render<T>(plan: readonly Planned<T>[], layout: RowLayout<T>): SectionBlock[] {
  let groups = 0;
  return plan.map((p) => {
    if ('own' in p) {
      const block = section(p.own.text);
      if (p.own.control) block.accessory = p.own.control;
      if (p.own.blockId) block.block_id = p.own.blockId;
      return block;
    }
    const text = [...p.group.map((r) => r.text), ...(p.tail === undefined ? [] : [p.tail])].join('\n');
    const block = section(text);
    const items = p.group.flatMap((r) => (r.item === undefined ? [] : [r.item]));
    const extra = items.length > 0 ? layout.groupControl?.(items, groups++) : null;
    return extra ? { ...block, ...extra } : block;
  });
}
