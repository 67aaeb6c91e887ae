import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { REFUSED_LINGER_MS } from './http-limits';

/**
 * Answers `status` and closes the connection without reading the rest of the request. Closing a
 * socket with unread data resets it, and a client still sending would then lose the answer; so
 * the connection is half-closed once the answer is out, and what still comes is discarded, not
 * kept, for at most {@link REFUSED_LINGER_MS}.
 */
export function refuse(req: IncomingMessage, res: ServerResponse, status: number): void {
  const text = `${STATUS_CODES[status] ?? 'Refused'}\n`;
  const socket = req.socket;
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text, () => {
    socket.end();
    setTimeout(() => socket.destroy(), REFUSED_LINGER_MS).unref();
  });
  req.resume();
}

/**
 * The request body, read only while it stays within `limit` bytes: one declared larger is refused
 * with 413 before a byte is read, one that grows past it (chunked) is cut off with 413. Resolves
 * null once the request has been answered that way, or when the client went away.
 */
export function readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer | null> {
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    refuse(req, res, 413);
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (body: Buffer | null) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      finish(null);
      refuse(req, res, 413);
    };
    const onEnd = () => finish(Buffer.concat(chunks));
    // Closed before the end: the client went away, or Node dropped a request past its timeout.
    const onClose = () => finish(null);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onClose);
  });
}
