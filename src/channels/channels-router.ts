import express, { Router } from 'express';
import { bodyTypesOnly } from '../api/rest/body-types.js';
import { basicAuth } from '../api/rest/basic-auth.js';
import { refuseCrossSite } from '../api/rest/cross-site-guard.js';
import { methodNotAllowed, restErrorHandler } from '../api/rest/rest-errors.js';
import { verifyUtf8Form } from '../api/rest/utf8-input.js';
import type { ChannelDeps } from './channel-deps.js';
import { accountCheck } from './channel-request.js';
import { customWebhook } from './custom/custom-webhook.js';
import { messagingWebhook } from './sms/messaging-webhook.js';
import { twilioSignature } from './twilio-signature.js';
import { voiceStatusWebhook, voiceWebhook } from './voice/voice-webhook.js';

/** Largest webhook body: Twilio's are a few kilobytes (an SMS body is at most 1,600 characters). */
export const CHANNEL_BODY_LIMIT = '64kb';

/**
 * Webhook parameters come as a form, as Twilio sends them: a body of another type (JSON, text,
 * multipart) is a 415 naming what to send, not a 400 about parameters that seem missing.
 */
const formOnly = bodyTypesOnly(['application/x-www-form-urlencoded'],
  (req) => `Send the webhook's parameters as application/x-www-form-urlencoded, not ${req.get('content-type') ?? 'an untyped body'}`);

/** The channel webhook paths (Autopilot's `channels.autopilot.twilio.com` paths, docs/channels.md). */
export const CHANNEL_PATHS = {
  messaging: '/v1/:account/:assistant/twilio-messaging',
  whatsapp: '/v1/:account/:assistant/twilio-messaging/whatsapp',
  voice: '/v1/:account/:assistant/twilio-voice',
  voiceStatus: '/v1/:account/:assistant/twilio-voice/status',
  customV1: '/v1/:account/:assistant/custom/:channel',
  customV2: '/v2/:account/:assistant/custom/:channel',
} as const;

/**
 * The channel webhooks, mounted before the REST API (whose Basic auth must not apply to Twilio's
 * webhooks). Each checks the account of its path, then its caller: Twilio's signature on SMS and
 * Voice, Basic auth on custom channels; then parses the form and runs one turn.
 */
export function channelsRouter(deps: ChannelDeps): Router {
  const { config, logger } = deps;
  if (!config.validateSignatures) {
    logger.warn('TWILIO_VALIDATE_SIGNATURES=false: SMS and Voice webhooks accept unsigned requests (local development only)');
  }
  const router = Router();
  const account = accountCheck(config.accountSid);
  const form = [formOnly, express.urlencoded({ extended: false, limit: CHANNEL_BODY_LIMIT, parameterLimit: 500, verify: verifyUtf8Form })];
  const signed = twilioSignature({ authToken: config.authToken, publicBaseUrl: config.publicBaseUrl, enabled: config.validateSignatures });
  const auth = [refuseCrossSite(config.publicBaseUrl), basicAuth(config.accountSid, config.authToken)];

  router.post(CHANNEL_PATHS.messaging, account, form, signed, messagingWebhook(deps, 'sms'));
  router.post(CHANNEL_PATHS.whatsapp, account, form, signed, messagingWebhook(deps, 'whatsapp'));
  router.post(CHANNEL_PATHS.voice, account, form, signed, voiceWebhook(deps));
  router.post(CHANNEL_PATHS.voiceStatus, account, form, signed, voiceStatusWebhook(deps));
  router.post(CHANNEL_PATHS.customV1, account, auth, form, customWebhook(deps, 'v1'));
  router.post(CHANNEL_PATHS.customV2, account, auth, form, customWebhook(deps, 'v2'));
  router.all(Object.values(CHANNEL_PATHS), account, methodNotAllowed);
  // Errors before a handler (unknown account, Basic auth, an unreadable body) get Twilio's error body.
  router.use(restErrorHandler(logger));
  return router;
}
