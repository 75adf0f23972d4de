import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { basicAuth } from './api/rest/basic-auth.js';
import { refuseCrossSite } from './api/rest/cross-site-guard.js';
import { methodNotAllowed, restErrorHandler, restNotFound } from './api/rest/rest-errors.js';
import { ResourceUrls } from './api/rest/resource-urls.js';
import { utf8Query, verifyRestForm, verifyUtf8Json } from './api/rest/utf8-input.js';
import { v1Router } from './api/v1/v1-router.js';
import { channelsRouter } from './channels/channels-router.js';
import type { ChannelDeps } from './channels/channel-deps.js';
import type { Config } from './config/config.js';
import type { TurnRequest, TurnResult } from './dialogue/turn-types.js';
import type { DomainContext } from './domain/domain-context.js';
import type { BuildQueue } from './domain/model-builds.js';
import type { QueryAnswerer } from './domain/queries.js';
import { requestLogging } from './logging/request-logging.js';
import type { MetricsExposition } from './observability/metrics.js';
import { simulatorRouter } from './simulator/simulator-router.js';
import { StoreUnavailableError, type RecordStore } from './store/record-store.js';
import { bodyTypesOnly } from './api/rest/body-types.js';

export interface AppDeps {
  readonly config: Config;
  readonly store: RecordStore;
  readonly ctx: DomainContext;
  readonly builds: BuildQueue;
  readonly nlu: QueryAnswerer;
  readonly logger: Logger;
  /** One dialogue turn, for the channel webhooks. */
  readonly runTurn: (request: TurnRequest) => Promise<TurnResult>;
  /** A conversation's end (a call hung up), in turn with its turns. */
  readonly endConversation: ChannelDeps['endConversation'];
  /** Served at `GET /metrics` (no auth: docs/operations.md); absent, the route is not mounted. */
  readonly metrics?: MetricsExposition;
  /** Why the process should get no traffic (e.g. shutting down), or null; checked by `/readyz` before the store. */
  readonly notReadyReason?: () => string | null;
}

/** Largest REST request body; the JSON documents inside are capped further (64 KB each). */
export const REST_BODY_LIMIT = '1mb';

/** A POST body must be a form or JSON: anything else is refused before it is read. */
const formOrJsonOnly = bodyTypesOnly(['application/x-www-form-urlencoded', 'application/json'],
  () => 'Send parameters as application/x-www-form-urlencoded or application/json');

/** Builds the HTTP app; it never listens (only main.ts does). */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Twilio's API sends no ETag and its webhooks never revalidate: hashing every answer was work for nobody.
  app.set('etag', false);
  app.set('trust proxy', true);
  app.use(requestLogging(deps.logger));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.all('/healthz', methodNotAllowed);
  app.get('/readyz', async (_req, res) => {
    const notReady = deps.notReadyReason?.() ?? null;
    if (notReady !== null) {
      res.status(503).json({ status: 'unavailable', reason: notReady });
      return;
    }
    try {
      await deps.store.ping();
      res.json({ status: 'ready' });
    } catch (error) {
      const refusing = error instanceof StoreUnavailableError && error.reason === 'refusing';
      res.status(503).json({ status: 'unavailable', reason: refusing ? 'store refuses writes' : 'store unreachable' });
    }
  });
  app.all('/readyz', methodNotAllowed);
  const { metrics } = deps;
  if (metrics !== undefined) {
    app.get('/metrics', async (_req, res) => {
      res.type(metrics.contentType).send(await metrics.render());
    });
    app.all('/metrics', methodNotAllowed);
  }

  app.use(utf8Query);
  // Before the REST API: Twilio's webhooks carry a signature, not the REST API's Basic auth.
  app.use(channelsRouter({ config: deps.config, ctx: deps.ctx, runTurn: deps.runTurn, endConversation: deps.endConversation, logger: deps.logger }));
  const urls = new ResourceUrls(deps.config.publicBaseUrl, deps.config.accountSid);
  app.use(
    '/v1',
    refuseCrossSite(deps.config.publicBaseUrl),
    basicAuth(deps.config.accountSid, deps.config.authToken),
    formOrJsonOnly,
    express.urlencoded({ extended: false, limit: REST_BODY_LIMIT, parameterLimit: 100, verify: verifyRestForm }),
    express.json({ limit: REST_BODY_LIMIT, strict: true, verify: verifyUtf8Json }),
    v1Router({ ctx: deps.ctx, urls, builds: deps.builds, nlu: deps.nlu, logger: deps.logger }),
    restNotFound,
  );
  app.use('/simulator', simulatorRouter({ config: deps.config, ctx: deps.ctx, runTurn: deps.runTurn, endConversation: deps.endConversation, logger: deps.logger }));
  app.use(restNotFound);
  app.use(restErrorHandler(deps.logger));
  return app;
}
