import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Store } from '../store/types';
import { HEALTH_TIMEOUT_MS } from './http-limits';
import type { Metrics } from './metrics';

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

/**
 * `GET /healthz`: 200 when Redis accepts a write within a second, 503 otherwise. A write, not a
 * PING: a Redis out of memory or a read-only replica still answers PING but loses every command.
 */
export function healthRoute(store: Store): CustomRoute {
  const answer = (res: ServerResponse, ok: boolean) =>
    send(res, ok ? 200 : 503, 'application/json', JSON.stringify({ redis: ok ? 'ok' : 'down' }));
  return {
    path: '/healthz',
    method: ['GET', 'HEAD'],
    handler: (_req, res) => {
      store.acceptsWrites(HEALTH_TIMEOUT_MS).then(
        (ok) => answer(res, ok),
        () => answer(res, false),
      );
    },
  };
}

/** `GET /metrics`: the Prometheus text of this process. Served on OPS_PORT only. */
export function metricsRoute(metrics: Metrics): CustomRoute {
  return {
    path: '/metrics',
    method: 'GET',
    handler: (_req, res) => {
      metrics.registry.metrics().then(
        (text) => send(res, 200, metrics.registry.contentType, text),
        () => send(res, 500, 'text/plain', 'metrics unavailable\n'),
      );
    },
  };
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

/** A server's listener that serves `routes` and answers 404 to anything else. */
export function routesListener(routes: CustomRoute[]): RequestListener {
  return (req, res) => {
    if (!serveRoute(routes, req, res)) send(res, 404, 'text/plain; charset=utf-8', 'Not Found\n');
  };
}
