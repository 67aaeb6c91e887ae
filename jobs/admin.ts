import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { CustomRoute } from '@slack/bolt';
import type { Queue } from 'bullmq';
import express from 'express';
import type { LoginThrottle } from '../src/app/http-login-throttle';

/** Where the queue dashboard is served. */
export const ADMIN_PATH = '/admin/queues';

/** Every method is routed here, so that the ones that would change a queue get 405 rather than 404. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** The dashboard is read-only: retry, add, clean, pause and the like are never reached. */
const READ_METHODS = new Set(['GET', 'HEAD']);

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/**
 * True when the Basic credentials carry `password` (any user name). Both sides are hashed to
 * equal length first, so the comparison takes the same time whatever was sent.
 */
export function basicAuthOk(header: string | undefined, password: string): boolean {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  const decoded = m ? Buffer.from(m[1] as string, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const given = colon >= 0 ? decoded.slice(colon + 1) : '';
  return timingSafeEqual(digest(given), digest(password)) && colon >= 0;
}

function challenge(res: ServerResponse): void {
  res.writeHead(401, {
    'WWW-Authenticate': 'Basic realm="dudao queues", charset="UTF-8"',
    'content-type': 'text/plain; charset=utf-8',
  });
  res.end('Authentication required\n');
}

/**
 * Custom routes serving the bull-board dashboard of `queues` at `/admin/queues`, read-only, behind
 * HTTP basic auth whose failures `throttle` slows down. Mount them only when ADMIN_PASSWORD is set,
 * and only on OPS_PORT. Route paths follow Bolt's (path-to-regexp 8, where `*rest` is a wildcard).
 */
export function adminRoutes(opts: {
  queues: Queue[];
  password: string;
  throttle: LoginThrottle;
}): CustomRoute[] {
  const board = new ExpressAdapter();
  board.setBasePath(ADMIN_PATH);
  createBullBoard({
    queues: opts.queues.map((q) => new BullMQAdapter(q, { readOnlyMode: true })),
    serverAdapter: board,
  });
  const app = express();
  app.disable('x-powered-by');
  app.use(ADMIN_PATH, board.getRouter());

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (!READ_METHODS.has(req.method ?? '')) {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('The queue dashboard is read-only\n');
      return;
    }
    // No credentials is a browser's first visit, not a guess: it is asked for them at once.
    if (req.headers.authorization === undefined) return challenge(res);
    const ok = basicAuthOk(req.headers.authorization, opts.password);
    void opts.throttle.settle(req.socket.remoteAddress ?? 'unknown', ok).then(() => {
      if (ok) app(req, res);
      else challenge(res);
    });
  };
  return [
    { path: ADMIN_PATH, method: METHODS, handler },
    { path: `${ADMIN_PATH}/*rest`, method: METHODS, handler },
  ];
}
