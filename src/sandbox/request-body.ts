import type { IncomingMessage } from 'node:http';

/** Fields Slack takes as JSON even when the rest of the request is form-encoded. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'files', 'metadata']);

/**
 * What the workspace reads of one request: Web API calls (a 100-block modal, percent-encoded
 * Chinese, is well under a megabyte), response_url posts and the page's own requests.
 */
export const BODY_LIMIT_BYTES = 4 * 1024 * 1024;
/** Uploads (the CSV export, charts) may be larger: an export of 200,000 rows fits. */
export const UPLOAD_LIMIT_BYTES = 64 * 1024 * 1024;

/** The body was, or was declared, larger than the limit; answer 413 and close the connection. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads the whole request body, up to `limit` bytes: a body declared larger is refused before a
 * byte of it is read, one that grows past it stops being read. Both reject with BodyTooLargeError.
 */
export function readRaw(req: IncomingMessage, limit: number): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.reject(new BodyTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      reject(new BodyTooLargeError(limit));
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
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
