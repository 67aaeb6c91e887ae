import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { installRoutes } from '../../commands/routes';

interface Registered {
  kind: string;
  constraint: unknown;
  listener: (args: unknown) => Promise<void>;
}

/** What Bolt is asked to listen to: the registration calls installRoutes makes, kept for the test. */
function recordingApp(): { app: App; registered: Registered[] } {
  const registered: Registered[] = [];
  const keep = (kind: string) => (constraint: unknown, listener: (args: unknown) => Promise<void>) => {
    registered.push({ kind, constraint, listener });
  };
  const app = {
    action: keep('action'),
    view: keep('view'),
    options: keep('options'),
    shortcut: keep('shortcut'),
  };
  // Only the four registration methods are used; the rest of App is not needed here.
  return { app: app as unknown as App, registered };
}

describe('installRoutes', () => {
  it('gives Bolt one listener per kind, matching exactly the registered ids, and hands each to its handler', async () => {
    const { app, registered } = recordingApp();
    const heard: string[] = [];
    installRoutes(app, (routes) => {
      routes.action('finding_done', async () => void heard.push('done'));
      routes.action('status_log', async () => void heard.push('log'));
      routes.view('log_modal', async () => void heard.push('view'));
    });
    expect(registered.map((r) => r.kind)).toEqual(['action', 'view']);
    const actions = registered[0]!;
    const pattern = actions.constraint as RegExp;
    expect(['finding_done', 'status_log'].every((id) => pattern.test(id))).toBe(true);
    expect(['finding_done_x', 'xstatus_log', 'finding', ''].some((id) => pattern.test(id))).toBe(false);

    await actions.listener({ action: { action_id: 'status_log' } });
    await registered[1]!.listener({ view: { callback_id: 'log_modal' } });
    expect(heard).toEqual(['log', 'view']);
  });

  it('keeps message shortcuts to message_action payloads', () => {
    const { app, registered } = recordingApp();
    installRoutes(app, (routes) => routes.messageShortcut('log_activity', async () => {}));
    expect(registered).toHaveLength(1);
    const constraint = registered[0]!.constraint as { type: string; callback_id: RegExp };
    expect(constraint.type).toBe('message_action');
    expect(constraint.callback_id.test('log_activity')).toBe(true);
  });

  it('refuses two handlers for one id', () => {
    const { app } = recordingApp();
    expect(() =>
      installRoutes(app, (routes) => {
        routes.view('log_modal', async () => {});
        routes.view('log_modal', async () => {});
      }),
    ).toThrow(/two view listeners for log_modal/);
  });
});
