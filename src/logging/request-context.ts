import type { Response } from 'express';
import type { Logger } from 'pino';

/** What every log line written while serving a request carries (docs/operations.md, "Logs"). */
export interface RequestContext {
  readonly reqId: string;
  readonly method: string;
  readonly path: string;
  assistantSid?: string;
  dialogueSid?: string;
}

/*
 * The context travels explicitly (on the response, and on a turn's request), not in an
 * AsyncLocalStorage: on Node 20 that turns on a hook for every promise the process makes, which
 * measured ~10 % of the CPU of a turn (docs/benchmarks.md).
 */
const CONTEXT = Symbol('parley.requestContext');
const LOGGER = Symbol('parley.requestLogger');

type WithContext = { [CONTEXT]?: RequestContext; [LOGGER]?: Logger };

/** Give a response its request's context (the request-logging middleware does). */
export function attachRequestContext(res: Response, context: RequestContext): void {
  (res.locals as WithContext)[CONTEXT] = context;
}

/** The context of the request a response answers; undefined outside the request-logging middleware. */
export function requestContextOf(res: Response): RequestContext | undefined {
  return (res.locals as WithContext)[CONTEXT];
}

/** Name the assistant and dialogue a request works on, once known (a no-op without a context). */
export function annotateRequest(context: RequestContext | undefined, fields: { readonly assistantSid?: string; readonly dialogueSid?: string }): void {
  if (context === undefined) return;
  if (fields.assistantSid !== undefined) context.assistantSid = fields.assistantSid;
  if (fields.dialogueSid !== undefined) context.dialogueSid = fields.dialogueSid;
}

/**
 * A logger whose lines carry the request's fields, as they are when the line is written (the
 * SIDs a turn names later show in its later lines). Made on first use and kept with the context;
 * without a context, the logger itself.
 */
export function requestLogger(logger: Logger, context: RequestContext | undefined): Logger {
  if (context === undefined) return logger;
  const kept = (context as WithContext)[LOGGER];
  if (kept !== undefined) return kept;
  const child = logger.child({}) as Logger & WithContext;
  child[CONTEXT] = context;
  Object.defineProperty(context, LOGGER, { value: child, enumerable: false });
  return child;
}

/** The request's fields for a log line (pino `mixin`, given the logger that writes it): empty outside a request. */
export function requestLogFields(_merge: object, _level: number, logger: Logger): Record<string, string> {
  const context = (logger as Logger & WithContext)[CONTEXT];
  if (context === undefined) return {};
  const { reqId, method, path, assistantSid, dialogueSid } = context;
  return { reqId, method, path, ...(assistantSid === undefined ? {} : { assistantSid }), ...(dialogueSid === undefined ? {} : { dialogueSid }) };
}

/** A debug line for the request; nothing is built when debug is off (production logs turns at info or warn). */
export function debugRequest(logger: Logger, context: RequestContext | undefined, fields: object, message: string): void {
  if (logger.isLevelEnabled('debug')) requestLogger(logger, context).debug(fields, message);
}
