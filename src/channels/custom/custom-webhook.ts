import type { RequestHandler } from 'express';
import { pathParam } from '../../api/rest/route.js';
import { DEFAULT_DIALOGUE_LIMITS } from '../../dialogue/dialogue-runner.js';
import { invalidParameter } from '../../errors/error-catalogue.js';
import type { ChannelDeps } from '../channel-deps.js';
import { channelHandler } from '../channel-errors.js';
import { MAX_IDENTIFIER_LENGTH, channelAssistant, formParams, idempotency, idempotencyHeader, requiredParam, urlOptions } from '../channel-request.js';
import { customReplyV2, customResponse } from './custom-reply.js';
import { debugRequest, requestContextOf } from '../../logging/request-context.js';

/** A custom channel's name: it becomes the memory key `custom.<name>` and the `Channel` parameter. */
const CHANNEL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Parameter names per version: v1 (legacy) `text`/`user_id`, v2 `Text`/`UserId`/`Language`. */
const PARAMS = {
  v1: { text: 'text', user: 'user_id', language: null },
  v2: { text: 'Text', user: 'UserId', language: 'Language' },
} as const;

/**
 * `POST /v{1,2}/{AccountSid}/{AssistantSid}/custom/{Channel}` (Basic auth, checked before this):
 * one message of a user of the app is one turn of that user's dialogue on that channel; the reply
 * is JSON (v2: `{response, dialogue}`; v1: the response alone).
 */
export function customWebhook(deps: ChannelDeps, version: 'v1' | 'v2'): RequestHandler {
  return channelHandler('custom', deps.logger, async (req, res) => {
    const names = PARAMS[version];
    const channel = pathParam(req, 'channel');
    if (!CHANNEL_NAME.test(channel)) throw invalidParameter('Channel', 'use 1 to 64 letters, digits, _ or - in the channel name of the URL');
    const params = formParams(req);
    const text = requiredParam(params, names.text);
    const userId = requiredParam(params, names.user, MAX_IDENTIFIER_LENGTH);
    const language = names.language === null ? undefined : params[names.language];
    const options = urlOptions(req, DEFAULT_DIALOGUE_LIMITS.memoryBytes);
    const assistant = await channelAssistant(deps.ctx, req);
    const channelName = `custom.${channel}`;
    const requestContext = requestContextOf(res);
    const result = await deps.runTurn({
      // As the URL names it: an assistant deleted and made again under its name since this process kept it is found anew.
      assistantSid: pathParam(req, 'assistant'),
      conversationKey: `custom:${channel}:${userId}`,
      channel: 'custom',
      channelName,
      channelMemoryKey: channelName,
      channelMemory: {},
      userIdentifier: userId,
      input: { kind: 'text', text },
      listenWindowSeconds: deps.config.listenWindowSeconds,
      ...(language === undefined || language === '' ? {} : { language }),
      requestContext,
      ...options,
      // A client that retries with the same token (as Twilio's own webhooks do) gets the first reply.
      ...idempotency(idempotencyHeader(req)),
      deadline: true,
    });
    debugRequest(deps.logger, requestContext, { channel: channelName }, 'custom channel turn');
    res.status(200).json(version === 'v2'
      ? customReplyV2(result, { accountSid: deps.config.accountSid, assistantSid: assistant.sid, userIdentifier: userId })
      : { ...customResponse(result), dialogue_sid: result.dialogueSid });
  });
}
