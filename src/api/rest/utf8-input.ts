/**
 * Parameters must be UTF-8, in their bytes and in their percent-escapes. Without this check the
 * parsers let bad input through silently: raw bytes become U+FFFD and an escape like `%FF` stays
 * as the three characters `%FF`, so a garbled message would run a turn and be stored as if it were
 * what the user sent. Twilio itself always sends UTF-8; this refuses everyone else's mistakes with
 * a 400 that names the parameter.
 */
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { ParleyError, invalidParameter } from '../../errors/error-catalogue.js';

/** A percent-escape of a byte outside ASCII: only these can spell invalid UTF-8. */
const NON_ASCII_ESCAPE = /%[89a-f][0-9a-f]/i;
/** A run of well-formed escapes; a stray `%` is text, as the form parser reads it. */
const ESCAPE_RUN = /(?:%[0-9a-f]{2})+/gi;
const NAME_SHOWN = 64;

/**
 * The name of the first parameter of a URL-encoded form or query whose bytes or escapes are not
 * UTF-8 (`''` when its name is itself unreadable), or null when every one is UTF-8.
 */
export function firstNonUtf8Parameter(encoded: Buffer): string | null {
  const text = encoded.toString('latin1'); // one character per byte: escapes and bytes both stay visible
  if (isUtf8(encoded) && !NON_ASCII_ESCAPE.test(text)) return null; // every ASCII-only webhook stops here
  for (const pair of text.split('&')) {
    if (isUtf8Text(pair)) continue;
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    return isUtf8Text(name) ? readableName(name) : '';
  }
  return null;
}

function isUtf8Text(latin1: string): boolean {
  if (!isUtf8(Buffer.from(latin1, 'latin1'))) return false;
  for (const [run] of latin1.matchAll(ESCAPE_RUN)) {
    if (!NON_ASCII_ESCAPE.test(run)) continue;
    try {
      decodeURIComponent(run);
    } catch {
      return false;
    }
  }
  return true;
}

function readableName(latin1: string): string {
  const text = Buffer.from(latin1, 'latin1').toString('utf8').replace(/\+/g, ' ');
  let name: string;
  try {
    name = decodeURIComponent(text);
  } catch {
    name = text; // a stray `%` in the name: shown as written
  }
  return name.length > NAME_SHOWN ? `${name.slice(0, NAME_SHOWN)}…` : name;
}

function notUtf8(name: string | null, where: string): ParleyError {
  return name === null || name === '' ? new ParleyError('INVALID_PARAMETER', `${where} is not valid UTF-8`) : invalidParameter(name, 'is not valid UTF-8');
}

/** body-parser `verify` for URL-encoded bodies: a 400 naming the first parameter that is not UTF-8. */
export function verifyUtf8Form(_req: IncomingMessage, _res: unknown, body: Buffer, encoding: string): void {
  if (encoding.toLowerCase() !== 'utf-8') return; // a declared ISO-8859-1 form is read as such
  const name = firstNonUtf8Parameter(body);
  if (name !== null) throw notUtf8(name, 'A parameter name in the request body');
}

/**
 * body-parser `verify` for REST forms: as `verifyUtf8Form`, and a `__proto__` parameter, which the
 * form parser drops without a word, is refused as the unknown parameter it is (no endpoint takes it).
 */
export function verifyRestForm(req: IncomingMessage, res: unknown, body: Buffer, encoding: string): void {
  verifyUtf8Form(req, res, body, encoding);
  const text = body.toString('latin1');
  if (!/proto/i.test(text) && !text.includes('%')) return;
  for (const name of new URLSearchParams(text).keys()) {
    if (name === '__proto__') throw invalidParameter(name, 'unknown parameter');
  }
}

/** body-parser `verify` for JSON bodies (JSON has no escapes that could be anything but Unicode). */
export function verifyUtf8Json(_req: IncomingMessage, _res: unknown, body: Buffer, encoding: string): void {
  if (encoding.toLowerCase() === 'utf-8' && !isUtf8(body)) throw new ParleyError('INVALID_PARAMETER', 'The request body is not valid UTF-8');
}

/** The same rule for the query string of every request, before any route reads it. */
export const utf8Query: RequestHandler = (req, _res, next) => {
  const start = req.url.indexOf('?');
  if (start !== -1) {
    const name = firstNonUtf8Parameter(Buffer.from(req.url.slice(start + 1), 'latin1'));
    if (name !== null) throw notUtf8(name, 'A parameter name in the query string');
  }
  next();
};
