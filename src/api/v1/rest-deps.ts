import type { Logger } from 'pino';
import type { DomainContext } from '../../domain/domain-context.js';
import type { BuildQueue } from '../../domain/model-builds.js';
import type { QueryAnswerer } from '../../domain/queries.js';
import type { ResourceUrls } from '../rest/resource-urls.js';

/** What the v1 REST routers need. */
export interface RestDeps {
  readonly ctx: DomainContext;
  readonly urls: ResourceUrls;
  readonly builds: BuildQueue;
  readonly nlu: QueryAnswerer;
  readonly logger: Logger;
}
