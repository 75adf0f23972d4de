import type { ChannelDeps, ConversationEndReason } from './channel-deps.js';
import { debugRequest, requestLogger, type RequestContext } from '../logging/request-context.js';

/** How long a channel request waits for a dialogue to end before it answers (the end goes on behind it). */
const ANSWER_WITHIN_MS = 5_000;

/**
 * End a conversation's dialogue from a channel request (a call hung up, a texter opted out): the end
 * waits for a turn still running, which may take longer than Twilio waits for this request's answer,
 * so the answer goes after at most ANSWER_WITHIN_MS and the end finishes behind it (logged if it fails).
 */
export async function endConversationSoon(
  deps: ChannelDeps, assistantSid: string, conversation: string, reason: ConversationEndReason, requestContext: RequestContext | undefined, why: Record<string, unknown>,
): Promise<void> {
  const ending = deps.endConversation(assistantSid, conversation, reason);
  let timer: NodeJS.Timeout | undefined;
  const later = new Promise<'later'>((resolve) => { timer = setTimeout(() => resolve('later'), ANSWER_WITHIN_MS); });
  const ended = await Promise.race([ending, later]).finally(() => clearTimeout(timer));
  if (ended !== 'later') {
    debugRequest(deps.logger, requestContext, { ...why, ended }, 'conversation ended');
    return;
  }
  ending.then(
    (done) => debugRequest(deps.logger, requestContext, { ...why, ended: done }, 'conversation ended, after the turn in flight'),
    (error: unknown) => requestLogger(deps.logger, requestContext).warn({ err: error, ...why }, 'the conversation could not be ended'),
  );
}
