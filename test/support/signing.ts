import { randomBytes } from 'node:crypto';
import { signRequest } from '../../src/sandbox/app-link';

/** The fields of a slash command request; see the Slack docs, "Implementing slash commands". */
export interface SlashCommandFields {
  token: string;
  team_id: string;
  team_domain: string;
  enterprise_id?: string;
  enterprise_name?: string;
  channel_id: string;
  channel_name: string;
  user_id: string;
  user_name: string;
  command: string;
  text: string;
  api_app_id: string;
  is_enterprise_install: 'true' | 'false';
  response_url: string;
  trigger_id: string;
}

export interface PostSignedOptions {
  secret: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Sent instead of the computed `X-Slack-Signature`, to test forged requests. */
  signature?: string;
  contentType?: string;
}

export interface SignedResponse {
  status: number;
  /** The body parsed as JSON, or null when it is empty or not JSON. */
  json: unknown;
  text: string;
}

/** Current time in the seconds Slack puts in `X-Slack-Request-Timestamp`. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` keyed with
 * the app's signing secret.
 */
export const sign = signRequest;

/**
 * The form body Slack posts for `/dudao`, fields in Slack's order; any field may be overridden.
 * enterprise_id and enterprise_name appear only when given, as on a non-Grid workspace.
 */
export function slashCommandBody(fields: Partial<SlashCommandFields> = {}): string {
  const trigger = `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString('hex')}`;
  const all: Partial<SlashCommandFields> = {
    token: 'verification-token',
    team_id: 'T0SANDBOX',
    team_domain: 'sandbox',
    enterprise_id: fields.enterprise_id,
    enterprise_name: fields.enterprise_name,
    channel_id: 'C0GROUP',
    channel_name: 'oversight',
    user_id: 'U0LEAD',
    user_name: 'lead',
    command: '/dudao',
    text: '',
    api_app_id: 'A0DUDAO',
    is_enterprise_install: 'false',
    response_url: 'https://hooks.slack.com/commands/T0SANDBOX/1/x',
    trigger_id: trigger,
    ...fields,
  };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(all)) if (v !== undefined) params.append(k, v);
  return params.toString();
}

/** The form body of an interaction (block action, view submission…): `payload=<JSON>`. */
export function interactionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** POSTs the body with Slack's signature headers, as Slack would, and reads the answer. */
export async function postSigned(
  url: string,
  body: string,
  opts: PostSignedOptions,
): Promise<SignedResponse> {
  const timestamp = opts.timestamp ?? nowSeconds();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': opts.contentType ?? 'application/x-www-form-urlencoded',
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': opts.signature ?? sign(opts.secret, body, timestamp),
    },
    body,
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, json, text };
}
