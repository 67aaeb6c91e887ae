/**
 * The numbers every HTTP server the bot starts keeps (PORT, OPS_PORT, local mode's page), in one
 * place. SPEC "Limits and abuse" fixes the body limit, the request time and the timestamp window.
 */

/** A larger body is refused unread with 413. Slack's own payloads (a 100-block modal) stay far below. */
export const BODY_LIMIT_BYTES = 256 * 1024;

/**
 * Slack's ssl_check (`ssl_check=1&token=…`) is the only request that arrives without signature
 * headers; an unsigned request may carry no more than this, as Bolt refuses every other one anyway.
 */
export const UNSIGNED_BODY_LIMIT_BYTES = 1024;

/** A request (headers and body) that takes longer to arrive is dropped (Node answers 408 and closes). */
export const REQUEST_TIMEOUT_MS = 10_000;

/** Headers must have arrived by then; Slack sends them at once. */
export const HEADERS_TIMEOUT_MS = 5_000;

/**
 * An idle keep-alive connection is closed after this (Node's default). A proxy in front that reuses
 * connections should close idle ones sooner, or retry on a closed one.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/**
 * Open connections a server accepts; more are closed at once. With the body limit this bounds what
 * unsigned requests can make a process hold: at most 1,000 × 256 KB, each for at most 10 s.
 */
export const MAX_CONNECTIONS = 1_000;

/**
 * How often Node looks for requests past their time. Its default, 30 s, would let a 10 s request
 * live for 40; at 1 s a slow request is dropped between 10 and 11 s.
 */
export const CONNECTIONS_CHECK_MS = 1_000;

/**
 * After a refusal (413, 401) the connection is closed; what the client still sends meanwhile is
 * discarded for at most this long, so that it can read the answer instead of a reset connection.
 */
export const REFUSED_LINGER_MS = 2_000;

/** At shutdown, requests still open are given this long (Slack waits 3 s for an acknowledgement). */
export const SHUTDOWN_GRACE_MS = 3_000;

/** `X-Slack-Request-Timestamp` further from now than this, in either direction, is refused (401). */
export const TIMESTAMP_WINDOW_SECONDS = 5 * 60;

/** How long /healthz waits for Redis to accept its write before calling the bot unhealthy. */
export const HEALTH_TIMEOUT_MS = 1_000;

/** A wrong dashboard password is answered after this; each further one from the address waits twice as long… */
export const LOGIN_DELAY_FIRST_MS = 1_000;
/** …up to this. */
export const LOGIN_DELAY_MAX_MS = 30_000;
/** An address's failures are forgotten once it has been quiet this long. */
export const LOGIN_FAILURES_KEPT_MS = 15 * 60_000;
/** Addresses whose failures are remembered; past this the oldest is forgotten, so memory stays bounded. */
export const LOGIN_ADDRESSES_KEPT = 10_000;
