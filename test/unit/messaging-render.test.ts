import { describe, expect, it } from 'vitest';
import { customReplyV2, customResponse } from '../../src/channels/custom/custom-reply.js';
import { MAX_BODY_CHARS, renderMessagingTwiml } from '../../src/channels/sms/messaging-twiml.js';
import { splitText } from '../../src/channels/split-text.js';
import { messageInput } from '../../src/channels/sms/messaging-webhook.js';
import { callInput } from '../../src/channels/voice/voice-webhook.js';
import type { Output, TurnResult } from '../../src/dialogue/turn-types.js';
import { childElements, parseTwiml, text } from '../support/channel-client.js';

const messages = (outputs: Output[], surface: 'sms' | 'whatsapp' = 'sms') =>
  childElements(parseTwiml(renderMessagingTwiml(outputs, surface)), 'Message').map((m) => ({
    body: childElements(m, 'Body').map(text).join(''),
    media: childElements(m, 'Media').map(text),
  }));

const image = (n: number) => ({ url: `https://img.example/${n}.png`, label: `#${n}` });

describe('renderMessagingTwiml', () => {
  it("joins a turn's says and shows into one message, images as media, SSML stripped, play ignored", () => {
    expect(messages([
      { kind: 'say', text: 'Hello <break time="1s"/>there & you' },
      { kind: 'play', url: 'https://a.example/x.mp3' },
      { kind: 'show', body: 'Our menu', images: [image(1), image(2)] },
      { kind: 'say', text: '' },
    ])).toEqual([{ body: 'Hello there & you\nOur menu', media: ['https://img.example/1.png', 'https://img.example/2.png'] }]);
  });

  it('leaves out images whose URL Twilio could not fetch (a template placeholder), keeping the text', () => {
    expect(messages([{ kind: 'show', body: 'Find us here', images: [
      { url: '{INSERT-MAP-URL-TO-PNG-IE-HOSTED-ON-AWS}', label: 'map' }, { url: 'ftp://files.example/a.png' }, { url: 'https://' }, image(3),
    ] }])).toEqual([{ body: 'Find us here', media: ['https://img.example/3.png'] }]);
  });

  it('sends media URLs as parsed: no spaces around them, spaces inside encoded', () => {
    expect(messages([{ kind: 'show', body: 'Pics', images: [{ url: ' https://img.example/space.png ' }, { url: 'https://img.example/a b.png' }] }]))
      .toEqual([{ body: 'Pics', media: ['https://img.example/space.png', 'https://img.example/a%20b.png'] }]);
  });

  it('sends nothing for a turn without output', () => {
    expect(renderMessagingTwiml([], 'sms')).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });

  it('splits a body over 1,600 characters at word breaks, and spreads media past what a message carries', () => {
    const long = Array.from({ length: 400 }, (_, n) => `word${n}`).join(' ');
    const sent = messages([{ kind: 'say', text: long }]);
    expect(sent.length).toBe(2);
    expect(sent.every((m) => Array.from(m.body).length <= MAX_BODY_CHARS)).toBe(true);
    expect(sent.map((m) => m.body).join(' ')).toBe(long);

    const many = Array.from({ length: 12 }, (_, n) => image(n));
    expect(messages([{ kind: 'show', body: 'Pics', images: many }]).map((m) => m.media.length)).toEqual([10, 2]);
    expect(messages([{ kind: 'show', body: 'Pics', images: many.slice(0, 2) }], 'whatsapp')).toEqual([
      { body: 'Pics', media: ['https://img.example/0.png'] },
      { body: '', media: ['https://img.example/1.png'] },
    ]);
  });

  it('splits hard when there is no break, counting UTF-16 units as Twilio does, never halving an emoji', () => {
    expect(splitText('x'.repeat(3300), MAX_BODY_CHARS).map((p) => p.length)).toEqual([1600, 1600, 100]);
    expect(splitText('😀'.repeat(1601), MAX_BODY_CHARS).map((p) => Array.from(p).length)).toEqual([800, 800, 1]);
    // A joined emoji (man, ZWJ, woman, ZWJ, girl) is never cut in two.
    expect(splitText(`${'a'.repeat(1598)}👨‍👩‍👧 end`, MAX_BODY_CHARS)).toEqual(['a'.repeat(1598), '👨‍👩‍👧 end']);
    const odd = splitText(`a${'😀'.repeat(900)}`, MAX_BODY_CHARS);
    expect(odd.map((p) => p.length)).toEqual([1599, 202]);
    expect(odd.join('')).toBe(`a${'😀'.repeat(900)}`);
  });
});

describe('channel inputs', () => {
  it('reads an MMS: its text and its media with types (a photo alone has no text)', () => {
    expect(messageInput({ Body: 'my door', NumMedia: '1', MediaUrl0: 'https://m/1', MediaContentType0: 'image/png' }))
      .toEqual({ kind: 'text', text: 'my door', media: [{ url: 'https://m/1', contentType: 'image/png' }] });
    expect(messageInput({ Body: '', NumMedia: '2', MediaUrl0: 'https://m/1', MediaUrl1: 'https://m/2' }))
      .toEqual({ kind: 'text', text: '', media: [{ url: 'https://m/1' }, { url: 'https://m/2' }] });
    expect(messageInput({ Body: 'hi', NumMedia: 'lots' })).toEqual({ kind: 'text', text: 'hi' });
  });

  it('reads a call request: digits before speech, silence after a Gather, else the start', () => {
    expect(callInput({ Digits: '12', SpeechResult: 'one two' }, true)).toEqual({ kind: 'digits', digits: '12' });
    expect(callInput({ SpeechResult: ' book a room ' }, true)).toEqual({ kind: 'text', text: 'book a room' });
    expect(callInput({ SpeechResult: '' }, true)).toEqual({ kind: 'no-input' });
    // Twilio writes sentences; Autopilot's transcripts (CurrentInput, collect answers) had no closing punctuation.
    expect(callInput({ SpeechResult: 'Sales.' }, true)).toEqual({ kind: 'text', text: 'Sales' });
    expect(callInput({ SpeechResult: 'What is on the menu? ' }, true)).toEqual({ kind: 'text', text: 'What is on the menu' });
    expect(callInput({ SpeechResult: '4.5' }, true)).toEqual({ kind: 'text', text: '4.5' });
    expect(callInput({ SpeechResult: '?' }, true)).toEqual({ kind: 'text', text: '?' });
    expect(callInput({}, false)).toEqual({ kind: 'start' });
  });
});

describe('custom channel reply', () => {
  const turn: TurnResult = {
    dialogueSid: 'UK1', currentTask: 'book', voice: null, memory: { twilio: { 'custom.cli': {} } }, trace: {} as TurnResult['trace'],
    outputs: [{ kind: 'say', text: '<speak>Hi <break time="1s"/>there</speak>' }, { kind: 'play', url: 'https://a/b.mp3', loop: 2 }],
    next: { kind: 'listen', listen: { tasks: ['book'] } },
  };

  it('gives says with speech (as written) and text (plain), the listen options and the dialogue', () => {
    expect(customReplyV2(turn, { accountSid: 'AC1', assistantSid: 'UA1', userIdentifier: 'u1' })).toEqual({
      response: {
        says: [{ speech: '<speak>Hi <break time="1s"/>there</speak>', text: 'Hi there' }],
        shows: [], plays: [{ url: 'https://a/b.mp3', loop: 2 }], listen: { tasks: ['book'] }, collect: null, handoff: null,
      },
      dialogue: { sid: 'UK1', assistant_sid: 'UA1', account_sid: 'AC1', current_task: 'book', user_identifier: 'u1', status: 'active', memory: turn.memory },
    });
  });

  it('says listen false and the handoff once the dialogue is over', () => {
    const handoff = { channel: 'voice' as const, uri: 'https://example.com/agent' };
    expect(customResponse({ outputs: [], next: { kind: 'handoff', handoff } })).toMatchObject({ listen: false, handoff });
    expect(customResponse({ outputs: [], next: { kind: 'end' } })).toMatchObject({ listen: false, collect: null });
  });
});
