import { isSlackId } from './ids';
import { parseMention } from './mentions';
import { normalizeInput } from './normalize';
import { KIND_MAX, NAME_MAX, unitKeyOf } from './parse-group';
import { slugify, uniqueKey } from './unit-lookup';

/**
 * `/dudao unit import`: many units pasted into one box, one a line: `name, key, kind, @liaison …`.
 * The rules of a unit are `unit add`'s (parse-group.ts); this module only reads lines and says,
 * line by line, what is wrong, so that a paste is imported whole or not at all.
 */

/**
 * Most units one import adds. Enough for any group's assignment (the largest supervise a few
 * hundred units), small enough that its check, its one Lua script and its confirmation stay cheap.
 */
export const IMPORT_MAX_UNITS = 500;

type Column = 'name' | 'key' | 'kind' | 'liaison';
const DEFAULT_COLUMNS: readonly Column[] = ['name', 'key', 'kind', 'liaison'];

/** Words of a header line, in English and Chinese; the header may order the columns its own way. */
const HEADER_WORDS = new Map<string, Column>([
  ...['name', 'names', 'unit', 'units', 'unit name', '名称', '单位', '单位名称', '名字'].map(
    (w): [string, Column] => [w, 'name'],
  ),
  ...['key', 'keys', 'slug', 'code', '简称', '代码', '代号'].map((w): [string, Column] => [w, 'key']),
  ...['kind', 'type', 'category', '类型', '类别', '种类'].map((w): [string, Column] => [w, 'kind']),
  ...['liaison', 'liaisons', 'contact', 'contacts', '联络人', '联络员', '联系人'].map(
    (w): [string, Column] => [w, 'liaison'],
  ),
]);

/** Column separators: commas (ASCII and full-width), the enumeration comma, and a spreadsheet's tab. */
const SEPARATORS = new Set([',', '，', '、', '\t']);
const MENTION_TOKEN = /<@[^<>]*>/g;

/** One unit line as read: its line number in the paste (from 1) and its fields. */
export interface ImportLine {
  line: number;
  name: string;
  /** The key given, or null: then one is made from the name as `unit add` makes it. */
  key: string | null;
  kind: string;
  liaisons: string[];
}

/** What is wrong with one line; a line may have several. */
export type LineProblem =
  | { line: number; code: 'open_quote' }
  | { line: number; code: 'too_many_fields'; max: number }
  | { line: number; code: 'no_name' }
  | { line: number; code: 'misplaced_mention' }
  | { line: number; code: 'name_too_long'; max: number }
  | { line: number; code: 'kind_too_long'; max: number }
  | { line: number; code: 'bad_key'; value: string }
  | { line: number; code: 'not_a_mention'; text: string }
  | { line: number; code: 'key_repeated'; key: string; first: number }
  | { line: number; code: 'key_taken'; key: string; made: boolean };

export type ParsedImport =
  | { kind: 'empty' }
  | { kind: 'too_many'; count: number; max: number }
  | { kind: 'parsed'; lines: ImportLine[]; problems: LineProblem[] };

/**
 * Reads a pasted list. Blank lines are skipped, and so is a first line of column names (`name, key,
 * kind, liaisons`, `名称，简称，类型，联络人`), whose order then applies to the lines below. Fields are
 * trimmed; `"…"` quotes a field that holds a comma (`""` inside is a quote). Liaisons are `<@U…>`
 * mentions, in the liaison column and any after it; trailing fields that start with `@` are
 * liaisons however few columns come before them, so `name, @liaison` needs no empty columns.
 */
export function parseImportText(text: string): ParsedImport {
  const raw = normalizeInput(text).split(/\r\n|\r|\n/);
  let columns = DEFAULT_COLUMNS;
  let first = true;
  const rows: { line: number; fields: string[] | null }[] = [];
  for (const [i, content] of raw.entries()) {
    if (content.trim() === '') continue;
    const fields = splitFields(content);
    const header = first && fields ? headerColumns(fields) : null;
    first = false;
    if (header) columns = header;
    else rows.push({ line: i + 1, fields });
  }
  if (rows.length === 0) return { kind: 'empty' };
  if (rows.length > IMPORT_MAX_UNITS) return { kind: 'too_many', count: rows.length, max: IMPORT_MAX_UNITS };
  const lines: ImportLine[] = [];
  const problems: LineProblem[] = [];
  for (const { line, fields } of rows) {
    if (!fields) {
      problems.push({ line, code: 'open_quote' });
      continue;
    }
    const read = readLine(line, fields, columns);
    if (read.problems.length > 0) problems.push(...read.problems);
    else lines.push(read.row);
  }
  problems.push(...repeatedKeys(lines));
  return { kind: 'parsed', lines, problems };
}

/** A unit to create: an import line with its key settled. `made` when the key was made from the name. */
export interface PlannedUnit extends Omit<ImportLine, 'key'> {
  key: string;
  made: boolean;
}

/**
 * Gives every line its key: the one given, else one made from the name as `unit add` makes it,
 * never one taken in the group (archived units included) or given or made for another line.
 * `taken` lists the lines whose given key the group already uses, as the group was read.
 */
export function planImport(
  lines: ImportLine[],
  existing: { keys: ReadonlySet<string>; count: number },
): { units: PlannedUnit[]; taken: LineProblem[] } {
  const reserved = new Set([...existing.keys, ...lines.flatMap((l) => (l.key === null ? [] : [l.key]))]);
  const taken: LineProblem[] = [];
  const units = lines.map((l, i): PlannedUnit => {
    if (l.key !== null) {
      if (existing.keys.has(l.key)) taken.push({ line: l.line, code: 'key_taken', key: l.key, made: false });
      return { ...l, key: l.key, made: false };
    }
    const key = uniqueKey(slugify(l.name) ?? `u${existing.count + i + 1}`, reserved);
    reserved.add(key);
    return { ...l, key, made: true };
  });
  return { units, taken };
}

/** The problems of the units whose keys the store found taken at the moment of the write. */
export function takenProblems(units: PlannedUnit[], keys: readonly string[]): LineProblem[] {
  const set = new Set(keys);
  return units
    .filter((u) => set.has(u.key))
    .map((u) => ({ line: u.line, code: 'key_taken', key: u.key, made: u.made }));
}

/** The fields of a line, or null when a quote is left open. Slack markup `<…>` is never split. */
function splitFields(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (i < line.length && /[ \u00a0]/.test(line.charAt(i))) i++;
    let value = '';
    if (line.charAt(i) === '"') {
      const quoted = readQuoted(line, i + 1);
      if (!quoted) return null;
      value = quoted.value;
      i = quoted.end;
    }
    while (i < line.length && !SEPARATORS.has(line.charAt(i))) {
      const close = line.charAt(i) === '<' ? line.indexOf('>', i) : -1;
      const next = close > 0 ? close + 1 : i + 1;
      value += line.slice(i, next);
      i = next;
    }
    fields.push(value.trim());
    if (i >= line.length) return fields;
    i++;
  }
}

function readQuoted(line: string, from: number): { value: string; end: number } | null {
  let value = '';
  let i = from;
  while (i < line.length) {
    const ch = line.charAt(i);
    if (ch !== '"') {
      value += ch;
      i++;
    } else if (line.charAt(i + 1) === '"') {
      value += '"';
      i += 2;
    } else {
      return { value, end: i + 1 };
    }
  }
  return null;
}

/** The columns a line of column names names, or null when the line is a unit. */
function headerColumns(fields: string[]): Column[] | null {
  if (fields.length < 2) return null;
  // The form's hint writes the columns as `name, key, kind, @liaison …`: copied, that is a header too.
  const word = (f: string) =>
    f
      .toLowerCase()
      .replace(/^[@＠]/, '')
      .replace(/\s*(…+|\.{3})$/, '')
      .replace(/\s+/g, ' ');
  const columns = fields.map((f) => HEADER_WORDS.get(word(f)));
  if (columns.some((c) => c === undefined)) return null;
  const known = columns as Column[];
  if (new Set(known).size !== known.length || !known.includes('name')) return null;
  return known;
}

const looksLikeLiaisons = (field: string) => /^(<@|@|＠)/.test(field);

function readLine(
  line: number,
  fields: string[],
  columns: readonly Column[],
): { row: ImportLine; problems: LineProblem[] } {
  const liaisonAt = columns.indexOf('liaison');
  const liaisonsLast = liaisonAt === -1 || liaisonAt === columns.length - 1;
  // Trailing fields that are all people are liaisons, however few columns come before them.
  let tail = fields.length;
  if (liaisonsLast) {
    while (tail > 1 && (fields[tail - 1] === '' || looksLikeLiaisons(fields[tail - 1] as string))) tail--;
    while (tail < fields.length && fields[tail] === '') tail++;
  }
  const positional = fields.slice(0, tail);
  const liaisonFields = fields.slice(tail);
  const problems: LineProblem[] = [];
  const named = new Map<Column, string>();
  for (const [j, value] of positional.entries()) {
    const column = columns[j] ?? (liaisonsLast ? 'liaison' : undefined);
    if (column === 'liaison') liaisonFields.push(value);
    else if (column) named.set(column, value);
  }
  if (!liaisonsLast && positional.length > columns.length) {
    problems.push({ line, code: 'too_many_fields', max: columns.length });
  }

  const name = named.get('name') ?? '';
  const kind = named.get('kind') ?? '';
  if (name === '') problems.push({ line, code: 'no_name' });
  else if ([...name].length > NAME_MAX) problems.push({ line, code: 'name_too_long', max: NAME_MAX });
  if ([...kind].length > KIND_MAX) problems.push({ line, code: 'kind_too_long', max: KIND_MAX });
  // A person named in the name or kind column is a liaison put in the wrong place, not text.
  if (name.includes('<@') || kind.includes('<@')) problems.push({ line, code: 'misplaced_mention' });
  const keyText = named.get('key') ?? '';
  const key = keyText === '' ? null : unitKeyOf(keyText);
  if (keyText !== '' && key === null) problems.push({ line, code: 'bad_key', value: keyText });

  const liaisons: string[] = [];
  for (const field of liaisonFields) {
    const rest = field.replace(MENTION_TOKEN, (token) => {
      const user = parseMention(token);
      if (user === null || !isSlackId(user)) return ` ${token} `;
      liaisons.push(user);
      return ' ';
    });
    const left = rest.trim().replace(/\s+/g, ' ');
    if (left !== '') problems.push({ line, code: 'not_a_mention', text: left });
  }
  return { row: { line, name, key, kind, liaisons: [...new Set(liaisons)] }, problems };
}

/** A key given on two lines is a problem on the later one, naming the first. */
function repeatedKeys(lines: ImportLine[]): LineProblem[] {
  const first = new Map<string, number>();
  const problems: LineProblem[] = [];
  for (const l of lines) {
    if (l.key === null) continue;
    const seen = first.get(l.key);
    if (seen === undefined) first.set(l.key, l.line);
    else problems.push({ line: l.line, code: 'key_repeated', key: l.key, first: seen });
  }
  return problems;
}
