import type { Request, RequestHandler, Response } from 'express';
import twilio from 'twilio';
import { DEFAULT_DIALOGUE_LIMITS } from '../../dialogue/dialogue-runner.js';
import type { TurnInput } from '../../dialogue/turn-types.js';
import { forgetConversation } from '../../domain/dialogues.js';
import { pathParam } from '../../api/rest/route.js';
import type { ChannelDeps } from '../channel-deps.js';
import { channelHandler } from '../channel-errors.js';
import { TURN_DEADLINE_MS, channelAssistant, formParams, idempotency, requiredParam, urlOptions, withDeadline } from '../channel-request.js';
import { renderVoiceTwiml } from './voice-twiml.js';

/** Call statuses after which the call is over (Twilio's status callback values). */
const CALL_OVER: ReadonlySet<string> = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

/** The query flag of the URL a Gather posts to and redirects to: a request there without input is silence. */
export const GATHERED_FLAG = 'Gathered';

const conversationKey = (callSid: string): string => `voice:${callSid}`;

/**
 * `POST /v1/{AccountSid}/{AssistantSid}/twilio-voice`: a call is one dialogue, keyed by CallSid.
 * The call's first request starts it (the assistant initiation, or `TargetTask`); Gather results
 * are speech or digits turns; the Redirect after a Gather (same URL, no input) is a no-input turn. A request carrying a
 * final `CallStatus` (the status callback pointed here) ends the dialogue instead.
 */
export function voiceWebhook(deps: ChannelDeps): RequestHandler {
  return channelHandler('voice', deps.logger, async (req, res) => {
    const params = formParams(req);
    const callSid = requiredParam(params, 'CallSid');
    if (CALL_OVER.has(params.CallStatus ?? '')) {
      await endCall(deps, req, res, callSid);
      return;
    }
    const options = urlOptions(req, DEFAULT_DIALOGUE_LIMITS.memoryBytes);
    const assistant = await channelAssistant(deps.ctx, req);
    const result = await withDeadline(deps.runTurn({
      assistantSid: assistant.sid,
      conversationKey: conversationKey(callSid),
      channel: 'voice',
      channelName: 'voice',
      channelMemoryKey: 'voice',
      channelMemory: params,
      userIdentifier: params.From ?? '',
      input: callInput(params, req.query[GATHERED_FLAG] === 'true'),
      ...idempotency(req.get('i-twilio-idempotency-token')),
      listenWindowSeconds: deps.config.voiceListenWindowSeconds,
      ...options,
    }), TURN_DEADLINE_MS);
    deps.logger.debug({ assistantSid: assistant.sid, dialogueSid: result.dialogueSid, channel: 'voice', next: result.next.kind }, 'voice turn');
    res.status(200).type('text/xml').send(renderVoiceTwiml(result, gatherUrl(deps.config.publicBaseUrl, req)));
  });
}

/** `POST …/twilio-voice/status`: the call's status callback; a finished call ends its dialogue. */
export function voiceStatusWebhook(deps: ChannelDeps): RequestHandler {
  return channelHandler('voice', deps.logger, async (req, res) => {
    const params = formParams(req);
    const callSid = requiredParam(params, 'CallSid');
    if (CALL_OVER.has(params.CallStatus ?? '')) await endCall(deps, req, res, callSid);
    else res.status(200).type('text/xml').send(new twilio.twiml.VoiceResponse().toString());
  });
}

async function endCall(deps: ChannelDeps, req: Request, res: Response, callSid: string): Promise<void> {
  const assistant = await channelAssistant(deps.ctx, req);
  const ended = await forgetConversation(deps.ctx, assistant.sid, conversationKey(callSid));
  deps.logger.debug({ assistantSid: assistant.sid, callSid, ended }, 'call over');
  res.status(200).type('text/xml').send(new twilio.twiml.VoiceResponse().toString());
}

/** Digits win over speech; an empty result or none is silence after a Gather, or the call's start. */
export function callInput(params: Readonly<Record<string, string>>, afterGather: boolean): TurnInput {
  const digits = (params.Digits ?? '').trim();
  if (digits !== '') return { kind: 'digits', digits };
  const speech = (params.SpeechResult ?? '').trim();
  if (speech !== '') return { kind: 'text', text: speech };
  return afterGather ? { kind: 'no-input' } : { kind: 'start' };
}

/** The call comes back to the URL it came in on (same account and assistant segments), its query replaced by the flag. */
function gatherUrl(publicBaseUrl: string, req: Request): string {
  return voiceGatherUrl(publicBaseUrl, pathParam(req, 'account'), pathParam(req, 'assistant'));
}

/** Where a voice Gather posts back: the assistant's voice webhook with the Gathered flag. */
export function voiceGatherUrl(publicBaseUrl: string, account: string, assistant: string): string {
  return `${publicBaseUrl}/v1/${encodeURIComponent(account)}/${encodeURIComponent(assistant)}/twilio-voice?${GATHERED_FLAG}=true`;
}
