import { createServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import { refuse } from './http-body';
import {
  BODY_LIMIT_BYTES,
  CONNECTIONS_CHECK_MS,
  HEADERS_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
  MAX_CONNECTIONS,
  REQUEST_TIMEOUT_MS,
  SHUTDOWN_GRACE_MS,
} from './http-limits';

/** The setting that names a port, so that a failure to listen can say which one to change. */
export type PortSetting = 'PORT' | 'OPS_PORT';

/** A failure to listen (EADDRINUSE, EACCES), with the setting whose port it was. */
export interface ListenError extends NodeJS.ErrnoException {
  setting: PortSetting;
  address?: string;
  port?: number;
}

export function isListenError(err: unknown): err is ListenError {
  return err instanceof Error && typeof (err as Partial<ListenError>).setting === 'string';
}

/**
 * node:http options for the limits: the whole request must arrive within the request timeout
 * (Node answers 408 and closes), the headers sooner, and Node checks often enough for that to hold.
 */
export function serverOptions(): ServerOptions {
  return {
    requestTimeout: REQUEST_TIMEOUT_MS,
    headersTimeout: HEADERS_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: CONNECTIONS_CHECK_MS,
  };
}

/** The limit a server object carries itself rather than in its creation options. */
export function capConnections(server: Server): void {
  server.maxConnections = MAX_CONNECTIONS;
}

export interface ListenOptions {
  port: number;
  host?: string | undefined;
  setting: PortSetting;
  listener: RequestListener;
}

/**
 * An HTTP server that keeps the limits: a body declared larger than the limit is refused with 413
 * before a byte of it is read (listeners that read bodies bound them too, see http-body.ts), a
 * request slower than the request timeout is dropped, connections are capped. Resolves once it
 * listens; rejects with a {@link ListenError}.
 */
export function listenHttp(opts: ListenOptions): Promise<Server> {
  const guarded: RequestListener = (req, res) => {
    if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT_BYTES) return refuse(req, res, 413);
    opts.listener(req, res);
  };
  const server = createServer(serverOptions(), guarded);
  capConnections(server);
  // A client that asks before sending its body (Expect: 100-continue) is told 413 before it sends it.
  server.on('checkContinue', (req, res) => {
    if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT_BYTES) return refuse(req, res, 413);
    res.writeContinue();
    opts.listener(req, res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(Object.assign(err, { setting: opts.setting })),
    );
    server.listen(opts.port, opts.host, () => resolve(server));
  });
}

/**
 * Stops accepting connections and closes the idle ones; requests still in flight get a grace
 * period, then their connections are closed too.
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
