import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ERRORS, ParleyError, moreInfoUrl, notFound } from '../../errors/error-catalogue.js';
import { StoreUnavailableError } from '../../store/record-store.js';
import { requestContextOf, requestLogger } from '../../logging/request-context.js';

/** Twilio's REST error body: `{code, message, more_info, status}`. */
export function restErrorBody(error: ParleyError): Record<string, unknown> {
  return {
    code: error.code,
    message: error.message,
    more_info: moreInfoUrl(error.code),
    status: error.status,
    ...(error.details === undefined ? {} : { details: error.details }),
  };
}

/** Body-parser and other HTTP-level failures, named as the client should read them. */
function fromHttpError(error: { type?: string; status?: number; limit?: number; message?: string }): ParleyError | null {
  switch (error.type) {
    case 'entity.too.large':
      return new ParleyError('PAYLOAD_TOO_LARGE', `Request body exceeds the limit of ${error.limit ?? 'the allowed'} bytes`);
    case 'entity.parse.failed':
      return new ParleyError('INVALID_PARAMETER', 'Request body is not a JSON object (malformed JSON, or a JSON value that is not an object)');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ParleyError('UNSUPPORTED_MEDIA_TYPE', `Unsupported request encoding: ${error.message ?? ''}`.trim());
    case 'parameters.too.many':
      return new ParleyError('INVALID_PARAMETER', 'Too many parameters in the request body');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new ParleyError('INVALID_PARAMETER', 'Request body could not be read');
    default:
      if (error instanceof URIError) return new ParleyError('INVALID_PARAMETER', 'Malformed percent-encoding in the URL');
      return typeof error.status === 'number' && error.status >= 400 && error.status < 500
        ? new ParleyError('INVALID_PARAMETER', 'Malformed request')
        : null;
  }
}

/** The REST surface's one error mapper: expected errors keep their code; anything else is a logged 500. */
export function restErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const log = requestLogger(logger, requestContextOf(res));
    let mapped = error instanceof ParleyError ? error
      : error instanceof StoreUnavailableError ? new ParleyError('SERVICE_UNAVAILABLE', 'The store is unavailable; try again shortly')
        : fromHttpError(error as Record<string, never>);
    if (error instanceof StoreUnavailableError) log.warn({ err: error.message, method: req.method, path: req.path }, 'store unavailable');
    if (mapped === null) {
      log.error({ err: error, method: req.method, path: req.path }, 'unexpected error in REST request');
      mapped = new ParleyError('INTERNAL', ERRORS.INTERNAL.title);
    }
    if (res.headersSent) return;
    res.status(mapped.status).json(restErrorBody(mapped));
  };
}

/** The path as the client sent it: inside a mounted router `req.path` has lost the mount point (`/simulator`). */
const requestedPath = (req: Parameters<RequestHandler>[0]): string => req.originalUrl.split('?')[0] ?? req.path;

export const restNotFound: RequestHandler = (req) => {
  throw notFound(requestedPath(req));
};

export const methodNotAllowed: RequestHandler = (req) => {
  throw new ParleyError('METHOD_NOT_ALLOWED', `Method ${req.method} is not allowed on ${requestedPath(req)}`);
};
