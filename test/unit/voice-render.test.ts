import { describe, expect, it } from 'vitest';
import type { TurnResult } from '../../src/dialogue/turn-types.js';
import { apologyTwiml } from '../../src/channels/channel-errors.js';
import { TurnDeadlineError, withDeadline } from '../../src/dialogue/turn-deadline.js';
import { plainText, ssmlNodes } from '../../src/channels/voice/ssml-say.js';
import { renderVoiceTwiml } from '../../src/channels/voice/voice-twiml.js';
import { parseXmlFragment } from '../../src/channels/xml-fragment.js';
import { childElements, only, parseTwiml, text, verbs } from '../support/channel-client.js';

const URL_BACK = 'https://bots.example.com/v1/AC1/pizza/twilio-voice?Gathered=true';
type Rendered = Pick<TurnResult, 'outputs' | 'next' | 'voice' | 'memory' | 'language'>;
const result = (over: Partial<Rendered>): Rendered => ({ outputs: [], next: { kind: 'end' }, voice: null, memory: {}, ...over });
const render = (over: Partial<Rendered>) => parseTwiml(renderVoiceTwiml(result(over), URL_BACK));

describe('renderVoiceTwiml', () => {
  it('asks Twilio for speech in the dialogue\'s language as Twilio spells tags (es-MX), English by default', () => {
    const listen = { kind: 'listen' as const, listen: {} };
    expect(only(render({ next: listen, language: 'es-mx' }), 'Gather').attributes.language).toBe('es-MX');
    expect(only(render({ next: listen, language: 'fr-FR' }), 'Gather').attributes.language).toBe('fr-FR');
    expect(only(render({ next: listen, language: 'en-us' }), 'Gather').attributes.language).toBeUndefined();
  });

  it('wraps the prompts of a listen in a Gather and follows it with the no-input Redirect', () => {
    const root = render({
      outputs: [{ kind: 'say', text: 'Hi & welcome <3' }, { kind: 'play', url: 'https://x.example/a.mp3?x=1&y=2', loop: 2 }, { kind: 'show', body: 'not spoken', images: [] }],
      next: { kind: 'listen', listen: { barge: false, voice_digits: { finish_on_key: '*', redirects: { 11: 'task://a', 22: 'task://b' } } } },
      voice: 'Polly.Amy',
    });
    expect(verbs(root)).toEqual(['Gather', 'Redirect']);
    const gather = only(root, 'Gather');
    expect(gather.attributes).toEqual({
      input: 'speech dtmf', action: URL_BACK, method: 'POST', speechTimeout: 'auto', bargeIn: 'false', numDigits: '2', finishOnKey: '*',
    });
    expect(verbs(gather)).toEqual(['Say', 'Play']);
    expect(only(gather, 'Say')).toMatchObject({ attributes: { voice: 'Polly.Amy' } });
    expect(text(only(gather, 'Say'))).toBe('Hi & welcome <3');
    expect(only(gather, 'Play').attributes).toEqual({ loop: '2' });
    expect(text(only(gather, 'Play'))).toBe('https://x.example/a.mp3?x=1&y=2');
    expect(text(only(root, 'Redirect'))).toBe(URL_BACK);
  });

  it('asks a collect question with its voice digits and speech hints', () => {
    const root = render({
      outputs: [{ kind: 'say', text: 'Shall I book it?' }],
      next: { kind: 'collect', question: { collect: 'c', question: 'Shall I book it?', type: 'Twilio.YES_NO', voiceDigits: { num_digits: 1 } } },
    });
    expect(only(root, 'Gather').attributes).toMatchObject({ numDigits: '1', hints: 'yes, no', bargeIn: 'true' });
  });

  it('lets a question take more digits than its redirect keys, and keeps # for a key that holds it', () => {
    const question = render({
      next: { kind: 'collect', question: { collect: 'c', question: 'Account number?', type: 'Twilio.NUMBER_SEQUENCE', voiceDigits: { redirects: { 0: 'task://agent' } } } },
    });
    expect(only(question, 'Gather').attributes).not.toHaveProperty('numDigits');
    const menu = render({ next: { kind: 'listen', listen: { voice_digits: { redirects: { 1: 'task://a', '#': 'task://again' } } } } });
    expect(only(menu, 'Gather').attributes).toMatchObject({ numDigits: '1', finishOnKey: '' });
    const explicit = render({ next: { kind: 'listen', listen: { voice_digits: { finish_on_key: '*', redirects: { '#': 'task://again' } } } } });
    expect(only(explicit, 'Gather').attributes).toMatchObject({ finishOnKey: '*' });
  });

  it('says a long plain text as several Says of at most 3,000 characters, cut between words', () => {
    const long = `${'word '.repeat(999)}end`;
    const says = childElements(render({ outputs: [{ kind: 'say', text: long }], voice: 'Polly.Joanna' }), 'Say');
    expect(says.map((say) => text(say).length)).toEqual([2999, 1998]);
    expect(says.map((say) => text(say)).join(' ')).toBe(long);
    expect(says.every((say) => say.attributes.voice === 'Polly.Joanna')).toBe(true);
  });

  it('hangs up after the last words, and plays DTMF digits', () => {
    const root = render({ outputs: [{ kind: 'say', text: 'Bye.' }, { kind: 'play', url: '', digits: 'ww12' }] });
    expect(verbs(root)).toEqual(['Say', 'Play', 'Hangup']);
    expect(only(root, 'Play').attributes).toEqual({ digits: 'ww12' });
  });

  it('hands off to a TwiML URL with its method, to TaskRouter with the memory, and hangs up on anything else', () => {
    const url = render({ next: { kind: 'handoff', handoff: { channel: 'voice', uri: 'https://example.com/twiml', method: 'GET' } } });
    expect(verbs(url)).toEqual(['Redirect']);
    expect(only(url, 'Redirect').attributes).toEqual({ method: 'GET' });

    const memory = { twilio: { voice: { CallSid: 'CA1' } }, name: 'Ana <3' };
    const queue = render({
      next: { kind: 'handoff', handoff: { channel: 'voice', uri: 'taskrouter://WW0123456789abcdef0123456789abcdef', wait_url: 'https://example.com/hold', action: 'https://example.com/after', priority: 'high', timeout: 30 } },
      memory,
    });
    const enqueue = only(queue, 'Enqueue');
    expect(enqueue.attributes).toEqual({
      workflowSid: 'WW0123456789abcdef0123456789abcdef', waitUrl: 'https://example.com/hold', waitUrlMethod: 'POST', action: 'https://example.com/after',
    });
    expect(only(enqueue, 'Task').attributes).toEqual({ timeout: '30' });
    expect(JSON.parse(text(only(enqueue, 'Task')))).toEqual(memory);

    expect(verbs(render({ next: { kind: 'handoff', handoff: { channel: 'voice', uri: 'sip:agent@example.com' } } }))).toEqual(['Hangup']);
    // TwiML wants GET / POST in capitals; a lower-case taskrouter:// scheme still names the workflow.
    const lower = render({ next: { kind: 'handoff', handoff: { channel: 'voice', uri: 'https://example.com/twiml', method: 'get' } } });
    expect(only(lower, 'Redirect').attributes).toEqual({ method: 'GET' });
    const shouting = render({ next: { kind: 'handoff', handoff: { channel: 'voice', uri: 'TASKROUTER://WW0123456789abcdef0123456789abcdef', wait_url: 'https://example.com/hold', wait_url_method: 'get' } } });
    expect(only(shouting, 'Enqueue').attributes).toMatchObject({ workflowSid: 'WW0123456789abcdef0123456789abcdef', waitUrlMethod: 'GET' });
  });
});

describe('SSML in say text', () => {
  it('becomes SSML elements under <Say>, with text and attributes still escaped', () => {
    const root = render({ outputs: [{ kind: 'say', text: '<speak>Hello <prosody rate="slow">Tom &amp; Jerry</prosody><break time="1s"/> <say-as interpret-as="digits">123</say-as></speak>' }] });
    const say = only(root, 'Say');
    expect(childElements(say).map((e) => e.name)).toEqual(['prosody', 'break', 'say-as']);
    expect(text(only(say, 'prosody'))).toBe('Tom & Jerry');
    expect(only(say, 'say-as').attributes).toEqual({ 'interpret-as': 'digits' });
    expect(renderVoiceTwiml(result({ outputs: [{ kind: 'say', text: 'A <emphasis>B & C</emphasis>' }] }), URL_BACK)).toContain('<emphasis>B &amp; C</emphasis>');
  });

  it.each([
    ['plain text', 'No markup here', null],
    ['a tag that is not SSML', 'Press <b>1</b>', null],
    ['tags that do not nest', 'Say <emphasis>this</prosody>', null],
    ['a comparison', '5 < 6 and 7 > 3', null],
  ])('leaves %s as text (escaped by the builder)', (_label, input, expected) => {
    expect(ssmlNodes(input)).toBe(expected);
    const say = only(render({ outputs: [{ kind: 'say', text: input }] }), 'Say');
    expect(childElements(say)).toEqual([]);
    expect(text(say)).toBe(input);
  });

  it('gives plain words for text surfaces', () => {
    expect(plainText('<speak>One <break time="1s"/>two</speak>')).toBe('One two');
    expect(plainText('Tom & Jerry')).toBe('Tom & Jerry');
    // A pause or a block in speech keeps the words around it apart in text.
    expect(plainText('Hello<break time="1s"/>world. <emphasis>Really</emphasis>')).toBe('Hello world. Really');
    expect(plainText('<speak><p>First para.</p><p>Second para.</p></speak>')).toBe('First para. Second para.');
    expect(plainText('Line one<break/>Line two<s>Sentence</s><s>Another</s>')).toBe('Line one Line two Sentence Another');
    expect(plainText('<speak>Say &constructor; and &toString; &amp; more</speak>')).toBe('Say &constructor; and &toString; & more');
  });
});

describe('parseXmlFragment', () => {
  it('reads elements, attributes, entities, comments and CDATA, and refuses bad nesting', () => {
    expect(parseXmlFragment('<?xml version="1.0"?><a x=\'1\' y="&lt;2&gt;">t&#x21;<!-- c --><b/><![CDATA[<raw>]]></a>')).toEqual([
      { kind: 'element', name: 'a', attributes: { x: '1', y: '<2>' }, children: [{ kind: 'text', text: 't!' }, { kind: 'element', name: 'b', attributes: {}, children: [] }, { kind: 'text', text: '<raw>' }] },
    ]);
    expect(parseXmlFragment('<a><b></a></b>')).toBeNull();
    expect(parseXmlFragment('<a>')).toBeNull();
    expect(parseXmlFragment('AT&T < 5')).toEqual([{ kind: 'text', text: 'AT&T < 5' }]);
  });
});

describe('failure replies', () => {
  it('apologise in each Twilio surface\'s own TwiML', () => {
    const voice = parseTwiml(apologyTwiml('voice'));
    expect(verbs(voice)).toEqual(['Say', 'Hangup']);
    expect(text(only(voice, 'Say'))).toMatch(/^Sorry/);
    const sms = parseTwiml(apologyTwiml('messaging'));
    expect(text(only(only(sms, 'Message'), 'Body'))).toMatch(/^Sorry/);
  });

  it('stop waiting for a turn at the deadline', async () => {
    await expect(withDeadline(new Promise(() => undefined), 20)).rejects.toBeInstanceOf(TurnDeadlineError);
    await expect(withDeadline(Promise.resolve('ok'), 1000)).resolves.toBe('ok');
    // A turn failing after its deadline does not surface as an unhandled rejection.
    const late = new Promise((_resolve, reject) => setTimeout(() => reject(new Error('late')), 30));
    await expect(withDeadline(late, 5)).rejects.toBeInstanceOf(TurnDeadlineError);
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
});
