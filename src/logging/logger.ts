import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/config.js';
import { requestLogFields } from './request-context.js';

/** Fields that hold secrets wherever they appear (top level or one level down). */
const SECRET_FIELDS = ['authorization', 'authToken', 'auth_token', 'password', 'token', 'credentials', 'x-twilio-signature', 'cookie'];
/** Fields that hold URLs, whose `user:password@` part is hidden. */
const URL_FIELDS = ['url', 'redis', 'redisUrl', 'statusCallback', 'actionsUrl'];

export const REDACTED = '[redacted]';

/** Redaction paths: headers of a logged request or response, secret fields, URLs that may carry credentials. */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization', 'req.headers["x-twilio-signature"]', 'req.headers.cookie',
  'headers.authorization', 'headers["x-twilio-signature"]', 'headers.cookie',
  ...SECRET_FIELDS.flatMap((f) => [`["${f}"]`, `*["${f}"]`]),
  ...URL_FIELDS.flatMap((f) => [f, `*.${f}`]),
];

const URL_FIELD_SET = new Set(URL_FIELDS);

function censor(value: unknown, path: string[]): unknown {
  const field = path[path.length - 1];
  if (field !== undefined && URL_FIELD_SET.has(field)) return typeof value === 'string' ? redactUrl(value) : value;
  return REDACTED;
}

/**
 * Error fields that carry a failed Redis command's arguments (ioredis's `command: {name, args}`,
 * EXECABORT's `previousErrors`): whole records and dialogue state, with memory and phone numbers.
 */
const COMMAND_FIELDS = new Set(['command', 'previousErrors', 'args']);

/** pino's error serializer, minus COMMAND_FIELDS at any depth (bounded: errors nest only so far). */
export function serializeError(error: unknown): unknown {
  const strip = (value: unknown, depth: number): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    if (depth > 4) return '[nested]';
    if (Array.isArray(value)) return value.map((item) => strip(item, depth + 1));
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (!COMMAND_FIELDS.has(key)) copy[key] = strip(item, depth + 1);
    return copy;
  };
  return strip(pino.stdSerializers.err(error as Error), 0);
}

/**
 * Structured JSON logs; credentials, signatures and Redis command arguments never reach them. Every line written while a
 * request is served carries its `reqId`, `method`, `path` and, for turns, `assistantSid` and
 * `dialogueSid` (request-logging.ts).
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'parley' },
    mixin: requestLogFields,
    serializers: { err: serializeError },
    redact: { paths: [...REDACT_PATHS], censor },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}

/** Show a URL in logs without the credentials it may carry (redis://user:secret@host, https://user:pass@host). */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    if (url.username && url.password === '') url.username = '***';
    return url.toString();
  } catch {
    return '[unparseable url]';
  }
}
