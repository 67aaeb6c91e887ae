import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Store } from '../store/types';
import type { Metrics } from './metrics';

/** How long /healthz waits for Redis before calling the bot unhealthy. */
const HEALTH_TIMEOUT_MS = 1_000;

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

/** `GET /healthz` (200 when Redis answers, 503 otherwise) and `GET /metrics` (Prometheus text). */
export function operatorRoutes(store: Store, metrics: Metrics): CustomRoute[] {
  return [
    {
      path: '/healthz',
      method: ['GET', 'HEAD'],
      handler: (_req, res) => {
        store.ping(HEALTH_TIMEOUT_MS).then(
          (ok) =>
            send(res, ok ? 200 : 503, 'application/json', JSON.stringify({ redis: ok ? 'ok' : 'down' })),
          () => send(res, 503, 'application/json', JSON.stringify({ redis: 'down' })),
        );
      },
    },
    {
      path: '/metrics',
      method: 'GET',
      handler: (_req, res) => {
        metrics.registry.metrics().then(
          (text) => send(res, 200, metrics.registry.contentType, text),
          () => send(res, 500, 'text/plain', 'metrics unavailable\n'),
        );
      },
    },
  ];
}

/** True when `path` is the route's, or below it for a `/*rest` wildcard route (as Bolt matches them). */
function routeMatches(route: CustomRoute, path: string, method: string): boolean {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (!methods.map((m) => m.toUpperCase()).includes(method)) return false;
  const wildcard = route.path.indexOf('/*');
  return wildcard === -1 ? path === route.path : path.startsWith(`${route.path.slice(0, wildcard)}/`);
}

/**
 * Hands the request to the first of `routes` that matches it, as Bolt's receivers do, for a
 * server that is not Bolt's (a worker-only process, local mode's workspace). False when none does.
 */
export function serveRoute(routes: CustomRoute[], req: IncomingMessage, res: ServerResponse): boolean {
  const path = req.url?.split('?')[0] ?? '/';
  const route = routes.find((r) => routeMatches(r, path, req.method ?? 'GET'));
  if (!route) return false;
  route.handler(Object.assign(req, { params: {} }), res);
  return true;
}
