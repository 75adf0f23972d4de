import { createServer, type Server } from 'node:http';
import { answerClientErrors } from './client-errors.js';

/** How long a client may take to send a whole request, and its headers. */
export interface RequestTimeLimits {
  readonly requestMs: number;
  readonly headersMs: number;
}

/**
 * Twilio gives a whole webhook 15 s, and no API client needs longer to send a 1 MB body; Node's
 * own limit (300 s) let a client trickling a body hold a connection for minutes before anything
 * was checked.
 */
export const REQUEST_TIME_LIMITS: RequestTimeLimits = { requestMs: 20_000, headersMs: 15_000 };

/** The HTTP server for the app (not listening yet): request time limits, and Twilio's error body for what Node refuses. */
export function createHttpServer(limits: RequestTimeLimits = REQUEST_TIME_LIMITS): Server {
  const server = createServer({
    requestTimeout: limits.requestMs,
    headersTimeout: limits.headersMs,
    // How often Node looks for requests past their limits (default 30 s): a tenth of the shortest.
    connectionsCheckingInterval: Math.max(100, Math.min(limits.requestMs, limits.headersMs) / 10),
  });
  answerClientErrors(server);
  return server;
}
