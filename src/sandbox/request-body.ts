import type { IncomingMessage } from 'node:http';

/** Fields Slack takes as JSON even when the rest of the request is form-encoded. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'files', 'metadata']);

/** Reads the whole request body. */
export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Parses a Web API request body the way Slack accepts it: form-encoded, JSON or multipart.
 * In form and multipart bodies `blocks`, `view` and the like arrive as JSON strings; they are
 * parsed so that a recorded call reads like the object the bot meant to send.
 */
export async function parseApiBody(raw: Buffer, contentType: string): Promise<Record<string, unknown>> {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (raw.length === 0) return {};
  if (type === 'application/json') {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return isRecord(parsed) ? parsed : { payload: parsed };
  }
  if (type === 'multipart/form-data') {
    const form = await multipart(raw, contentType);
    const out: Record<string, unknown> = {};
    for (const [key, value] of form) {
      out[key] = typeof value === 'string' ? decodeField(key, value) : Buffer.from(await value.arrayBuffer());
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) out[key] = decodeField(key, value);
  return out;
}

/**
 * The bytes of an upload to the URL files.getUploadURLExternal handed out. Slack takes raw
 * bytes or a multipart form; @slack/web-api sends a form whose only part is the file.
 */
export async function uploadedBytes(raw: Buffer, contentType: string): Promise<Buffer> {
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) return raw;
  const form = await multipart(raw, contentType);
  for (const [, value] of form) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  const first = [...form.values()][0];
  return Buffer.from(typeof first === 'string' ? first : '');
}

/** Undici's multipart parser, reached through the Fetch API's Response. */
function multipart(raw: Buffer, contentType: string): Promise<FormData> {
  return new Response(raw, { headers: { 'content-type': contentType } }).formData();
}

function decodeField(key: string, value: string): unknown {
  if (!JSON_FIELDS.has(key)) return value;
  try {
    return JSON.parse(value);
  } catch {
    // Slack answers invalid_blocks and the like for these; the record keeps what was sent.
    return value;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
