/**
 * Pure interpretation of a customer webhook's answer: an Actions document for `actions_url`,
 * redirects and `on_complete` URLs, or `{"valid": bool}` for a collect validate webhook. Also
 * names the failure when no answer came (connection, DNS, TLS, timeout). No I/O here.
 */
import type { ActionsDocument } from '../action-types.js';
import { checkActions } from '../actions-schema-validator.js';
import { ERRORS, WEBHOOK_ERRORS } from '../../errors/error-catalogue.js';
import { TOO_DEEP, nestsDeeperThan } from '../../util/json-depth.js';

export interface WebhookError {
  readonly code: number;
  readonly message: string;
}

export type Interpretation =
  | { readonly ok: true; readonly kind: 'actions'; readonly document: ActionsDocument }
  | { readonly ok: true; readonly kind: 'validation'; readonly valid: boolean }
  | { readonly ok: false; readonly error: WebhookError };

const fail = (code: number, message: string): { ok: false; error: WebhookError } => ({ ok: false, error: { code, message } });

/**
 * Reads a complete 2xx body. Any content type is accepted as long as the bytes parse as JSON
 * (Autopilot did not check it); the body is read as UTF-8 and a leading BOM is ignored.
 */
export function interpretBody(expect: 'actions' | 'validation', body: Buffer): Interpretation {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    const why = text.trim() === '' ? 'the response body is empty' : `the response body is not JSON (${jsonError(error)})`;
    return expect === 'actions'
      ? fail(ERRORS.INVALID_ACTIONS.code, `document: ${why}`)
      : fail(WEBHOOK_ERRORS.INVALID_VALIDATION_RESPONSE, `validate webhook: ${why}`);
  }
  if (expect === 'validation') return interpretValidation(json);
  // Checked before the schema: memory this deep could not be saved or sent on (JSON.stringify overflows).
  if (nestsDeeperThan(json)) return fail(ERRORS.INVALID_ACTIONS.code, `document: ${TOO_DEEP}`);
  const check = checkActions(json);
  // The schema accepted it, so it has the ActionsDocument shape (action-types.ts mirrors the schema).
  if (check.ok) return { ok: true, kind: 'actions', document: json as ActionsDocument };
  return fail(ERRORS.INVALID_ACTIONS.code, check.message);
}

/** `{"valid": true}` or `{"valid": false}`; other keys are ignored, anything else is a failure. */
function interpretValidation(json: unknown): Interpretation {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail(WEBHOOK_ERRORS.INVALID_VALIDATION_RESPONSE, `validate webhook: expected {"valid": true|false}, got ${describe(json)}`);
  }
  const valid = (json as Record<string, unknown>).valid;
  if (typeof valid === 'boolean') return { ok: true, kind: 'validation', valid };
  const got = valid === undefined ? 'no "valid" property' : `"valid": ${describe(valid)}`;
  return fail(WEBHOOK_ERRORS.INVALID_VALIDATION_RESPONSE, `validate webhook: expected {"valid": true|false}, got ${got}`);
}

/** A status that carries no usable body: redirects are never followed, errors are not read. */
export function statusFailure(status: number): WebhookError | null {
  if (status >= 200 && status < 300) return null;
  if (status >= 300 && status < 400) {
    return { code: WEBHOOK_ERRORS.REDIRECT, message: `the webhook answered HTTP ${status}; redirects are not followed` };
  }
  if (status >= 400) return { code: WEBHOOK_ERRORS.ERROR_STATUS, message: `the webhook answered HTTP ${status}` };
  return { code: WEBHOOK_ERRORS.RETRIEVAL_FAILURE, message: `the webhook answered an unexpected HTTP ${status}` };
}

export const tooLarge = (limit: number): WebhookError => ({
  code: WEBHOOK_ERRORS.RESPONSE_TOO_LARGE,
  message: `the response body is larger than ${limit} bytes`,
});

export const timedOut = (timeoutMs: number, phase: 'response' | 'body'): WebhookError => ({
  code: WEBHOOK_ERRORS.TIMEOUT,
  message: `no complete ${phase === 'response' ? 'response' : 'response body'} within ${timeoutMs} ms`,
});

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL']);
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN',
  'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'EADDRNOTAVAIL', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_OSSL_)/;

/**
 * Names an error thrown while sending the request or reading the answer. `host` appears in
 * DNS messages only; the URL itself (which may carry credentials) never does.
 */
export function transportFailure(error: unknown, phase: 'response' | 'body', host: string, timeoutMs: number): WebhookError {
  const codes = errorCodes(error);
  const code = codes[0] ?? 'unknown';
  const has = (set: ReadonlySet<string>): string | undefined => codes.find((c) => set.has(c));
  const tls = codes.find((c) => TLS_CODE.test(c));
  if (has(TIMEOUT_CODES) !== undefined) return timedOut(timeoutMs, phase);
  if (has(DNS_CODES) !== undefined) {
    return { code: WEBHOOK_ERRORS.BAD_HOST_NAME, message: `the host name ${host} could not be resolved (${has(DNS_CODES)})` };
  }
  if (tls !== undefined) return { code: WEBHOOK_ERRORS.TLS_FAILURE, message: `TLS handshake or certificate failure (${tls})` };
  if (codes.some((c) => c.startsWith('HPE_') || c === 'HTTPParserError')) {
    return { code: WEBHOOK_ERRORS.PROTOCOL_VIOLATION, message: `the webhook's answer is not valid HTTP (${code})` };
  }
  if (codes.includes('UND_ERR_INVALID_ARG') || codes.includes('ERR_INVALID_URL')) {
    return { code: WEBHOOK_ERRORS.INVALID_URL, message: `the webhook URL cannot be requested (${code})` };
  }
  const connect = has(CONNECT_CODES);
  if (connect !== undefined && phase === 'response') {
    return { code: WEBHOOK_ERRORS.CONNECTION_FAILURE, message: `the connection failed before an answer (${connect})` };
  }
  if (connect !== undefined) {
    return { code: WEBHOOK_ERRORS.RETRIEVAL_FAILURE, message: `the connection failed while reading the answer (${connect})` };
  }
  return { code: WEBHOOK_ERRORS.RETRIEVAL_FAILURE, message: `the webhook could not be retrieved (${code})` };
}

/**
 * Codes of the error, its `cause` chain and, for happy-eyeballs `AggregateError`s, each attempt.
 * undici's `HTTPParserError` often has no code, so its name stands in for one.
 */
function errorCodes(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 4) return [];
  const record = error as { code?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof record.code === 'string' ? [record.code] : record.name === 'HTTPParserError' ? ['HTTPParserError'] : [];
  const nested = Array.isArray(record.errors) ? record.errors.flatMap((e) => errorCodes(e, depth + 1)) : [];
  return [...own, ...errorCodes(record.cause, depth + 1), ...nested];
}

function jsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 80 ? `${message.slice(0, 77)}...` : message;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
