import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ParleyError } from '../../errors/error-catalogue.js';

/** HTTP Basic with the account SID and auth token, as Twilio's REST API takes them. */
export function basicAuth(accountSid: string, authToken: string): RequestHandler {
  const expected = Buffer.from(`${accountSid}:${authToken}`, 'utf8');
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
    const given = match ? Buffer.from(match[1]!, 'base64') : Buffer.alloc(0);
    if (given.length === expected.length && timingSafeEqual(given, expected)) {
      next();
      return;
    }
    res.set('WWW-Authenticate', 'Basic realm="Parley"');
    throw new ParleyError('UNAUTHORIZED', 'Authentication Error - invalid username or password');
  };
}
