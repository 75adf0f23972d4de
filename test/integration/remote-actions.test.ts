import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteActionsClient, type RemoteCall, type RemoteOutcome } from '../../src/actions/remote/remote-actions-client.js';
import { ERRORS, WEBHOOK_ERRORS } from '../../src/errors/error-catalogue.js';
import { OutboundPolicy } from '../../src/outbound/outbound-policy.js';
import { postSignedForm } from '../../src/outbound/signed-form-post.js';

// A real HTTP server on 127.0.0.1 stands in for the customer's actions_url, and checks our
// signature the way a customer's express handler or Twilio Function does.

const AUTH_TOKEN = '12345678901234567890123456789012';
const CAP = 16 * 1024;

const PARAMS = {
  AccountSid: 'AC00000000000000000000000000000001',
  AssistantSid: 'UA00000000000000000000000000000001',
  DialogueSid: 'UK00000000000000000000000000000001',
  UserIdentifier: '+15555550100',
  CurrentInput: "I'd like 2 pizzas & a coke, s'il vous plaît ☕",
  CurrentTask: 'order_pizza',
  CurrentTaskConfidence: '0.82',
  NextBestTask: '',
  Field_size_Value: 'large',
  Field_size_Type: 'pizza_size',
  DialoguePayloadUrl: 'https://autopilot.twilio.com/v1/Assistants/UA00000000000000000000000000000001/Dialogues/UK00000000000000000000000000000001',
  Channel: 'voice',
  CallbackSource: 'None',
  QuerySid: 'None',
} as const;
const MEMORY = JSON.stringify({ twilio: { voice: { From: '+15555550100', To: '+15555550199' } }, order: { items: ['pizza'] } });
const POST_PARAMS = { ...PARAMS, Memory: MEMORY };

const ACTIONS = { actions: [{ say: 'Which size?' }, { listen: true }] };

interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: Request['headers'];
  readonly body: unknown;
  readonly query: unknown;
  /** The check an express handler would run (`twilio.webhook()` does the same). */
  readonly expressValid: boolean;
  /** The same check with the URL and params spelled out. */
  readonly url: string;
}

describe('RemoteActionsClient against a local customer server', () => {
  const received: Received[] = [];
  const hugeStreams: Array<Promise<number>> = [];
  let server: Server;
  let garbage: ReturnType<typeof createNetServer>;
  let base: string;
  let garbageBase: string;
  let connections = 0;
  let client: RemoteActionsClient;
  let quick: RemoteActionsClient;

  beforeAll(async () => {
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    app.use((req, _res, next) => {
      received.push({
        method: req.method, path: req.path, headers: req.headers, body: req.body, query: { ...req.query },
        expressValid: twilio.validateExpressRequest(req, AUTH_TOKEN), url: `http://${req.headers.host}${req.originalUrl}`,
      });
      next();
    });
    app.all('/actions', (_req, res) => { res.json(ACTIONS); });
    app.post('/status/:code', (req, res) => { res.status(Number(req.params.code)).send('<h1>Internal Server Error</h1>'); });
    app.post('/redirect', (_req, res) => { res.redirect(302, '/actions'); });
    app.post('/text', (req, res) => { res.type(String(req.query.type ?? 'text/html')).send(String(req.query.body ?? '')); });
    app.post('/json', (req, res) => { res.type('application/json').send(String(req.query.body ?? '')); });
    app.post('/bom', (_req, res) => { res.type('text/plain; charset=utf-8').send(`\uFEFF${JSON.stringify(ACTIONS)}`); });
    app.post('/slow', (_req, res) => { delayed(res, 1_500, () => res.json(ACTIONS)); });
    // A space every 20 ms: never idle long enough for a per-read timeout, only the total budget ends it.
    app.post('/trickle', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"actions": [');
      const drip = setInterval(() => res.write(' '), 20);
      res.on('close', () => { clearInterval(drip); });
      delayed(res, 1_500, () => { clearInterval(drip); res.end('{"say": "late"}]}'); });
    });
    app.post('/huge', (_req, res) => { hugeStreams.push(streamForever(res)); });
    // A whole answer over the cap, its length declared (what express's res.json sends for a big document).
    app.post('/big-declared', (_req, res) => { res.json({ actions: [{ say: 'x'.repeat(CAP + 1_000) }, { listen: true }] }); });
    app.post('/huge-declared', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) });
      res.write('{"actions": [');
      delayed(res, 1_500, () => res.destroy());
    });
    server = createHttpServer(app);
    server.on('connection', () => { connections += 1; });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    // Answers every connection with bytes that are not HTTP.
    // resume() so the server reads the client's FIN and the socket can close.
    garbage = createNetServer((socket) => { socket.resume(); socket.end('SMTP READY\r\n\r\n'); });
    garbage.listen(0, '127.0.0.1');
    await once(garbage, 'listening');
    garbageBase = `http://127.0.0.1:${(garbage.address() as AddressInfo).port}`;

    client = new RemoteActionsClient({ authToken: AUTH_TOKEN, timeoutMs: 3_000, maxResponseBytes: CAP });
    quick = new RemoteActionsClient({ authToken: AUTH_TOKEN, timeoutMs: 200, maxResponseBytes: CAP });
  });

  afterAll(async () => {
    await Promise.all([client.close(), quick.close()]);
    server.closeAllConnections();
    await new Promise((resolve) => { server.close(resolve); });
    await new Promise((resolve) => { garbage.close(resolve); });
  });

  const post = (path: string, expect: RemoteCall['expect'] = 'actions'): RemoteCall =>
    ({ url: `${base}${path}`, method: 'POST', params: POST_PARAMS, expect });
  const last = (): Received => {
    const request = received.at(-1);
    if (request === undefined) throw new Error('the server received nothing');
    return request;
  };
  /** A failure outcome with this code; and never the auth token in it. */
  function expectFailure(outcome: RemoteOutcome, code: number, message?: RegExp): void {
    expect(JSON.stringify(outcome)).not.toContain(AUTH_TOKEN);
    if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
    expect(outcome.error.code, outcome.error.message).toBe(code);
    if (message !== undefined) expect(outcome.error.message).toMatch(message);
  }

  describe('the request', () => {
    it('POSTs exactly the parameters, form-encoded, signed so twilio.validateRequest accepts it', async () => {
      const outcome = await client.call(post('/actions'));
      expect(outcome).toMatchObject({ ok: true, kind: 'actions', document: ACTIONS, status: 200 });
      const request = last();
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(request.body).toEqual(POST_PARAMS);
      expect(request.query).toEqual({});
      expect(request.expressValid).toBe(true);
      const signature = String(request.headers['x-twilio-signature']);
      expect(twilio.validateRequest(AUTH_TOKEN, signature, request.url, POST_PARAMS)).toBe(true);
      expect(twilio.validateRequest('another-token-000000000000000000', signature, request.url, POST_PARAMS)).toBe(false);
      expect(twilio.validateRequest(AUTH_TOKEN, signature, request.url, { ...POST_PARAMS, CurrentTask: 'other' })).toBe(false);
      expect(request.headers.accept).toBe('application/json');
      expect(request.headers['user-agent']).toMatch(/Parley/);
      expect(JSON.stringify(request.headers)).not.toContain(AUTH_TOKEN);
    });

    it('GETs with exactly the parameters in the query, signed over the full URL with no params', async () => {
      const outcome = await client.call({ url: `${base}/actions?tenant=acme%20corp`, method: 'GET', params: PARAMS, expect: 'actions' });
      expect(outcome).toMatchObject({ ok: true, kind: 'actions', document: ACTIONS });
      const request = last();
      expect(request.method).toBe('GET');
      expect(request.url.startsWith(`${base}/actions?tenant=acme%20corp&AccountSid=`)).toBe(true);
      expect(request.query).toEqual({ tenant: 'acme corp', ...PARAMS });
      expect(request.query).not.toHaveProperty('Memory');
      expect(request.expressValid).toBe(true);
      const signature = String(request.headers['x-twilio-signature']);
      expect(twilio.validateRequest(AUTH_TOKEN, signature, request.url, {})).toBe(true);
      expect(twilio.validateRequest(AUTH_TOKEN, signature, `${base}/actions?tenant=acme%20corp`, {})).toBe(false);
    });

    it('sends malformed credential escapes as written instead of throwing', async () => {
      const outcome = await client.call({ ...post('/actions'), url: base.replace('http://', 'http://us%zzer:pw@') + '/actions' });
      expect(outcome.ok).toBe(true);
      expect(last().headers.authorization).toBe(`Basic ${Buffer.from('us%zzer:pw').toString('base64')}`);
    });

    it('sends credentials written in the URL as Basic auth and signs the URL without them', async () => {
      const url = new URL(`${base}/actions#rt=8000`);
      url.username = 'bot';
      url.password = 'p@ss word';
      const outcome = await client.call({ ...post('/actions'), url: url.href });
      expect(outcome.ok).toBe(true);
      const request = last();
      expect(request.headers.authorization).toBe(`Basic ${Buffer.from('bot:p@ss word').toString('base64')}`);
      expect(request.url).toBe(`${base}/actions`);
      expect(request.expressValid).toBe(true);
    });

    it('sends a status callback\'s URL credentials the same way (Basic auth, URL signed without them)', async () => {
      const url = new URL(`${base}/actions`);
      url.username = 'bot';
      url.password = 'p@ss word';
      const params = { ModelBuildSid: 'UG00000000000000000000000000000001', Status: 'completed' };
      const outcome = await postSignedForm(url.href, params, { authToken: AUTH_TOKEN, timeoutMs: 3_000, policy: new OutboundPolicy(['127.0.0.1']) });
      expect(outcome.status).toBe(200);
      const request = last();
      expect(request.headers.authorization).toBe(`Basic ${Buffer.from('bot:p@ss word').toString('base64')}`);
      expect(request.url).toBe(`${base}/actions`);
      expect(request.body).toEqual(params);
      expect(request.expressValid).toBe(true);
    });

    it('reuses one keep-alive connection for calls in a row, also after an error status', async () => {
      const pooled = new RemoteActionsClient({ authToken: AUTH_TOKEN, timeoutMs: 3_000, maxResponseBytes: CAP });
      try {
        const before = connections;
        const outcomes: RemoteOutcome[] = [];
        for (const path of ['/actions', '/actions', '/status/500', '/actions', '/actions']) {
          outcomes.push(await pooled.call(post(path)));
          // undici hands the socket back to its pool a macrotask after the body ends; a call made
          // in that gap would open a second connection (harmless, but it blurs this count).
          await new Promise((resolve) => { setImmediate(resolve); });
        }
        expect(outcomes.map((o) => o.ok)).toEqual([true, true, false, true, true]);
        expect(connections - before).toBe(1);
      } finally {
        await pooled.close();
      }
    });
  });

  describe('answers', () => {
    it('accepts any content type that parses as JSON, with a BOM', async () => {
      const text = await client.call(post(`/text?type=text/html&body=${encodeURIComponent(JSON.stringify(ACTIONS))}`));
      expect(text).toMatchObject({ ok: true, kind: 'actions', document: ACTIONS });
      const bom = await client.call(post('/bom'));
      expect(bom).toMatchObject({ ok: true, kind: 'actions', document: ACTIONS });
    });

    it('reads {"valid": true} and {"valid": false} from a validate webhook', async () => {
      const yes = await client.call(post(`/json?body=${encodeURIComponent('{"valid": true}')}`, 'validation'));
      expect(yes).toMatchObject({ ok: true, kind: 'validation', valid: true, status: 200 });
      const no = await client.call(post(`/json?body=${encodeURIComponent('{"valid": false, "reason": "not a city"}')}`, 'validation'));
      expect(no).toMatchObject({ ok: true, kind: 'validation', valid: false, status: 200 });
    });

    it.each([
      ['{"valid": "yes"}', /"valid": "yes"/],
      ['{"ok": true}', /no "valid" property/],
      ['[true]', /got an array/],
      ['valid', /not JSON/],
    ])('fails a validate webhook answering %s (the runtime counts it as not valid)', async (body, message) => {
      const outcome = await client.call(post(`/json?body=${encodeURIComponent(body)}`, 'validation'));
      expectFailure(outcome, WEBHOOK_ERRORS.INVALID_VALIDATION_RESPONSE, message);
      expect(outcome.ok ? null : outcome.status).toBe(200);
    });

    it('fails an answer that is not JSON with 90100', async () => {
      const outcome = await client.call(post(`/text?body=${encodeURIComponent('<html><body>Hello</body></html>')}`));
      expectFailure(outcome, ERRORS.INVALID_ACTIONS.code, /^document: the response body is not JSON/);
      expectFailure(await client.call(post('/text?body=')), ERRORS.INVALID_ACTIONS.code, /empty/);
    });

    it('fails {} without actions with 90100', async () => {
      const outcome = await client.call(post(`/json?body=${encodeURIComponent('{}')}`));
      expectFailure(outcome, ERRORS.INVALID_ACTIONS.code, /^document: missing required property "actions"/);
    });

    it('fails invalid actions with 90100 and the JSON path in the message', async () => {
      const body = JSON.stringify({ actions: [{ say: 'Hi' }, { sya: 'typo' }] });
      const outcome = await client.call(post(`/json?body=${encodeURIComponent(body)}`));
      expectFailure(outcome, ERRORS.INVALID_ACTIONS.code, /^actions\[1\]: unknown action "sya"/);
      const nested = JSON.stringify({ actions: [{ collect: { name: 'c', questions: [{ question: 'Q?' }], on_complete: { redirect: 'task://x' } } }] });
      expectFailure(await client.call(post(`/json?body=${encodeURIComponent(nested)}`)), ERRORS.INVALID_ACTIONS.code, /^actions\[0\]\.collect\.questions\[0\]/);
    });
  });

  describe('failures', () => {
    it('times out a webhook that does not answer in time', async () => {
      const outcome = await quick.call(post('/slow'));
      expectFailure(outcome, WEBHOOK_ERRORS.TIMEOUT, /200 ms/);
      expect(outcome.status).toBeNull();
      expect(outcome.durationMs).toBeGreaterThanOrEqual(190);
      expect(outcome.durationMs).toBeLessThan(1_000);
    });

    it('times out a body that trickles in, inside the same budget', async () => {
      const outcome = await quick.call(post('/trickle'));
      expectFailure(outcome, WEBHOOK_ERRORS.TIMEOUT, /response body/);
      expect(outcome.status).toBe(200);
      expect(outcome.durationMs).toBeLessThan(1_000);
    });

    it('fails a 500 with 11217 and does not read it as actions', async () => {
      const outcome = await client.call(post('/status/500'));
      expectFailure(outcome, WEBHOOK_ERRORS.ERROR_STATUS, /HTTP 500/);
      expect(outcome.status).toBe(500);
      expectFailure(await client.call(post('/status/404')), WEBHOOK_ERRORS.ERROR_STATUS, /HTTP 404/);
    });

    it('does not follow a 302', async () => {
      const before = received.length;
      const outcome = await client.call(post('/redirect'));
      expectFailure(outcome, WEBHOOK_ERRORS.REDIRECT, /302/);
      expect(outcome.status).toBe(302);
      expect(received.slice(before).map((r) => r.path)).toEqual(['/redirect']);
    });

    it('cuts off a streamed body past the cap while the server keeps streaming', async () => {
      const started = hugeStreams.length;
      const outcome = await client.call(post('/huge'));
      expectFailure(outcome, WEBHOOK_ERRORS.RESPONSE_TOO_LARGE, new RegExp(`${CAP} bytes`));
      expect(outcome.status).toBe(200);
      // The server sees the connection closed soon after the cap, not after its 4 MB.
      const written = await hugeStreams[started];
      expect(written).toBeGreaterThan(CAP);
      expect(written).toBeLessThan(4 * 1024 * 1024);
    });

    it('refuses a body whose Content-Length is over the cap before reading it', async () => {
      const outcome = await client.call(post('/huge-declared'));
      expectFailure(outcome, WEBHOOK_ERRORS.RESPONSE_TOO_LARGE);
      expect(outcome.durationMs).toBeLessThan(1_000);
    });

    it('refuses a whole answer over the cap whose length is declared, and nothing else fails after it', async () => {
      const errors: unknown[] = [];
      const record = (error: unknown): void => { errors.push(error); };
      process.on('uncaughtException', record);
      try {
        expectFailure(await client.call(post('/big-declared')), WEBHOOK_ERRORS.RESPONSE_TOO_LARGE);
        // The body left unread must not surface as an error nobody listens to (it crashed the process).
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(errors).toEqual([]);
        expect((await client.call(post('/actions'))).ok).toBe(true);
      } finally {
        process.off('uncaughtException', record);
      }
    });

    it('fails a refused connection with 11205', async () => {
      const closed = createNetServer();
      closed.listen(0, '127.0.0.1');
      await once(closed, 'listening');
      const port = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => { closed.close(resolve); });
      const outcome = await client.call({ ...post('/actions'), url: `http://127.0.0.1:${port}/actions` });
      expectFailure(outcome, WEBHOOK_ERRORS.CONNECTION_FAILURE, /ECONNREFUSED/);
      expect(outcome.status).toBeNull();
    });

    it('fails an unknown host name with 11210', async () => {
      const outcome = await client.call({ ...post('/actions'), url: 'http://nonexistent.invalid/actions' });
      expectFailure(outcome, WEBHOOK_ERRORS.BAD_HOST_NAME, /nonexistent\.invalid/);
    });

    it('fails an answer that is not HTTP with 11206', async () => {
      expectFailure(await client.call({ ...post('/actions'), url: `${garbageBase}/actions` }), WEBHOOK_ERRORS.PROTOCOL_VIOLATION);
    });

    it('fails a TLS handshake with a server that does not speak TLS with 11220', async () => {
      const outcome = await client.call({ ...post('/actions'), url: base.replace('http:', 'https:') + '/actions' });
      expectFailure(outcome, WEBHOOK_ERRORS.TLS_FAILURE);
    });

    it.each([['not a url'], ['ftp://127.0.0.1/actions'], ['/relative/path']])('fails the URL %j with 11100', async (url) => {
      expectFailure(await client.call({ ...post('/actions'), url }), WEBHOOK_ERRORS.INVALID_URL);
    });

    it('turns calls after close() into failures, not throws', async () => {
      const closed = new RemoteActionsClient({ authToken: AUTH_TOKEN, timeoutMs: 1_000, maxResponseBytes: CAP });
      await closed.close();
      const outcome = await closed.call(post('/actions'));
      expect(outcome.ok).toBe(false);
    });
  });
});

/** Runs `then` after `ms` unless the client went away first; the timer never outlives the test. */
function delayed(res: Response, ms: number, then: () => void): void {
  const timer = setTimeout(then, ms);
  res.on('close', () => { clearTimeout(timer); });
}

/** Streams 1 KB chunks of a JSON string until the client hangs up (or 4 MB); resolves to the bytes written. */
function streamForever(res: Response): Promise<number> {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"actions": [{"say": "');
  let written = 0;
  const chunk = 'x'.repeat(1024);
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (res.destroyed || written >= 4 * 1024 * 1024) {
        clearInterval(timer);
        res.destroy();
        resolve(written);
        return;
      }
      res.write(chunk);
      written += chunk.length;
    }, 1);
    res.on('close', () => { clearInterval(timer); resolve(written); });
  });
}
