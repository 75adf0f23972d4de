import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnRequest } from '../../src/dialogue/turn-types.js';
import { channelPath, twilioPost } from '../support/channel-client.js';
import { TEST_ACCOUNT_SID, rest, startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Each process keeps the assistants and tasks its turns used (src/domain/turn-catalogue.ts); a
 * change made through another process must still be seen by the very next turn.
 */
describe('turns see configuration changes made through another process at once', () => {
  let turns: TestServer;
  let admin: TestServer;
  let conversation = 0;

  const say = (assistant: string, text: string, extra: Partial<TurnRequest> = {}): TurnRequest => {
    conversation += 1;
    return {
      assistantSid: assistant, conversationKey: `c${conversation}`, channel: 'sms', channelName: 'sms', channelMemoryKey: 'sms',
      channelMemory: {}, userIdentifier: '+15550001111', input: { kind: 'text', text }, targetTask: 'greet', ...extra,
    };
  };
  const sayings = (result: { outputs: readonly unknown[] }) => result.outputs.map((o) => (o as { text?: string }).text);

  beforeAll(async () => {
    turns = await startTestServer('turn-catalogue');
    admin = await startTestServer('turn-catalogue', { shareWith: turns });
    await rest(admin, 'POST', '/v1/Assistants', { UniqueName: 'concierge' });
    await rest(admin, 'POST', '/v1/Assistants/concierge/Tasks', { UniqueName: 'greet', Actions: JSON.stringify({ actions: [{ say: 'Hello.' }] }) });
  });

  afterAll(async () => {
    await admin.close();
    await turns.close();
  });

  it('runs the task actions as they are now, not as they were when first used', async () => {
    expect(sayings(await turns.parley.runTurn(say('concierge', 'hi')))).toEqual(['Hello.']);
    expect(sayings(await turns.parley.runTurn(say('concierge', 'hi')))).toEqual(['Hello.']);
    await rest(admin, 'POST', '/v1/Assistants/concierge/Tasks/greet', { Actions: JSON.stringify({ actions: [{ say: 'Welcome back.' }] }) });
    expect(sayings(await turns.parley.runTurn(say('concierge', 'hi')))).toEqual(['Welcome back.']);
  });

  it('uses the assistant defaults as they are now', async () => {
    await rest(admin, 'POST', '/v1/Assistants/concierge/Tasks', { UniqueName: 'apology', Actions: JSON.stringify({ actions: [{ say: 'Sorry, say again?' }] }) });
    const before = await turns.parley.runTurn(say('concierge', 'zebra quantum pickle', { targetTask: undefined }));
    expect(sayings(before)).not.toContain('Sorry, say again?');
    await rest(admin, 'POST', '/v1/Assistants/concierge/Defaults', { Defaults: JSON.stringify({ defaults: { fallback: 'task://apology' } }) });
    const after = await turns.parley.runTurn(say('concierge', 'zebra quantum pickle', { targetTask: undefined }));
    expect(sayings(after)).toEqual(['Sorry, say again?']);
  });

  it('follows a rename: the old name answers 404 and the new one runs', async () => {
    await rest(admin, 'POST', '/v1/Assistants', { UniqueName: 'frontdesk' });
    await rest(admin, 'POST', '/v1/Assistants/frontdesk/Tasks', { UniqueName: 'greet', Actions: JSON.stringify({ actions: [{ say: 'Front desk.' }] }) });
    expect(sayings(await turns.parley.runTurn(say('frontdesk', 'hi')))).toEqual(['Front desk.']);
    await rest(admin, 'POST', '/v1/Assistants/frontdesk', { UniqueName: 'reception' });
    await expect(turns.parley.runTurn(say('frontdesk', 'hi'))).rejects.toMatchObject({ status: 404 });
    expect(sayings(await turns.parley.runTurn(say('reception', 'hi')))).toEqual(['Front desk.']);
    // The old name, now given to another assistant, reaches that one.
    await rest(admin, 'POST', '/v1/Assistants', { UniqueName: 'frontdesk' });
    await rest(admin, 'POST', '/v1/Assistants/frontdesk/Tasks', { UniqueName: 'greet', Actions: JSON.stringify({ actions: [{ say: 'New desk.' }] }) });
    expect(sayings(await turns.parley.runTurn(say('frontdesk', 'hi')))).toEqual(['New desk.']);
  });

  it('stops serving a deleted assistant', async () => {
    await rest(admin, 'POST', '/v1/Assistants', { UniqueName: 'doomed' });
    await rest(admin, 'POST', '/v1/Assistants/doomed/Tasks', { UniqueName: 'greet', Actions: JSON.stringify({ actions: [{ say: 'Still here.' }] }) });
    const sid = (await rest(admin, 'GET', '/v1/Assistants/doomed')).body.sid as string;
    expect(sayings(await turns.parley.runTurn(say(sid, 'hi')))).toEqual(['Still here.']);
    expect((await rest(admin, 'DELETE', '/v1/Assistants/doomed')).status).toBe(204);
    await expect(turns.parley.runTurn(say(sid, 'hi'))).rejects.toMatchObject({ status: 404 });
  });

  it('answers a channel\'s first message after its assistant was deleted and made again under its name', async () => {
    const make = async (words: string): Promise<void> => {
      await rest(admin, 'POST', '/v1/Assistants', { UniqueName: 'again' });
      await rest(admin, 'POST', '/v1/Assistants/again/Tasks', { UniqueName: 'greet', Actions: JSON.stringify({ actions: [{ say: words }] }) });
    };
    const text = async (body: string): Promise<string> => {
      const sent = await twilioPost(turns, `${channelPath('again', 'twilio-messaging')}?TargetTask=greet`, {
        MessageSid: `SM${String(conversation += 1).padStart(32, '0')}`, AccountSid: TEST_ACCOUNT_SID, From: '+15550002222', To: '+15550009999', Body: body, NumMedia: '0',
      });
      expect(sent.status).toBe(200);
      return sent.body;
    };
    await make('First of its name.');
    expect(await text('hi')).toContain('First of its name.');
    expect((await rest(admin, 'DELETE', '/v1/Assistants/again')).status).toBe(204);
    await make('Second of its name.');
    // This process still kept the first one: the message must reach the second, not be lost to a 404.
    expect(await text('hi')).toContain('Second of its name.');
  });
});
