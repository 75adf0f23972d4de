import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { TurnRequest, TurnResult } from '../dialogue/turn-types.js';
import type { DomainContext } from '../domain/domain-context.js';

/** What the channel webhooks need: the config, the store's domain context, and one dialogue turn. */
export interface ChannelDeps {
  readonly config: Config;
  readonly ctx: DomainContext;
  readonly runTurn: (request: TurnRequest) => Promise<TurnResult>;
  readonly logger: Logger;
}
