import { createHash, randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import twilio from 'twilio';
import { DEFAULT_DIALOGUE_LIMITS } from '../../dialogue/dialogue-runner.js';
import type { TurnInput } from '../../dialogue/turn-types.js';
import { pathParam } from '../../api/rest/route.js';
import type { ChannelDeps } from '../channel-deps.js';
import { channelHandler } from '../channel-errors.js';
import { invalidParameter } from '../../errors/error-catalogue.js';
import { MAX_IDENTIFIER_LENGTH, channelAssistant, formParams, idempotency, idempotencyHeader, queryValue, requiredParam, urlOptions } from '../channel-request.js';
import { renderVoiceTwiml } from './voice-twiml.js';
import { annotateRequest, debugRequest, requestContextOf } from '../../logging/request-context.js';
import { endConversationSoon } from '../end-conversation.js';

/** Call statuses after which the call is over (Twilio's status callback values). */
const CALL_OVER: ReadonlySet<string> = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

/** The query flag of the URL a Gather posts to and redirects to: a request there without input is silence. */
export const GATHERED_FLAG = 'Gathered';

/**
 * The query parameter naming the reply a Gather belongs to: a fresh value in every reply, so a
 * repeated callback for the same Gather (a retry without Twilio's idempotency header) carries the
 * same value and is answered with the stored reply instead of running again (docs/channels.md).
 */
export const STEP_PARAM = 'Step';
const STEP_VALUE = /^[0-9a-f]{12}$/;

/**
 * The step of the reply to a request: derived from the request's idempotency key when it has one,
 * so a replayed request gets the very same TwiML; otherwise fresh.
 */
function nextStep(idempotencyKey: string | undefined): string {
  if (idempotencyKey === undefined) return randomBytes(6).toString('hex');
  return createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 12);
}

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
    const callSid = requiredParam(params, 'CallSid', MAX_IDENTIFIER_LENGTH);
    if (CALL_OVER.has(params.CallStatus ?? '')) {
      await endCall(deps, req, res, callSid);
      return;
    }
    const from = requiredParam(params, 'From');
    const afterGather = gathered(req);
    const options = urlOptions(req, DEFAULT_DIALOGUE_LIMITS.memoryBytes);
    const assistant = await channelAssistant(deps.ctx, req);
    const key = idempotency(idempotencyHeader(req), gatherKey(callSid, req));
    const requestContext = requestContextOf(res);
    const result = await deps.runTurn({
      // As the URL names it: an assistant deleted and made again under its name since this process kept it is found anew.
      assistantSid: pathParam(req, 'assistant'),
      conversationKey: conversationKey(callSid),
      channel: 'voice',
      channelName: 'voice',
      channelMemoryKey: 'voice',
      channelMemory: params,
      userIdentifier: from,
      input: callInput(params, afterGather),
      ...key,
      listenWindowSeconds: deps.config.voiceListenWindowSeconds,
      requestContext,
      ...options,
      deadline: true,
    });
    debugRequest(deps.logger, requestContext, { channel: 'voice', next: result.next.kind }, 'voice turn');
    res.status(200).type('text/xml').send(renderVoiceTwiml(result, gatherUrl(deps.config.publicBaseUrl, req, nextStep(key.idempotencyKey))));
  });
}

/** `POST …/twilio-voice/status`: the call's status callback; a finished call ends its dialogue. */
export function voiceStatusWebhook(deps: ChannelDeps): RequestHandler {
  return channelHandler('voice', deps.logger, async (req, res) => {
    const params = formParams(req);
    const callSid = requiredParam(params, 'CallSid', MAX_IDENTIFIER_LENGTH);
    if (CALL_OVER.has(params.CallStatus ?? '')) await endCall(deps, req, res, callSid);
    else res.status(200).type('text/xml').send(new twilio.twiml.VoiceResponse().toString());
  });
}

async function endCall(deps: ChannelDeps, req: Request, res: Response, callSid: string): Promise<void> {
  const assistant = await channelAssistant(deps.ctx, req);
  const requestContext = requestContextOf(res);
  annotateRequest(requestContext, { assistantSid: assistant.sid });
  await endConversationSoon(deps, assistant.sid, conversationKey(callSid), 'hangup', requestContext, { callSid, why: 'call over' });
  res.status(200).type('text/xml').send(new twilio.twiml.VoiceResponse().toString());
}

/** Digits win over speech; an empty result or none is silence after a Gather, or the call's start. */
export function callInput(params: Readonly<Record<string, string>>, afterGather: boolean): TurnInput {
  const digits = (params.Digits ?? '').trim();
  if (digits !== '') return { kind: 'digits', digits };
  const speech = spokenText(params.SpeechResult ?? '');
  if (speech !== '') return { kind: 'text', text: speech };
  return afterGather ? { kind: 'no-input' } : { kind: 'start' };
}

/**
 * Twilio's transcript writes sentences ("Sales.", "I want to change my appointment."); Autopilot's had no
 * closing punctuation (autopilot.md §3's CurrentInput), and webhooks compare answers with words as said.
 */
function spokenText(result: string): string {
  const text = result.trim();
  const bare = text.replace(/[\s.!?。！？]+$/u, '');
  return bare === '' ? text : bare;
}

/** Whether the request is Twilio's callback from a Gather (or its no-input Redirect): the flag Parley put on that URL, `true`, once. */
function gathered(req: Request): boolean {
  const flag = queryValue(req, GATHERED_FLAG);
  if (flag === undefined) return false;
  if (flag !== 'true') throw invalidParameter(GATHERED_FLAG, 'is not a flag Parley gave this call (expected true)');
  return true;
}

/** The key of a Gather callback without Twilio's header: its call and the step its URL names (none without a step). */
function gatherKey(callSid: string, req: Request): string | undefined {
  const step = req.query[STEP_PARAM];
  return typeof step === 'string' && STEP_VALUE.test(step) ? `${callSid}:${step}` : undefined;
}

/** The call comes back to the URL it came in on (same account and assistant segments), its query replaced by the flag and step. */
function gatherUrl(publicBaseUrl: string, req: Request, step: string): string {
  return voiceGatherUrl(publicBaseUrl, pathParam(req, 'account'), pathParam(req, 'assistant'), step);
}

/** Where a voice Gather posts back: the assistant's voice webhook with the Gathered flag (and the reply's step). */
export function voiceGatherUrl(publicBaseUrl: string, account: string, assistant: string, step?: string): string {
  const url = `${publicBaseUrl}/v1/${encodeURIComponent(account)}/${encodeURIComponent(assistant)}/twilio-voice?${GATHERED_FLAG}=true`;
  return step === undefined ? url : `${url}&${STEP_PARAM}=${step}`;
}
