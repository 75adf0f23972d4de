import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { basicAuth } from '../api/rest/basic-auth.js';
import { refuseCrossSite } from '../api/rest/cross-site-guard.js';
import { methodNotAllowed, restErrorHandler, restNotFound } from '../api/rest/rest-errors.js';
import type { ChannelDeps } from '../channels/channel-deps.js';
import { simulatorApi } from './simulator-api.js';

/** The page's files: next to this module in src/ (tsx) and in dist/ (copied by scripts/copy-build-assets.mjs). */
const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

/** The page only talks to its own origin and runs no inline code. */
const CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' https: data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * `/simulator` (docs/simulator.md): the page, its static files and its JSON API, all behind the
 * REST API's Basic auth (the browser's prompt asks for the account SID and auth token). Mount at
 * `/simulator`; errors answer with Twilio's JSON error body.
 */
export function simulatorRouter(deps: ChannelDeps): Router {
  const router = Router();
  router.use(refuseCrossSite(deps.config.publicBaseUrl), basicAuth(deps.config.accountSid, deps.config.authToken));
  router.use((_req, res, next) => {
    res.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.use('/api', simulatorApi(deps), restNotFound);
  router.get('/', (req, res) => {
    // The page's links are relative to `/simulator`; `/simulator/` would resolve them one level too deep.
    const path = req.originalUrl.split('?')[0] ?? '';
    if (path.endsWith('/')) {
      res.redirect(301, '../simulator');
      return;
    }
    res.sendFile('index.html', { root: PUBLIC_DIR });
  });
  router.all('/', methodNotAllowed);
  router.use('/assets', express.static(PUBLIC_DIR, { index: false, fallthrough: true, dotfiles: 'ignore' }));
  router.use(restNotFound);
  router.use(restErrorHandler(deps.logger));
  return router;
}
