import { z } from 'zod';

/**
 * What a `rich_text_input` submits (`rich_text_value`): a rich_text block whose parts are sections,
 * lists, quotes and code, each holding inline elements. Typing `@` in Slack and picking a person
 * gives a `{type: 'user', user_id}` element, never the text of their name.
 */
const inlineSchema = z
  .object({
    type: z.string(),
    text: z.string().optional(),
    user_id: z.string().optional(),
    channel_id: z.string().optional(),
    usergroup_id: z.string().optional(),
    range: z.string().optional(),
    url: z.string().optional(),
    name: z.string().optional(),
    unicode: z.string().optional(),
    fallback: z.string().optional(),
    value: z.string().optional(),
  })
  .passthrough();
type Inline = z.infer<typeof inlineSchema>;

/** A part's elements: inline elements, or (in a list) sections of them. */
const nodeSchema = inlineSchema.extend({ elements: z.array(inlineSchema).optional() });
const partSchema = z.object({ type: z.string(), elements: z.array(nodeSchema).default([]) }).passthrough();
const richTextSchema = z
  .object({ type: z.literal('rich_text'), elements: z.array(partSchema) })
  .passthrough();

/** An emoji's character from its `unicode` code points (`1f600`, `1f1e8-1f1f3`), else `:name:`. */
function emoji(el: Inline): string {
  const points = el.unicode?.split('-').map((h) => Number.parseInt(h, 16)) ?? [];
  if (points.length > 0 && points.every((p) => Number.isInteger(p) && p >= 0 && p <= 0x10ffff))
    return String.fromCodePoint(...points);
  return `:${el.name ?? ''}:`;
}

/** One inline element as the text a person would have typed; people, channels and groups as Slack markup. */
function inlineText(el: Inline): string {
  switch (el.type) {
    case 'text':
      return el.text ?? '';
    case 'user':
      return el.user_id ? `<@${el.user_id}>` : '';
    case 'channel':
      return el.channel_id ? `<#${el.channel_id}>` : '';
    case 'usergroup':
      return el.usergroup_id ? `<!subteam^${el.usergroup_id}>` : '';
    case 'broadcast':
      return `<!${el.range ?? 'here'}>`;
    case 'link':
      return el.text || el.url || '';
    case 'emoji':
      return emoji(el);
    case 'date':
      return el.fallback ?? '';
    case 'color':
      return el.value ?? '';
    default:
      return el.text ?? '';
  }
}

/**
 * The plain text of a submitted rich_text value, one line per line the person typed: a list's items
 * are lines of their own (Slack turns a typed `1. ` or `- ` into a list), and so is each part. User
 * mentions read `<@U123>`, as Slack writes them in message text. Null when the value is not rich_text.
 */
export function richTextToPlain(value: unknown): string | null {
  const parsed = richTextSchema.safeParse(value);
  if (!parsed.success) return null;
  const lines: string[] = [];
  for (const part of parsed.data.elements) {
    if (part.type === 'rich_text_list') {
      for (const item of part.elements) lines.push((item.elements ?? []).map(inlineText).join(''));
    } else {
      lines.push(part.elements.map(inlineText).join(''));
    }
  }
  return lines.join('\n');
}
