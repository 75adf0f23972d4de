/**
 * The edge that calls customers' webhooks for the dialogue runtime: `actions_url`, URL redirects,
 * `on_complete` and defaults URLs (answer: an Actions document) and collect validate webhooks
 * (answer: `{"valid": bool}`). Requests are signed as Twilio signs its webhooks, so a handler that
 * runs `twilio.validateRequest` accepts them. Every failure is an `ok: false` outcome, never a throw.
 */
import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import twilio from 'twilio';
import { Agent, request, type Dispatcher } from 'undici';
import type { ActionsDocument } from '../action-types.js';
import { WEBHOOK_ERRORS } from '../../errors/error-catalogue.js';
import { OutboundRefused, type OutboundPolicy } from '../../outbound/outbound-policy.js';
import { takeCredentials } from '../../outbound/url-credentials.js';
import { interpretBody, statusFailure, timedOut, tooLarge, transportFailure, type WebhookError } from './remote-response.js';

export interface RemoteCall {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly params: Readonly<Record<string, string>>;
  /** What the answer must be: an Actions document, `{"valid": bool}`, or (event webhooks) any 2xx, its body unread. */
  readonly expect: 'actions' | 'validation' | 'acknowledgement';
}

/**
 * For a validate webhook the runtime treats `ok: false` as "not valid": a broken validator
 * counts as a failed attempt (on_failure, max_attempts) rather than admitting an unchecked answer.
 */
export type RemoteOutcome =
  | { readonly ok: true; readonly kind: 'actions'; readonly document: ActionsDocument; readonly status: number; readonly durationMs: number }
  | { readonly ok: true; readonly kind: 'validation'; readonly valid: boolean; readonly status: number; readonly durationMs: number }
  | { readonly ok: true; readonly kind: 'acknowledgement'; readonly status: number; readonly durationMs: number }
  | { readonly ok: false; readonly error: { readonly code: number; readonly message: string }; readonly status: number | null; readonly durationMs: number };

export interface RemoteActionsOptions {
  /** Signs requests; never logged, never part of an outcome. */
  readonly authToken: string;
  /** One budget for connect, headers and body together (design.md §3: 10 000). */
  readonly timeoutMs: number;
  /** The body is cut off past this many bytes (design.md §3: 16 KB). */
  readonly maxResponseBytes: number;
  /** Which addresses may be reached; without one, any (only tests of this client go without). */
  readonly policy?: OutboundPolicy;
  /** Sockets per origin (default 64). */
  readonly connectionsPerOrigin?: number;
}

/**
 * Calls that start within the same few milliseconds share one deadline signal: a controller and a
 * timer of its own cost a call 10-20 % of its CPU (docs/benchmarks.md). Each call still gets its
 * whole budget: a shared signal fires between `timeoutMs` and `timeoutMs + SHARED_DEADLINE_MS`
 * after the call started.
 */
const SHARED_DEADLINE_MS = 25;

class SharedDeadlines {
  #signal: AbortSignal | null = null;
  #until = 0;

  constructor(private readonly timeoutMs: number) {}

  signal(): AbortSignal {
    const now = performance.now();
    if (this.#signal === null || now >= this.#until) {
      this.#signal = AbortSignal.timeout(this.timeoutMs + SHARED_DEADLINE_MS);
      setMaxListeners(0, this.#signal); // every call in flight listens to it; none of them leaks
      this.#until = now + SHARED_DEADLINE_MS;
    }
    return this.#signal;
  }
}

const USER_AGENT = 'Parley (Autopilot-compatible webhook client)';

/**
 * One pooled keep-alive undici `Agent` per client: on Node 20 undici's `request()` costs about a
 * fifth of the CPU of `fetch()` per call (design.md §3). Redirects are never followed.
 */
export class RemoteActionsClient {
  readonly #authToken: string;
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #agent: Agent;
  readonly #policy: OutboundPolicy | undefined;
  readonly #deadlines: SharedDeadlines;

  constructor(options: RemoteActionsOptions) {
    this.#authToken = options.authToken;
    this.#timeoutMs = options.timeoutMs;
    this.#deadlines = new SharedDeadlines(options.timeoutMs);
    this.#maxResponseBytes = options.maxResponseBytes;
    this.#policy = options.policy;
    this.#agent = new Agent({
      connections: options.connectionsPerOrigin ?? 64, // per origin: one slow customer cannot take every socket
      // Below Node's 5 s server default, so we rarely reuse a socket the server is closing;
      // undici also honours a shorter `Keep-Alive: timeout=` hint from the server.
      keepAliveTimeout: 4_000,
      keepAliveMaxTimeout: 30_000,
      connect: { timeout: options.timeoutMs, ...(options.policy ? { lookup: options.policy.lookup } : {}) },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  /** Sends one signed request and reads its answer within the timeout and the size cap. */
  async call(call: RemoteCall): Promise<RemoteOutcome> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    const failure = (error: WebhookError, status: number | null): RemoteOutcome => ({ ok: false, error, status, durationMs: elapsed() });

    const target = requestTarget(call);
    if ('error' in target) return failure(target.error, null);
    const refusedHost = this.#policy?.refusalForUrl(target.url);
    if (refusedHost) return failure({ code: WEBHOOK_ERRORS.REFUSED_ADDRESS, message: refusedHost }, null);

    const signal = this.#deadlines.signal();
    let phase: 'response' | 'body' = 'response';
    let status: number | null = null;
    try {
      const response = await request(target.url, {
        dispatcher: this.#agent,
        method: call.method,
        headers: this.#headers(call, target),
        body: call.method === 'POST' ? new URLSearchParams(call.params).toString() : null,
        signal,
      });
      phase = 'body';
      status = response.statusCode;
      const bad = statusFailure(status);
      if (bad !== null) {
        await discard(response.body, this.#maxResponseBytes);
        return failure(bad, status);
      }
      if (call.expect === 'acknowledgement') {
        await discard(response.body, this.#maxResponseBytes);
        return { ok: true, kind: 'acknowledgement', status, durationMs: elapsed() };
      }
      const body = await readCapped(response, this.#maxResponseBytes);
      if (body === null) return failure(tooLarge(this.#maxResponseBytes), status);
      const result = interpretBody(call.expect, body);
      if (!result.ok) return failure(result.error, status);
      return { ...result, status, durationMs: elapsed() };
    } catch (error) {
      if (signal.aborted) return failure(timedOut(this.#timeoutMs, phase), status);
      const refused = refusedBy(error);
      if (refused !== null) return failure({ code: WEBHOOK_ERRORS.REFUSED_ADDRESS, message: refused }, status);
      return failure(transportFailure(error, phase, target.host, this.#timeoutMs), status);
    }
  }

  /** Destroys the pool: open sockets close and calls still in flight fail. */
  async close(): Promise<void> {
    await this.#agent.destroy();
  }

  #headers(call: RemoteCall, target: Target): Record<string, string> {
    // GET: the parameters are in the signed URL; POST: they are signed beside it, as Twilio does.
    const signedParams = call.method === 'POST' ? { ...call.params } : {};
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': USER_AGENT,
      'x-twilio-signature': twilio.getExpectedTwilioSignature(this.#authToken, target.url, signedParams),
    };
    if (call.method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded';
    if (target.authorization !== null) headers.authorization = target.authorization;
    return headers;
  }
}

interface Target {
  /** What is requested and signed: no fragment, no credentials, GET parameters appended. */
  readonly url: string;
  readonly host: string;
  /** Basic credentials written in the URL (`https://user:pass@host/`), sent as a header. */
  readonly authorization: string | null;
}

function requestTarget(call: RemoteCall): Target | { error: WebhookError } {
  let url: URL;
  try {
    url = new URL(call.url);
  } catch {
    return { error: { code: WEBHOOK_ERRORS.INVALID_URL, message: 'the webhook URL is not a valid absolute URL' } };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { error: { code: WEBHOOK_ERRORS.INVALID_URL, message: `the webhook URL must be http or https, not ${url.protocol}` } };
  }
  const authorization = takeCredentials(url);
  url.hash = ''; // Twilio-style `#rt=…` overrides are not ours to send
  if (call.method === 'GET') {
    // Appended as text so the configured query keeps its exact spelling.
    const query = new URLSearchParams(call.params).toString();
    if (query !== '') url.search = url.search === '' ? `?${query}` : `${url.search}&${query}`;
  }
  return { url: url.href, host: url.hostname, authorization };
}

/** The outbound policy's refusal somewhere in an error's cause chain. */
function refusedBy(error: unknown): string | null {
  for (let e = error as { cause?: unknown } | undefined, depth = 0; e !== undefined && e !== null && depth < 5; e = e.cause as typeof e, depth += 1) {
    if (e instanceof OutboundRefused) return e.message;
  }
  return null;
}

/** The whole body, or `null` as soon as it is known to exceed `limit` (the stream is destroyed). */
async function readCapped(response: Dispatcher.ResponseData, limit: number): Promise<Buffer | null> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    abandon(response.body);
    return null;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      abandon(response.body);
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** Reads a small unwanted body so the socket can be reused; a large one closes the socket. */
/**
 * Stop reading a body we will not use. undici's body stream reports its own destruction before the
 * end as an 'error' event: with no listener, that error took the whole process down.
 */
function abandon(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

async function discard(body: Dispatcher.ResponseData['body'], limit: number): Promise<void> {
  try {
    await body.dump({ limit });
  } catch {
    // The status already decided the outcome; a body that fails to drain only costs the socket.
  }
}
