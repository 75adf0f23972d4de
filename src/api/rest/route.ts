import type { Request, RequestHandler, Router } from 'express';
import { methodNotAllowed } from './rest-errors.js';

interface Handlers {
  readonly get?: RequestHandler;
  readonly post?: RequestHandler;
  readonly delete?: RequestHandler;
}

/** Register a path's handlers; every other method gets Twilio's 405 body. */
export function route(router: Router, path: string, handlers: Handlers): void {
  const r = router.route(path);
  if (handlers.get) r.get(handlers.get);
  if (handlers.post) r.post(handlers.post);
  if (handlers.delete) r.delete(handlers.delete);
  r.all(methodNotAllowed);
}

/** A named path segment (Express 5 types them loosely because of wildcards). */
export function pathParam(req: Request, name: string): string {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
}
