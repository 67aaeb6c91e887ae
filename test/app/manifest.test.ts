import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MANIFEST_FACTS } from '../../src/app/local-mode';
import { BOT_SCOPES } from '../../src/slack/scopes';

const manifest = readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8');

/** The entries of a YAML list under `key:` (one `- value` a line, as manifest.yml writes them). */
function listUnder(key: string, item = /^\s*- (?:command: )?(\S+)/): string[] {
  const lines = manifest.split('\n');
  const at = lines.findIndex((l) => l.trim() === `${key}:`);
  if (at < 0) return [];
  const indent = lines[at]!.search(/\S/);
  const out: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.trim() === '') continue;
    if (line.search(/\S/) <= indent) break;
    const m = item.exec(line);
    if (m?.[1]) out.push(m[1]);
  }
  return out;
}

/**
 * The entries of `features.shortcuts`, each as its `key: value` lines (the first one starts with
 * `- `), as manifest.yml writes them.
 */
function shortcutsOf(text: string): Record<string, string>[] {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.trim() === 'shortcuts:');
  if (at < 0) return [];
  const indent = lines[at]!.search(/\S/);
  const out: Record<string, string>[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.trim() === '') continue;
    if (line.search(/\S/) <= indent) break;
    const m = /^\s*(- )?(\w+):\s*(.*)$/.exec(line);
    if (!m) continue;
    if (m[1] || out.length === 0) out.push({});
    out[out.length - 1]![m[2]!] = m[3]!.replace(/^"(.*)"$/, '$1');
  }
  return out;
}

describe('the local workspace and manifest.yml', () => {
  it('know the same slash commands, bot events and messages tab', () => {
    expect(listUnder('slash_commands')).toEqual([...MANIFEST_FACTS.commands]);
    expect(listUnder('bot_events')).toEqual([...MANIFEST_FACTS.events]);
    const readOnly = /messages_tab_read_only_enabled:\s*(true|false)/.exec(manifest)?.[1];
    expect(readOnly).toBe(String(MANIFEST_FACTS.readOnlyMessagesTab));
  });

  it('asks for the bot scopes manifest.yml lists when installed with "Add to Slack"', () => {
    const declared = listUnder('bot');
    expect(declared.length).toBeGreaterThan(5);
    expect([...BOT_SCOPES]).toEqual(declared);
  });

  it('names the OAuth redirect path the app serves', () => {
    expect(listUnder('redirect_urls').map((u) => new URL(u).pathname)).toEqual(['/slack/oauth_redirect']);
  });

  it('know the same message shortcuts, by callback id and by the name the menu shows', () => {
    const declared = shortcutsOf(manifest);
    expect(declared.length).toBeGreaterThan(0);
    const messageShortcuts = declared
      .filter((s) => s.type === 'message')
      .map((s) => ({ callbackId: s.callback_id, name: s.name }));
    expect(messageShortcuts).toEqual(MANIFEST_FACTS.shortcuts.map((s) => ({ ...s })));
  });

  it('reads a shortcut entry whole, whatever the order of its keys', () => {
    const yaml = [
      'features:',
      '  shortcuts:',
      '    - name: "Quote it"',
      '      type: message',
      '      callback_id: quote',
      '    - callback_id: search',
      '      name: Search',
      '      type: global',
      'settings:',
    ].join('\n');
    expect(shortcutsOf(yaml)).toEqual([
      { name: 'Quote it', type: 'message', callback_id: 'quote' },
      { callback_id: 'search', name: 'Search', type: 'global' },
    ]);
  });
});
