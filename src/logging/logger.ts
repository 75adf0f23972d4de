import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/config.js';

/** Structured JSON logs; credentials and signatures never reach them. */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'parley' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-twilio-signature"]', 'authToken', '*.authToken', 'password', '*.password'],
      censor: '[redacted]',
    },
  });
}

/** Show a URL in logs without the password it may carry (redis://user:secret@host). */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '[unparseable url]';
  }
}
