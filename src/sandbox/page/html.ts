/** HTML escaping shared by the local page's renderers: every text they emit goes through here. */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * ` name="value"` for each attribute that has a value: `true` gives `name="true"`, and
 * undefined, null and false leave the attribute out.
 */
export function attrs(list: Record<string, string | number | boolean | null | undefined>): string {
  let out = '';
  for (const [name, value] of Object.entries(list)) {
    if (value === undefined || value === null || value === false) continue;
    out += ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

/**
 * Slack sends `&`, `<` and `>` in message text as `&amp;`, `&lt;` and `&gt;`; decoding them in
 * one pass keeps `&amp;lt;` as the literal text `&lt;`.
 */
export function decodeSlackEntities(s: string): string {
  return s.replace(/&(amp|lt|gt);/g, (_, name: string) => (name === 'amp' ? '&' : name === 'lt' ? '<' : '>'));
}

/** Whether `url` may be a link target: only http, https and mailto, so `javascript:` never runs. */
export function isSafeLink(url: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(url.trim());
}

/** Whether `url` may be an image source: http(s), or a path on the local page itself. */
export function isSafeImage(url: string): boolean {
  return /^https?:\/\//i.test(url.trim()) || /^\/(?!\/)/.test(url.trim());
}
