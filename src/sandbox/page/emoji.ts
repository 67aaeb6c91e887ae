import { createRequire } from 'node:module';

/** The part of an emoji-datasource row the renderer reads. */
interface EmojiRow {
  unified: string;
  short_names: string[];
  skin_variations?: Record<string, { unified: string }>;
}

/** Slack's `skin-tone-2`…`skin-tone-6` are the Fitzpatrick modifiers U+1F3FB…U+1F3FF. */
const SKIN_TONES: Record<string, string> = {
  '2': '1F3FB',
  '3': '1F3FC',
  '4': '1F3FD',
  '5': '1F3FE',
  '6': '1F3FF',
};

let byName: Map<string, EmojiRow> | null = null;

/** emoji.json is 1.3 MB: read once, on the first shortcode that needs it. */
function table(): Map<string, EmojiRow> {
  if (byName) return byName;
  const require = createRequire(import.meta.url);
  const rows = require('emoji-datasource/emoji.json') as EmojiRow[];
  byName = new Map();
  for (const row of rows) for (const name of row.short_names) byName.set(name, row);
  return byName;
}

function fromUnified(unified: string): string {
  return String.fromCodePoint(...unified.split('-').map((hex) => Number.parseInt(hex, 16)));
}

/**
 * The emoji for a Slack shortcode name (`white_check_mark`, `+1`), with an optional skin tone
 * (`2`…`6`); null when the name is unknown, so the caller can show the shortcode as typed.
 */
export function emojiFor(name: string, skinTone?: string): string | null {
  const row = table().get(name.toLowerCase());
  if (!row) return null;
  const toned = skinTone ? row.skin_variations?.[SKIN_TONES[skinTone] ?? '']?.unified : undefined;
  return fromUnified(toned ?? row.unified);
}

const SHORTCODE = /:([a-z0-9_+'-]+):(?::skin-tone-([2-6]):)?/iy;

/** A known `:shortcode:` (with an optional `::skin-tone-N:`) starting at `i` in `text`, or null. */
export function shortcodeAt(text: string, i: number): { name: string; char: string; length: number } | null {
  if (text[i] !== ':') return null;
  SHORTCODE.lastIndex = i;
  const m = SHORTCODE.exec(text);
  const char = m?.[1] ? emojiFor(m[1], m[2]) : null;
  return m?.[1] && char ? { name: m[1], char, length: m[0].length } : null;
}

/** Text with its known shortcodes replaced by emoji characters, for places that hold no markup (`<option>`). */
export function withEmoji(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const found = shortcodeAt(text, i);
    out += found ? found.char : text[i];
    i += found ? found.length : 1;
  }
  return out;
}
