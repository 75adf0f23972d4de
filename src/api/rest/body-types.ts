import type { Request, RequestHandler } from 'express';
import { ParleyError } from '../../errors/error-catalogue.js';

/**
 * A POST whose body is of none of `types` is refused (415, with `advice` saying what to send) before the
 * body is read; requests without a body pass. Shared by the REST API and the channel webhooks.
 */
export function bodyTypesOnly(types: readonly string[], advice: (req: Request) => string): RequestHandler {
  return (req, _res, next) => {
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (req.method === 'POST' && hasBody && !req.is([...types])) throw new ParleyError('UNSUPPORTED_MEDIA_TYPE', advice(req));
    next();
  };
}
