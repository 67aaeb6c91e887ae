import type { Workspace } from './workspace';

/**
 * Text as Slack's composer sends it with `should_escape`: `&`, `<`, `>` escaped, then `@name`
 * of a known person as `<@U…|name>` and `#name` of a known channel as `<#C…|name>`.
 */
export function encodeMentions(ws: Workspace, text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const people = [...ws.users.values()];
  const channels = [...ws.channels.values()].filter((c) => !c.isIm);
  return escaped
    .replace(/(^|[\s(（])@([^\s@<>,，]+)/gu, (all, lead: string, name: string) => {
      const u = people.find((p) => p.name.toLowerCase() === name.toLowerCase() || p.id === name);
      return u ? `${lead}<@${u.id}|${u.name}>` : all;
    })
    .replace(/(^|[\s(（])#([^\s#<>,，]+)/gu, (all, lead: string, name: string) => {
      const c = channels.find((ch) => ch.name === name);
      return c ? `${lead}<#${c.id}|${c.name}>` : all;
    });
}
