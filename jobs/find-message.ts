import type { WebClient } from '@slack/web-api';
import { SlackRefused } from '../src/domain/errors';
import { send } from '../src/slack/sender';

/**
 * Every message a job posts carries message metadata naming its delivery, so that after a worker
 * died mid-send the next one can ask Slack whether the message is already there. Only a message
 * the bot itself posted counts: any app in the channel can post the same metadata, and a copy
 * from another app must not stand in for a message we never sent. A reply in a thread is not in
 * the channel's history (conversations.history lists the top level only): it is looked for in the
 * thread's replies (conversations.replies).
 * Needs the `channels:history`, `groups:history` and `im:history` scopes.
 */

const MARKER_EVENT = 'dudao_delivery';

/** History (or thread) pages read at most when looking for a marked message (200 messages each). */
const MAX_PAGES = 5;

/** The `metadata` of chat.postMessage that marks a message as delivery `id` (a record's opaque id). */
export function marker(id: string): { event_type: string; event_payload: { delivery: string } } {
  return { event_type: MARKER_EVENT, event_payload: { delivery: id } };
}

/** The bot id of each job client's token, asked of auth.test once per client (one per worker). */
const botIds = new WeakMap<WebClient, Promise<string>>();

/** Who posts with this client's token; throws as `send` does, and SlackRefused when the token is no bot's. */
function ownBotId(client: WebClient): Promise<string> {
  const known = botIds.get(client);
  if (known) return known;
  const asked = send(client, (c) => c.auth.test()).then((res) => {
    if (!res.bot_id) throw new SlackRefused('not_a_bot_token');
    return res.bot_id;
  });
  botIds.set(client, asked);
  // A failed look-up is asked again next time, not remembered.
  asked.catch(() => botIds.delete(client));
  return asked;
}

/** A DM is posted to the user id; its history lives in the IM channel that conversations.open names. */
async function historyChannel(client: WebClient, channel: string): Promise<string> {
  if (!/^[UW]/.test(channel)) return channel;
  const opened = await send(client, (c) => c.conversations.open({ users: channel }));
  return opened.channel?.id ?? channel;
}

/**
 * The message marked as delivery `id` in `channel` (a channel id, or a user id for a DM), posted
 * by this bot since `sinceMs`, or null; with `threadTs`, among the replies of that thread.
 * Throws as `send` does (RateLimited, SlackRefused…).
 */
export async function findMarkedMessage(
  client: WebClient,
  channel: string,
  id: string,
  sinceMs: number,
  threadTs?: string,
): Promise<{ channel: string; ts: string } | null> {
  const botId = await ownBotId(client);
  const where = await historyChannel(client, channel);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const args = {
      channel: where,
      oldest: (sinceMs / 1000).toFixed(6),
      include_all_metadata: true,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    };
    const res = await send(client, (c) =>
      threadTs ? c.conversations.replies({ ...args, ts: threadTs }) : c.conversations.history(args),
    );
    for (const m of res.messages ?? []) {
      const payload = m.metadata?.event_payload as Record<string, unknown> | undefined;
      const ours = m.bot_id === botId;
      if (ours && m.metadata?.event_type === MARKER_EVENT && payload?.delivery === id && m.ts) {
        return { channel: where, ts: m.ts };
      }
    }
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return null;
}
