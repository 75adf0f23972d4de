import type { RequestHandler } from 'express';
import twilio from 'twilio';

/**
 * Check `X-Twilio-Signature` with the twilio package's validator, over the URL Twilio was given:
 * PUBLIC_BASE_URL + path + query, and every form parameter. A failure is a short 403 before
 * anything is read or stored. Off only when TWILIO_VALIDATE_SIGNATURES=false (local development).
 */
export function twilioSignature(options: { readonly authToken: string; readonly publicBaseUrl: string; readonly enabled: boolean }): RequestHandler {
  return (req, res, next) => {
    if (!options.enabled) {
      next();
      return;
    }
    const signature = req.get('x-twilio-signature') ?? '';
    const url = `${options.publicBaseUrl}${req.originalUrl}`;
    const params = (req.body ?? {}) as Record<string, unknown>;
    if (signature !== '' && twilio.validateRequest(options.authToken, signature, url, params)) {
      next();
      return;
    }
    res.status(403).type('text/plain').send('Forbidden: X-Twilio-Signature is missing or does not match this request');
  };
}
