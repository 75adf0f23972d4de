import express, { Router } from 'express';
import twilio from 'twilio';
import { route } from '../api/rest/route.js';
import { verifyUtf8Json } from '../api/rest/utf8-input.js';
import type { ChannelDeps } from '../channels/channel-deps.js';
import { messageText, renderMessagingTwiml } from '../channels/sms/messaging-twiml.js';
import { voiceGatherUrl } from '../channels/voice/voice-webhook.js';
import { renderVoiceTwiml } from '../channels/voice/voice-twiml.js';
import type { TurnResult } from '../dialogue/turn-types.js';
import { findAssistant } from '../domain/assistants.js';
import type { Assistant } from '../domain/records.js';
import { notFound } from '../errors/error-catalogue.js';
import { listAll } from '../import-export/list-all.js';
import { collections } from '../store/collections.js';
import { parseSimulatorCall, parseSimulatorTurn, simulatorConversationKey, simulatorTurnRequest, type SimulatorChannel } from './simulator-request.js';
import { debugRequest, requestContextOf } from '../logging/request-context.js';

/** A turn body is a few hundred bytes; 64 KB is the channels' webhook limit. */
const BODY_LIMIT = '64kb';

/**
 * The simulator's JSON API (docs/simulator.md), mounted under `/simulator/api` behind Basic auth:
 * `GET assistants`, `POST turn` (one turn, answered with the TurnResult and the channel's TwiML)
 * and `POST hangup` (the call's end, as the voice status callback does it).
 */
export function simulatorApi(deps: ChannelDeps): Router {
  const router = Router();
  // Not JSON (another or no content type) leaves the body unset, which the parsers refuse with a 400.
  router.use(express.json({ limit: BODY_LIMIT, strict: true, verify: verifyUtf8Json }));
  route(router, '/assistants', {
    get: async (_req, res) => {
      const assistants = await listAll((page) => deps.ctx.store.list<Assistant>(collections.assistants(deps.ctx.accountSid), page));
      res.json({
        assistants: assistants.map((a) => ({ sid: a.sid, unique_name: a.uniqueName, friendly_name: a.friendlyName })),
      });
    },
  });
  route(router, '/turn', {
    post: async (req, res) => {
      const turn = parseSimulatorTurn(req.body);
      const assistant = await requireAssistant(deps, turn.assistant);
      const window = turn.channel === 'sms' ? deps.config.listenWindowSeconds : deps.config.voiceListenWindowSeconds;
      const requestContext = requestContextOf(res);
      const result = await deps.runTurn({ ...simulatorTurnRequest(turn, assistant.sid, deps.ctx.accountSid, window), requestContext });
      debugRequest(deps.logger, requestContext, { channel: turn.channel }, 'simulator turn');
      // The transcript shows each output's words as the channel renders them (SSML out, entities decoded), computed here so the page cannot drift.
      res.json({ result, texts: result.outputs.map(messageText), twiml: channelTwiml(turn.channel, result, deps.config.publicBaseUrl, deps.ctx.accountSid, turn.assistant) });
    },
  });
  route(router, '/hangup', {
    post: async (req, res) => {
      const call = parseSimulatorCall(req.body);
      const assistant = await requireAssistant(deps, call.assistant);
      const ended = await deps.endConversation(assistant.sid, simulatorConversationKey('voice', call.conversation), 'hangup');
      res.json({ ended, twiml: new twilio.twiml.VoiceResponse().toString() });
    },
  });
  return router;
}

/** Exactly what the channel webhook would answer, through the channel's own renderer and Gather URL. */
export function channelTwiml(channel: SimulatorChannel, result: TurnResult, publicBaseUrl: string, accountSid: string, assistant: string): string {
  if (channel === 'sms') return renderMessagingTwiml(result.outputs, 'sms');
  return renderVoiceTwiml(result, voiceGatherUrl(publicBaseUrl, accountSid, assistant));
}

async function requireAssistant(deps: ChannelDeps, sidOrName: string): Promise<Assistant> {
  const assistant = await findAssistant(deps.ctx, sidOrName);
  if (assistant === null) throw notFound(`/simulator/api/assistants/${sidOrName}`);
  return assistant;
}
