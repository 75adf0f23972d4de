import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ACCOUNT_SID, startTestServer, type TestServer } from '../support/test-server.js';

// A client that trickles its request must not hold a connection for minutes: the server's request
// time limits end it with a 408 in Twilio's error body. Short limits here; production's are 20 s / 15 s.

/** Send `head`, then `body` one byte every `everyMs`; resolve with what came back and when the socket closed. */
function trickle(port: number, head: string, body: string, everyMs: number): Promise<{ reply: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < body.length && !socket.destroyed) socket.write(body[sent++]!);
    }, everyMs);
    socket.on('connect', () => socket.write(head));
    socket.on('data', (chunk) => { reply += chunk.toString(); });
    socket.on('error', reject);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ reply, closedAfterMs: Date.now() - started });
    });
  });
}

describe('clients that send their request slowly', () => {
  let server: TestServer;
  let port = 0;

  beforeAll(async () => {
    server = await startTestServer('slow-clients', { store: 'memory', requestLimits: { requestMs: 1_500, headersMs: 1_000 } });
    port = Number(new URL(server.baseUrl).port);
  });

  afterAll(async () => {
    await server.close();
  });

  it('ends a webhook whose body trickles in with a 408 once the request limit passes', async () => {
    const body = 'From=%2B15550001111&To=%2B15550009999&Body=hello&MessageSid=SM1';
    const head = `POST /v1/${TEST_ACCOUNT_SID}/bot/twilio-messaging HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { reply, closedAfterMs } = await trickle(port, head, body, 200);
    expect(reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 20408, status: 408 });
    expect(closedAfterMs).toBeGreaterThanOrEqual(1_400);
    expect(closedAfterMs).toBeLessThan(4_000);
  });

  it('ends a request whose headers trickle in', async () => {
    const { closedAfterMs } = await trickle(port, 'GET /healthz HTTP/1.1\r\n', 'X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 200);
    expect(closedAfterMs).toBeLessThan(4_000);
  });

  it('serves a request that arrives in time', async () => {
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  });
});
