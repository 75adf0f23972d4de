import type { RequestHandler } from 'express';
import { pathParam } from '../../api/rest/route.js';
import { DEFAULT_DIALOGUE_LIMITS } from '../../dialogue/dialogue-runner.js';
import type { MediaItem, TurnInput, TurnRequest } from '../../dialogue/turn-types.js';
import type { ChannelDeps } from '../channel-deps.js';
import { channelHandler } from '../channel-errors.js';
import { debugRequest, requestContextOf } from '../../logging/request-context.js';
import { MAX_IDENTIFIER_LENGTH, channelAssistant, checkKeyLength, formParams, idempotency, idempotencyHeader, requiredParam, urlOptions } from '../channel-request.js';
import { renderMessagingTwiml } from './messaging-twiml.js';
import { endConversationSoon } from '../end-conversation.js';

/** Twilio's Advanced Opt-Out keywords (`OptOutType`) and what Parley does with them besides running nothing. */
const OPT_OUT_KEYWORDS: ReadonlyMap<string, 'end' | 'nothing'> = new Map([['STOP', 'end'], ['START', 'nothing'], ['HELP', 'nothing']]);

/** Media an MMS or WhatsApp message can carry (Twilio sends at most 10). */
const MAX_MEDIA = 10;

/**
 * `POST /v1/{AccountSid}/{AssistantSid}/twilio-messaging[/whatsapp]`: one inbound message is one
 * turn of the dialogue of this assistant, sender and receiving number; the reply is Messaging TwiML.
 */
export function messagingWebhook(deps: ChannelDeps, path: 'sms' | 'whatsapp'): RequestHandler {
  return channelHandler('messaging', deps.logger, async (req, res) => {
    const params = formParams(req);
    // A message's status callback pointed at this URL (sent, delivered, read, failed) is no message:
    // acknowledged, nothing runs (its From is the bot's own number).
    if (isStatusCallback(params)) {
      res.status(200).type('text/xml').send(renderMessagingTwiml([], 'sms'));
      return;
    }
    const from = requiredParam(params, 'From', MAX_IDENTIFIER_LENGTH);
    const to = requiredParam(params, 'To', MAX_IDENTIFIER_LENGTH);
    checkKeyLength('MessageSid', params.MessageSid);
    const options = urlOptions(req, DEFAULT_DIALOGUE_LIMITS.memoryBytes);
    const assistant = await channelAssistant(deps.ctx, req);
    // A WhatsApp sender pointed at the plain messaging URL is still WhatsApp.
    const surface = path === 'whatsapp' || from.startsWith('whatsapp:') ? 'whatsapp' : 'sms';
    const conversationKey = `messaging:${from}:${to}`;
    const optOut = OPT_OUT_KEYWORDS.get((params.OptOutType ?? '').toUpperCase());
    if (optOut !== undefined) {
      // Twilio answers STOP, START and HELP itself (and blocks replies to who opted out): no turn, no reply;
      // "STOP" is no answer to a question. STOP also ends the dialogue.
      if (optOut === 'end') await endConversationSoon(deps, assistant.sid, conversationKey, 'opt-out', requestContextOf(res), { channel: surface, why: 'opted out' });
      res.status(200).type('text/xml').send(renderMessagingTwiml([], surface));
      return;
    }
    const request: TurnRequest = {
      // As the URL names it: an assistant deleted and made again under its name since this process kept it is found anew.
      assistantSid: pathParam(req, 'assistant'),
      conversationKey,
      channel: surface,
      channelName: surface,
      channelMemoryKey: surface,
      channelMemory: params,
      userIdentifier: from,
      input: messageInput(params),
      // A retry of the same message (same token, or same MessageSid) is answered with the first reply.
      ...idempotency(idempotencyHeader(req), params.MessageSid),
      listenWindowSeconds: deps.config.listenWindowSeconds,
      // A retry is rendered from the outputs alone (renderMessagingTwiml).
      storedReply: 'outputs',
      deadline: true,
      requestContext: requestContextOf(res),
      ...options,
    };
    const result = await deps.runTurn(request);
    debugRequest(deps.logger, request.requestContext, { channel: surface }, 'messaging turn');
    res.status(200).type('text/xml').send(renderMessagingTwiml(result.outputs, surface));
  });
}

/** Twilio's status callback of an outbound message: `MessageStatus`, or an `SmsStatus` other than an inbound message's `received`. */
export function isStatusCallback(params: Readonly<Record<string, string>>): boolean {
  const status = params.MessageStatus ?? params.SmsStatus;
  return status !== undefined && status !== '' && status !== 'received';
}

/**
 * The message as a text input (its Body) with its media. A photo alone answers a free-form collect
 * question with its URLs (collect-flow.ts); it is no answer to a typed one.
 */
export function messageInput(params: Readonly<Record<string, string>>): TurnInput {
  const count = Math.min(MAX_MEDIA, Math.max(0, Number.parseInt(params.NumMedia ?? '0', 10) || 0));
  const media: MediaItem[] = [];
  for (let n = 0; n < count; n += 1) {
    const url = params[`MediaUrl${n}`];
    const contentType = params[`MediaContentType${n}`];
    if (url !== undefined && url !== '') media.push({ url, ...(contentType ? { contentType } : {}) });
  }
  const text = params.Body ?? '';
  return media.length === 0 ? { kind: 'text', text } : { kind: 'text', text, media };
}
