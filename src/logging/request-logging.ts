import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { attachRequestContext, type RequestContext } from './request-context.js';

/** An incoming `X-Request-Id` is kept only when it looks like an id (no log injection, bounded size). */
const REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** Probes and scrapes are logged at debug, so they do not drown the turns. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Give each request an id (its `X-Request-Id`, else a fresh UUID, echoed in the response), attach
 * a request context to the response that its log lines carry (requestLogger), and log one line
 * when it ends: status and duration, with the assistant and dialogue SIDs a turn named. Only the
 * path is logged, never the query string (it may carry Memory).
 */
export function requestLogging(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const reqId = given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', reqId);
    const context: RequestContext = { reqId, method: req.method, path: req.path };
    const started = performance.now();
    const done = (aborted: boolean): void => {
      const level = aborted ? 'warn' : QUIET_PATHS.has(context.path) ? 'debug' : 'info';
      if (!logger.isLevelEnabled(level)) return; // most production setups log turns at warn: build nothing
      const line = {
        reqId, method: context.method, path: context.path, status: res.statusCode, durationMs: Math.round(performance.now() - started),
        ...(context.assistantSid === undefined ? {} : { assistantSid: context.assistantSid }),
        ...(context.dialogueSid === undefined ? {} : { dialogueSid: context.dialogueSid }),
      };
      logger[level](line, aborted ? 'request aborted before the response was sent' : 'request');
    };
    // 'close' follows 'finish' on a completed response, and comes alone when the client went away.
    res.once('close', () => done(!res.writableFinished));
    attachRequestContext(res, context);
    next();
  };
}
