/**
 * A bot whose samples are Spanish is understood in Spanish: its model is trained with Spanish
 * rules, and its dialogues read answers to typed questions (numbers, dates, yes/no) in Spanish,
 * recognise a caller's speech in Spanish and log their queries as Spanish. Real HTTP and Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelPath, childElements, customPost, only, parseTwiml, storedKeys, text, twilioPost } from '../support/channel-client.js';
import { TEST_ACCOUNT_SID, rest, startTestServer, type TestServer } from '../support/test-server.js';

const LINE = '+15005550006';

const SAMPLES: Record<string, string[]> = {
  saludo: ['hola', 'buenos días', 'buenas tardes', 'qué tal', 'hola buenas'],
  pedido: ['quiero pedir un helado', 'quisiera un helado', 'me das un helado', 'pedir helado', 'un helado por favor'],
};

async function createSpanishBot(server: TestServer): Promise<string> {
  const created = await rest(server, 'POST', '/v1/Assistants', {
    UniqueName: 'heladeria',
    Defaults: JSON.stringify({ defaults: { assistant_initiation: 'task://saludo', fallback: 'task://no_entendi' } }),
  });
  if (created.status !== 201) throw new Error(`assistant: ${JSON.stringify(created.body)}`);
  const collect = {
    name: 'pedido',
    questions: [
      { question: '¿Cuántos helados?', name: 'cantidad', type: 'Twilio.NUMBER' },
      { question: '¿Para qué día?', name: 'fecha', type: 'Twilio.DATE' },
      { question: '¿Lo confirmo?', name: 'confirmar', type: 'Twilio.YES_NO' },
    ],
    on_complete: { redirect: 'task://listo' },
  };
  const tasks: Record<string, object> = {
    saludo: { actions: [{ say: '¡Hola! ¿Qué desea?' }, { listen: true }] },
    pedido: { actions: [{ collect }] },
    listo: { actions: [{ say: 'Pedido anotado.' }, { listen: true }] },
    no_entendi: { actions: [{ say: 'No entendí.' }, { listen: true }] },
  };
  for (const [name, actions] of Object.entries(tasks)) {
    const task = await rest(server, 'POST', '/v1/Assistants/heladeria/Tasks', { UniqueName: name, Actions: JSON.stringify(actions) });
    if (task.status !== 201) throw new Error(`task ${name}: ${JSON.stringify(task.body)}`);
  }
  for (const [task, samples] of Object.entries(SAMPLES)) {
    for (const sample of samples) await rest(server, 'POST', `/v1/Assistants/heladeria/Tasks/${task}/Samples`, { Language: 'es-ES', TaggedText: sample });
  }
  await rest(server, 'POST', '/v1/Assistants/heladeria/ModelBuilds', {});
  await server.parley.builds.drain();
  return created.body.sid as string;
}

const smsForm = (from: string, body: string, n: number): Record<string, string> => ({
  AccountSid: TEST_ACCOUNT_SID, MessageSid: `SM${String(n).padStart(32, '0')}`, From: from, To: LINE, Body: body, NumMedia: '0',
});

const messages = (xml: string): string[] => childElements(parseTwiml(xml), 'Message').map(text);

/** The date `days` after today in UTC (the test server reads dates in UTC). */
const daysFromNow = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('a bot whose samples are Spanish', () => {
  let server: TestServer;
  let sid = '';

  beforeAll(async () => {
    server = await startTestServer('dialogue-language');
    sid = await createSpanishBot(server);
  });

  afterAll(async () => {
    await server.close();
  });

  it('reads answers to typed questions in Spanish and logs its queries as Spanish', async () => {
    const path = channelPath(sid, 'twilio-messaging');
    const from = '+34600000001';
    const turns: Array<[string, string]> = [
      ['quiero pedir un helado', '¿Cuántos helados?'],
      ['treinta y dos', '¿Para qué día?'],
      ['pasado mañana', '¿Lo confirmo?'],
      ['sí', 'Pedido anotado.'],
    ];
    let expectedDate = '';
    for (const [i, [body, reply]] of turns.entries()) {
      if (body === 'pasado mañana') expectedDate = daysFromNow(2);
      const response = await twilioPost(server, path, smsForm(from, body, i + 1));
      expect(response.status).toBe(200);
      expect(messages(response.body)).toEqual([reply]);
    }
    const dialogues = await rest(server, 'GET', `/v1/Assistants/${sid}/Queries?PageSize=10`);
    const dialogueSid = dialogues.body.queries[0].dialogue_sid as string;
    expect(dialogues.body.queries.map((q: { language: string }) => q.language)).toEqual(['es-ES']);
    const dialogue = await rest(server, 'GET', `/v1/Assistants/${sid}/Dialogues/${dialogueSid}`);
    const answers = dialogue.body.data.twilio.collected_data.pedido.answers;
    expect(answers.cantidad.answer).toBe('32');
    // Midnight may pass between the date question and this check: either day is right then.
    expect([expectedDate, daysFromNow(2)]).toContain(answers.fecha.answer);
    expect(answers.confirmar.answer).toBe('Yes');
  });

  it("asks a caller's Gather to recognise Spanish speech", async () => {
    const path = channelPath(sid, 'twilio-voice');
    const form = { AccountSid: TEST_ACCOUNT_SID, CallSid: `CA${'1'.repeat(32)}`, CallStatus: 'ringing', Direction: 'inbound', From: '+34600000002', To: LINE };
    const response = await twilioPost(server, path, form);
    expect(response.status).toBe(200);
    const gather = only(parseTwiml(response.body), 'Gather');
    expect(gather.attributes.language).toBe('es-ES');
    expect(childElements(gather, 'Say').map(text)).toEqual(['¡Hola! ¿Qué desea?']);
  });

  it('takes a custom channel message said to be Spanish (or en-US, clients\' default) and refuses another language', async () => {
    const path = channelPath(sid, 'custom/kiosk', 'v2');
    const spanish = await customPost(server, path, { Text: 'hola', UserId: 'kiosk-1', Language: 'es-ES' });
    expect(spanish.status).toBe(200);
    expect(spanish.body.response.says.map((s: { text: string }) => s.text)).toEqual(['¡Hola! ¿Qué desea?']);
    const byDefault = await customPost(server, path, { Text: 'hola', UserId: 'kiosk-2', Language: 'en-US' });
    expect(byDefault.status).toBe(200);
    const keys = await storedKeys(server);
    const german = await customPost(server, path, { Text: 'hallo', UserId: 'kiosk-3', Language: 'de-DE' });
    expect(german.status).toBe(400);
    expect(await storedKeys(server)).toEqual(keys);
    expect(german.body.message).toMatch(/"de-DE" is not the language of this assistant's samples; it understands es-ES/);
  });
});
