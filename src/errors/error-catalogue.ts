/**
 * Every coded error Parley reports, in one place. Codes are stable: clients and docs rely on them.
 * Codes below 90000 are Twilio's generic REST codes; 90xxx are Autopilot's own.
 */
export const ERRORS = {
  INVALID_PARAMETER: { code: 20001, status: 400, title: 'Invalid parameter' },
  UNAUTHORIZED: { code: 20003, status: 401, title: 'Authentication failed' },
  METHOD_NOT_ALLOWED: { code: 20004, status: 405, title: 'Method not allowed' },
  FORBIDDEN: { code: 20403, status: 403, title: 'Forbidden' },
  NOT_FOUND: { code: 20404, status: 404, title: 'Resource not found' },
  REQUEST_TIMEOUT: { code: 20408, status: 408, title: 'Request timeout' },
  PAYLOAD_TOO_LARGE: { code: 20413, status: 413, title: 'Request body too large' },
  UNSUPPORTED_MEDIA_TYPE: { code: 20415, status: 415, title: 'Unsupported content type' },
  INTERNAL: { code: 20500, status: 500, title: 'Internal server error' },
  SERVICE_UNAVAILABLE: { code: 20503, status: 503, title: 'Service unavailable' },
  INVALID_ACTIONS: { code: 90100, status: 400, title: 'Invalid Autopilot Actions JSON' },
  UNIQUE_NAME_IN_USE: { code: 90101, status: 400, title: 'Unique name already in use' },
  RESOURCE_IN_USE: { code: 90105, status: 400, title: 'Resource still in use' },
} as const;

export type ErrorKind = keyof typeof ERRORS;

/**
 * Codes of failed calls to customers' webhooks (`actions_url`, URL redirects, `on_complete` and
 * defaults URLs, collect validate webhooks). They are not HTTP answers of ours: the dialogue
 * runtime logs them and falls back. 11xxx are Twilio's own webhook codes, 903xx are Parley's
 * where Twilio had none. An invalid Actions document is `ERRORS.INVALID_ACTIONS` (90100).
 */
export const WEBHOOK_ERRORS = {
  INVALID_URL: 11100,
  RETRIEVAL_FAILURE: 11200,
  CONNECTION_FAILURE: 11205,
  PROTOCOL_VIOLATION: 11206,
  BAD_HOST_NAME: 11210,
  REDIRECT: 11215,
  ERROR_STATUS: 11217,
  TLS_FAILURE: 11220,
  TIMEOUT: 90300,
  RESPONSE_TOO_LARGE: 90301,
  INVALID_VALIDATION_RESPONSE: 90302,
  /** The URL leads to a loopback, private or other special address (OUTBOUND_ALLOW_PRIVATE opens it). */
  REFUSED_ADDRESS: 90303,
} as const;

export type WebhookErrorKind = keyof typeof WEBHOOK_ERRORS;

/** An expected failure of a request: the surface mappers turn it into their own format. */
export class ParleyError extends Error {
  readonly code: number;
  readonly status: number;

  constructor(readonly kind: ErrorKind, message: string, readonly details?: Record<string, unknown>) {
    super(message);
    this.name = 'ParleyError';
    this.code = ERRORS[kind].code;
    this.status = ERRORS[kind].status;
  }
}

export const moreInfoUrl = (code: number): string => `https://www.twilio.com/docs/errors/${code}`;

export const invalidParameter = (name: string, why: string): ParleyError =>
  new ParleyError('INVALID_PARAMETER', `Invalid parameter ${name}: ${why}`, { parameter: name });

export const notFound = (path: string): ParleyError =>
  new ParleyError('NOT_FOUND', `The requested resource ${path} was not found`);
