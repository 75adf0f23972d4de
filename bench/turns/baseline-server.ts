/**
 * The bare baseline of `npm run bench:turns` (bench/turns/README.md): what any SMS bot behind
 * Twilio has to do per message, with nothing of Parley in it. express 5 + `express.urlencoded()`,
 * `twilio.validateRequest()` over PUBLIC_BASE_URL + path, an ioredis GET → JSON.parse → modify →
 * JSON.stringify → SET EX of a ~2 KB session per sender, and a reply built with twilio's
 * MessagingResponse. `/…/twilio-messaging-remote` also POSTs to the actions_url stand-in with
 * undici's pooled `request()` (what Parley uses) before answering.
 *
 * Env: PORT, PUBLIC_BASE_URL, TWILIO_AUTH_TOKEN, REDIS_URL, REDIS_KEY_PREFIX, STAND_IN_URL.
 * Prints `listening <port>` on stdout once it accepts connections.
 */
import express from 'express';
import { Redis } from 'ioredis';
import twilio from 'twilio';
import { Agent, request } from 'undici';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`baseline-server: ${name} is not set`);
  return value;
};

const port = Number(env('PORT'));
const publicBaseUrl = env('PUBLIC_BASE_URL');
const authToken = env('TWILIO_AUTH_TOKEN');
const prefix = env('REDIS_KEY_PREFIX');
const standInUrl = env('STAND_IN_URL');
// The same fail-fast options Parley's store uses (src/store/open-store.ts).
const redis = new Redis(env('REDIS_URL'), { maxRetriesPerRequest: 1, commandTimeout: 3000 });
const agent = new Agent({ connections: 64, keepAliveTimeout: 4_000 });

/** ~2 KB of session, about what a Parley dialogue with a collect in progress stores. */
function freshSession(from: string): Record<string, unknown> {
  return {
    from,
    turns: 0,
    task: 'greeting',
    collect: { name: 'deliver_roomitems', index: 0, answers: {} },
    memory: { twilio: { sms: { From: from, To: '+15005550006' } }, notes: 'x'.repeat(1500) },
    history: [] as string[],
  };
}

const app = express();
app.disable('x-powered-by');
const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 500 });

async function turn(req: express.Request, res: express.Response, remote: boolean): Promise<void> {
  const params = (req.body ?? {}) as Record<string, string>;
  const signature = req.get('x-twilio-signature') ?? '';
  if (signature === '' || !twilio.validateRequest(authToken, signature, `${publicBaseUrl}${req.originalUrl}`, params)) {
    res.status(403).type('text/plain').send('Forbidden');
    return;
  }
  const from = params.From ?? '';
  const key = `${prefix}baseline:session:${from}`;
  const raw = await redis.get(key);
  const session = raw === null ? freshSession(from) : (JSON.parse(raw) as ReturnType<typeof freshSession>);
  session.turns = (session.turns as number) + 1;
  session.history = [...(session.history as string[]).slice(-4), params.MessageSid ?? ''];
  let text = `You said: ${params.Body ?? ''}`;
  if (remote) {
    const response = await request(standInUrl, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ CurrentTask: 'baseline', Memory: JSON.stringify(session.memory) }).toString(),
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    const document = (await response.body.json()) as { actions?: Array<{ say?: string }> };
    text = document.actions?.find((a) => typeof a.say === 'string')?.say ?? text;
  }
  await redis.set(key, JSON.stringify(session), 'EX', 3600);
  const reply = new twilio.twiml.MessagingResponse();
  reply.message(text);
  res.status(200).type('text/xml').send(reply.toString());
}

app.post('/v1/:account/:assistant/twilio-messaging', form, (req, res, next) => {
  turn(req, res, false).catch(next);
});
app.post('/v1/:account/:assistant/twilio-messaging-remote', form, (req, res, next) => {
  turn(req, res, true).catch(next);
});

const server = app.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening ${port}\n`);
});
const stop = (): void => {
  server.close();
  redis.disconnect();
  void agent.close();
  setTimeout(() => process.exit(0), 500).unref();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
