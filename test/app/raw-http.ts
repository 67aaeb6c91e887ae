import { connect, type Socket } from 'node:net';
import { sign } from '../support/signing';

/** One HTTP exchange on a socket of its own, written byte by byte as the test says. */
export interface RawExchange {
  socket: Socket;
  /** The status of the answer, once its first line arrived; null when the socket closed without one. */
  status: Promise<number | null>;
  /** Resolves when the server (or the test) closed the connection. */
  closed: Promise<void>;
  isClosed(): boolean;
  /** Writes more of the request; false once the socket is closed. */
  write(data: string | Buffer): boolean;
}

export function rawExchange(port: number, head: string): RawExchange {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  let closed = false;
  let gotStatus: (s: number | null) => void = () => {};
  const status = new Promise<number | null>((resolve) => (gotStatus = resolve));
  const done = new Promise<void>((resolve) =>
    socket.once('close', () => {
      closed = true;
      gotStatus(null);
      resolve();
    }),
  );
  socket.on('error', () => {});
  socket.on('data', (d: Buffer) => {
    text += d.toString('latin1');
    const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
    if (m) gotStatus(Number(m[1]));
  });
  socket.write(head);
  return {
    socket,
    status,
    closed: done,
    isClosed: () => closed,
    write: (data) => !closed && socket.write(data),
  };
}

/** Request headers for `POST /slack/events` signed for `body` at `timestamp` (seconds), declaring `length`. */
export function slackHead(opts: {
  secret: string;
  body: string;
  timestamp: number;
  length?: number;
  chunked?: boolean;
}): string {
  const framing = opts.chunked
    ? 'Transfer-Encoding: chunked'
    : `Content-Length: ${opts.length ?? Buffer.byteLength(opts.body)}`;
  return [
    'POST /slack/events HTTP/1.1',
    'Host: 127.0.0.1',
    'Content-Type: application/x-www-form-urlencoded',
    `X-Slack-Request-Timestamp: ${opts.timestamp}`,
    `X-Slack-Signature: ${sign(opts.secret, opts.body, opts.timestamp)}`,
    framing,
    '',
    '',
  ].join('\r\n');
}
