import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { TurnRequest, TurnResult } from '../dialogue/turn-types.js';
import type { DomainContext } from '../domain/domain-context.js';
import type { DialogueEndReason } from '../dialogue-events/turn-events.js';

/** Why a channel ends a conversation from outside a turn (event webhooks' `DialogueEndReason`). */
export type ConversationEndReason = Extract<DialogueEndReason, 'hangup' | 'opt-out'>;

/** What the channel webhooks need: the config, the store's domain context, one dialogue turn and a conversation's end. */
export interface ChannelDeps {
  readonly config: Config;
  readonly ctx: DomainContext;
  readonly runTurn: (request: TurnRequest) => Promise<TurnResult>;
  /** End a conversation's dialogue (a call hung up, a texter opted out), after any turn in flight; whether one was active. */
  readonly endConversation: (assistantSid: string, conversation: string, reason: ConversationEndReason) => Promise<boolean>;
  readonly logger: Logger;
}
