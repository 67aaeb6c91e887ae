import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { CustomRoute } from '@slack/bolt';
import type { Queue } from 'bullmq';
import express from 'express';

/** Where the queue dashboard is served. */
export const ADMIN_PATH = '/admin/queues';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

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

/**
 * Bolt HTTPReceiver custom routes serving the bull-board dashboard of `queues` at
 * `/admin/queues` behind HTTP basic auth. Mount them only when ADMIN_PASSWORD is set.
 * Bolt matches route paths with path-to-regexp 8, where `*rest` is a wildcard.
 */
export function adminRoutes(opts: { queues: Queue[]; password: string }): CustomRoute[] {
  const board = new ExpressAdapter();
  board.setBasePath(ADMIN_PATH);
  createBullBoard({ queues: opts.queues.map((q) => new BullMQAdapter(q)), serverAdapter: board });
  const app = express();
  app.disable('x-powered-by');
  app.use(ADMIN_PATH, board.getRouter());

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (!basicAuthOk(req.headers.authorization, opts.password)) {
      res.writeHead(401, {
        'WWW-Authenticate': 'Basic realm="dudao queues", charset="UTF-8"',
        'content-type': 'text/plain; charset=utf-8',
      });
      res.end('Authentication required\n');
      return;
    }
    app(req, res);
  };
  return [
    { path: ADMIN_PATH, method: METHODS, handler },
    { path: `${ADMIN_PATH}/*rest`, method: METHODS, handler },
  ];
}
