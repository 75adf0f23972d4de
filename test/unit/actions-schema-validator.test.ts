import { describe, expect, it } from 'vitest';
import { checkActions, checkDefaults, checkStyleSheet } from '../../src/actions/actions-schema-validator.js';
import type { ActionsDocument, DefaultsDocument, StyleSheetDocument } from '../../src/actions/action-types.js';

const doc = (...actions: unknown[]): unknown => ({ actions });
const collect = (question: Record<string, unknown>): unknown => ({
  collect: { name: 'c', questions: [{ question: 'q?', name: 'q', ...question }], on_complete: { redirect: 'task://done' } },
});

// Typed as ActionsDocument so the types in action-types.ts are checked against the same fixtures.
const validActions: Array<[string, ActionsDocument]> = [
  ['empty actions array', { actions: [] }],
  ['say string', { actions: [{ say: 'Hello' }] }],
  ['say empty string (say nothing)', { actions: [{ say: '' }] }],
  ['say {speech}', { actions: [{ say: { speech: 'Hello' } }] }],
  ['play url only', { actions: [{ play: { url: 'https://example.com/a.mp3' } }] }],
  ['play url, loop, digits', { actions: [{ play: { url: 'https://example.com/a.mp3', loop: 0, digits: '1w2#' } }] }],
  ['show body', { actions: [{ show: { body: 'Hi' } }] }],
  ['show images with and without label', {
    actions: [{ show: { body: 'Owls', images: [{ label: 'Owl', url: 'https://demo.twilio.com/owl.png' }, { url: 'x' }] } }],
  }],
  ['listen true', { actions: [{ listen: true }] }],
  ['listen false', { actions: [{ listen: false }] }],
  ['listen with every option', {
    actions: [{
      listen: {
        tasks: ['search-for-product', 'checkout'],
        voice_digits: { num_digits: 1, finish_on_key: '#', redirects: { '1': 'task://balance', '2': 'https://e.com/agent' } },
        barge: false,
      },
    }],
  }],
  ['remember any JSON values', { actions: [{ remember: { s: 'x', n: 1, o: { deep: [1, null] }, z: null, b: true } }] }],
  ['redirect task', { actions: [{ redirect: 'task://customer-satisfaction-survey' }] }],
  ['redirect URL', { actions: [{ redirect: 'https://example.com/actions' }] }],
  ['redirect empty placeholder', { actions: [{ redirect: '' }] }],
  ['redirect {uri, method} lower-case method', { actions: [{ redirect: { uri: 'https://e.com/a', method: 'get' } }] }],
  ['redirect {uri} without method', { actions: [{ redirect: { uri: 'task://x' } }] }],
  ['handoff TwiML URL', {
    actions: [{
      handoff: {
        channel: 'voice', uri: 'https://e.com/twiml', method: 'POST',
        voice_status_callback_url: 'https://e.com/status', voice_status_callback_method: 'GET',
      },
    }],
  }],
  ['handoff TaskRouter, priority/timeout as strings', {
    actions: [{
      handoff: {
        channel: 'voice', uri: 'taskrouter://WW0123', wait_url: 'https://e.com/hold', wait_url_method: 'GET',
        action: 'https://e.com/after', priority: '5', timeout: '200',
      },
    }],
  }],
  ['handoff priority/timeout as integers', { actions: [{ handoff: { channel: 'voice', uri: '', priority: 5, timeout: 0 } }] }],
  ['collect, minimal, {uri, method} on_complete', {
    actions: [{
      collect: {
        name: 'c', questions: [{ question: 'Name?', name: 'first_name' }],
        on_complete: { redirect: { uri: 'https://e.com/done', method: 'POST' } },
      },
    }],
  }],
  ['collect with every question option', {
    actions: [{
      collect: {
        name: 'travel_questions',
        questions: [{
          question: { say: 'Which city?' }, name: 'trip_start', type: 'Twilio.CITY', prefill: 'trip_start',
          voice_digits: { num_digits: 5, finish_on_key: '#' }, barge: false,
          validate: {
            allowed_values: { list: ['New York', 'SF'] },
            webhook: { url: 'https://e.com/validate', method: 'POST' },
            on_failure: { messages: [{ say: 'Not a city.' }, { say: { speech: 'SF or New York?' } }], repeat_question: true },
            on_success: { say: '' },
            max_attempts: { redirect: 'task://having-trouble', num_attempts: 3 },
          },
          confirm: {
            messages: [{ say: 'You said {trip_start}, correct?' }],
            on_confirm: { say: 'Great.' },
            on_reject: { messages: [{ say: 'OK, again.' }] },
            max_attempts: { redirect: { uri: 'task://agent' }, num_attempts: 2 },
          },
        }],
        on_complete: { redirect: 'task://book' },
      },
    }],
  }],
  ['say then redirect (output before a transitional action)', { actions: [{ say: 'Ok' }, { redirect: 'task://x' }] }],
];

const invalidActions: Array<[string, unknown, string, RegExp]> = [
  ['string document', 'say hi', '', /^document: expected an object like \{"actions": \[\.\.\.\]\}, got "say hi"/],
  ['array document', [{ say: 'x' }], '', /^document: .* got an array/],
  ['null document', null, '', /^document: .* got null/],
  ['missing actions', {}, '', /^document: missing required property "actions"/],
  ['extra top-level key', { actions: [], memory: {} }, '', /^document: unknown property "memory"/],
  ['non-array actions', { actions: { say: 'x' } }, 'actions', /^actions: expected an array, got an object/],
  ['action not an object', doc('say'), 'actions[0]', /^actions\[0\]: expected an action object/],
  ['unknown action', doc({ say: 'x' }, { sya: 'y' }), 'actions[1]',
    /^actions\[1\]: unknown action "sya" \(expected one of say, play, show, listen, collect, remember, redirect, handoff\)$/],
  ['two keys in one action', doc({ say: 'x', listen: true }), 'actions[0]', /^actions\[0\]: .*exactly one key.*found 2 keys \(say, listen\)/],
  ['two keys, one unknown', doc({ say: 'x', lisen: true }), 'actions[0]', /^actions\[0\]: unknown action "lisen"/],
  ['empty action object', doc({}), 'actions[0]', /^actions\[0\]: .*found no keys/],
  ['say number', doc({ say: 42 }), 'actions[0].say', /^actions\[0\]\.say: expected a string or \{"speech": string\}, got number 42/],
  ['say object without speech', doc({ say: { text: 'x' } }), 'actions[0].say', /missing required property "speech"/],
  ['play without url', doc({ play: { loop: 2 } }), 'actions[0].play', /missing required property "url"/],
  ['play negative loop', doc({ play: { url: 'u', loop: -1 } }), 'actions[0].play.loop', /^actions\[0\]\.play\.loop: /],
  ['show without body', doc({ show: { images: [] } }), 'actions[0].show', /missing required property "body"/],
  ['show image without url', doc({ show: { body: 'b', images: [{ label: 'l' }] } }), 'actions[0].show.images[0]',
    /missing required property "url"/],
  ['listen string', doc({ listen: 'yes' }), 'actions[0].listen', /expected true, false or \{tasks, voice_digits, barge\}, got "yes"/],
  ['listen unknown option', doc({ listen: { taks: ['a'] } }), 'actions[0].listen', /unknown property "taks" \(allowed: tasks, voice_digits, barge\)/],
  ['listen tasks not an array', doc({ listen: { tasks: 'a' } }), 'actions[0].listen.tasks', /expected an array/],
  ['listen digit key not a digit', doc({ listen: { voice_digits: { redirects: { a: 'task://x' } } } }),
    'actions[0].listen.voice_digits.redirects', /invalid digit key "a"/],
  ['listen digit redirect not a target', doc({ listen: { voice_digits: { redirects: { '1': 'agent' } } } }),
    'actions[0].listen.voice_digits.redirects["1"]', /redirects\["1"\]: expected a task:\/\//],
  ['redirect bare task name', doc({ redirect: 'agent' }), 'actions[0].redirect', /^actions\[0\]\.redirect: expected a task:\/\/name .*got "agent"/],
  ['redirect number', doc({ redirect: 5 }), 'actions[0].redirect', /got number 5/],
  ['redirect object without uri', doc({ redirect: { url: 'task://x' } }), 'actions[0].redirect', /missing required property "uri"/],
  ['redirect object bad method', doc({ redirect: { uri: 'task://x', method: 'PUT' } }), 'actions[0].redirect.method',
    /expected GET or POST, got "PUT"/],
  ['redirect object extra key', doc({ redirect: { uri: 'task://x', methd: 'GET' } }), 'actions[0].redirect', /unknown property "methd"/],
  ['remember array', doc({ remember: ['a'] }), 'actions[0].remember', /expected an object, got an array/],
  ['handoff without uri', doc({ handoff: { channel: 'voice' } }), 'actions[0].handoff', /missing required property "uri"/],
  ['handoff sms channel', doc({ handoff: { channel: 'sms', uri: '' } }), 'actions[0].handoff.channel', /expected one of "voice", got "sms"/],
  ['handoff priority words', doc({ handoff: { channel: 'voice', uri: '', priority: 'high' } }), 'actions[0].handoff.priority',
    /non-negative integer or a string of digits/],
  ['handoff timeout float', doc({ handoff: { channel: 'voice', uri: '', timeout: 1.5 } }), 'actions[0].handoff.timeout', /timeout: /],
  ['collect missing name', doc({ collect: { questions: [{ question: 'q', name: 'q' }], on_complete: { redirect: '' } } }),
    'actions[0].collect', /^actions\[0\]\.collect: missing required property "name"$/],
  ['collect missing on_complete', doc({ collect: { name: 'c', questions: [{ question: 'q', name: 'q' }] } }),
    'actions[0].collect', /missing required property "on_complete"/],
  ['collect name with spaces', doc({ collect: { name: 'my form', questions: [{ question: 'q', name: 'q' }], on_complete: { redirect: '' } } }),
    'actions[0].collect.name', /without spaces, got "my form"/],
  ['collect no questions', doc({ collect: { name: 'c', questions: [], on_complete: { redirect: '' } } }),
    'actions[0].collect.questions', /at least 1 item/],
  ['question missing name', doc({ collect: { name: 'c', questions: [{ question: 'q' }], on_complete: { redirect: '' } } }),
    'actions[0].collect.questions[0]', /^actions\[0\]\.collect\.questions\[0\]: missing required property "name"$/],
  ['question prompt as number', doc(collect({ question: 7 })), 'actions[0].collect.questions[0].question', /expected a string or \{"say": text\}/],
  ['question unknown option', doc(collect({ prefil: 'x' })), 'actions[0].collect.questions[0]', /unknown property "prefil"/],
  ['validate list not an array', doc(collect({ validate: { allowed_values: { list: 'a' } } })),
    'actions[0].collect.questions[0].validate.allowed_values.list', /expected an array/],
  ['validate on_failure message not a say-object', doc(collect({ validate: { on_failure: { messages: ['x'] } } })),
    'actions[0].collect.questions[0].validate.on_failure.messages[0]', /expected \{"say": text\}, got "x"/],
  ['validate max_attempts as number', doc(collect({ validate: { max_attempts: 3 } })),
    'actions[0].collect.questions[0].validate.max_attempts', /expected an object, got number 3/],
  ['validate webhook without url', doc(collect({ validate: { webhook: { method: 'POST' } } })),
    'actions[0].collect.questions[0].validate.webhook', /missing required property "url"/],
  ['barge as string', doc(collect({ barge: 'no' })), 'actions[0].collect.questions[0].barge', /expected a boolean/],
  ['confirm messages not an array', doc(collect({ confirm: { messages: { say: 'x' } } })),
    'actions[0].collect.questions[0].confirm.messages', /expected an array/],
  ['question digit mapping key not a digit', doc(collect({ voice_digits: { mapping: { one: 'sales' } } })),
    'actions[0].collect.questions[0].voice_digits.mapping', /invalid digit key "one"/],
  ['question digit mapped to a number', doc(collect({ voice_digits: { mapping: { '1': 1 } } })),
    'actions[0].collect.questions[0].voice_digits.mapping["1"]', /expected a string/],
  ['two questions of one name (the second answer would overwrite the first)',
    doc({ say: 'hi' }, { collect: { name: 'c', questions: [{ question: 'age?', name: 'x' }, { question: 'name?', name: 'y' }, { question: 'city?', name: 'x' }], on_complete: { redirect: '' } } }),
    'actions[1].collect.questions[2].name', /^actions\[1\]\.collect\.questions\[2\]\.name: another question of this collect is named "x"/],
  ['listen digit mapping (only questions answer with one)', doc({ listen: { voice_digits: { mapping: { '1': 'sales' } } } }),
    'actions[0].listen.voice_digits', /unknown property "mapping"/],
];

describe('checkActions', () => {
  it.each(validActions)('accepts %s', (_name, input) => {
    expect(checkActions(input)).toEqual({ ok: true });
  });

  it('accepts a question\'s voice_digits.mapping, digit -> answer (twilio-labs/sample-autopilot-voice-ivr)', () => {
    const question = { voice_digits: { num_digits: 1, mapping: { '1': 'sales', '2': 'support', '*': 'operator' } } };
    expect(checkActions(doc(collect(question)))).toEqual({ ok: true }); // unknown property "mapping"
  });

  it.each(invalidActions)('rejects %s', (_name, input, path, message) => {
    const result = checkActions(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.path).toBe(path);
    expect(result.message).toMatch(message);
    expect(result.message.startsWith(path === '' ? 'document: ' : `${path}: `)).toBe(true);
    expect(result.message).not.toContain('\n');
  });
});

const validDefaults: Array<[string, DefaultsDocument]> = [
  ['no defaults', {}],
  ['every target', {
    defaults: { assistant_initiation: 'task://greeting', fallback: 'https://e.twil.io/fallback', collect: { validate_on_failure: 'task://f' } },
  }],
  ['only fallback, empty target', { defaults: { fallback: '' } }],
];

const invalidDefaults: Array<[string, unknown, string, RegExp]> = [
  ['a string', 'task://x', '', /^document: expected an object like \{"defaults"/],
  ['unwrapped defaults', { fallback: 'task://x' }, '', /unknown property "fallback" \(allowed: defaults\)/],
  ['bare task name', { defaults: { fallback: 'fallback' } }, 'defaults.fallback', /got "fallback"/],
  ['redirect object as target', { defaults: { fallback: { uri: 'task://x' } } }, 'defaults.fallback', /got an object/],
  ['unknown default', { defaults: { timeout: 'task://x' } }, 'defaults', /unknown property "timeout"/],
  ['bad collect target', { defaults: { collect: { validate_on_failure: 3 } } }, 'defaults.collect.validate_on_failure', /got number 3/],
];

describe('checkDefaults', () => {
  it.each(validDefaults)('accepts %s', (_name, input) => {
    expect(checkDefaults(input)).toEqual({ ok: true });
  });

  it.each(invalidDefaults)('rejects %s', (_name, input, path, message) => {
    const result = checkDefaults(input);
    expect(result).toMatchObject({ ok: false, path });
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

const validStyleSheets: Array<[string, StyleSheetDocument]> = [
  ['no style sheet', {}],
  ['voice only', { style_sheet: { voice: { say_voice: 'Polly.Salli' } } }],
  ['everything, normalized say objects, empty name', {
    style_sheet: {
      name: '',
      voice: { say_voice: 'Polly.Matthew' },
      collect: {
        validate: {
          on_failure: { messages: [{ say: 'Again?' }, { say: { speech: 'One more time?' } }], repeat_question: false },
          on_success: { say: { speech: '' } },
          max_attempts: 4,
        },
      },
    },
  }],
];

const invalidStyleSheets: Array<[string, unknown, string, RegExp]> = [
  ['an array', [], '', /^document: expected an object like \{"style_sheet"/],
  ['question-level max_attempts object', { style_sheet: { collect: { validate: { max_attempts: { num_attempts: 3 } } } } },
    'style_sheet.collect.validate.max_attempts', /expected an integer, got an object/],
  ['max_attempts as string', { style_sheet: { collect: { validate: { max_attempts: '4' } } } },
    'style_sheet.collect.validate.max_attempts', /got "4"/],
  ['voice as string', { style_sheet: { voice: 'Polly.Amy' } }, 'style_sheet.voice', /expected an object/],
  ['empty say_voice', { style_sheet: { voice: { say_voice: '' } } }, 'style_sheet.voice.say_voice', /must not be empty/],
  ['on_success without say', { style_sheet: { collect: { validate: { on_success: {} } } } },
    'style_sheet.collect.validate.on_success', /missing required property "say"/],
  ['unknown section', { style_sheet: { sms: {} } }, 'style_sheet', /unknown property "sms"/],
];

describe('checkStyleSheet', () => {
  it.each(validStyleSheets)('accepts %s', (_name, input) => {
    expect(checkStyleSheet(input)).toEqual({ ok: true });
  });

  it.each(invalidStyleSheets)('rejects %s', (_name, input, path, message) => {
    const result = checkStyleSheet(input);
    expect(result).toMatchObject({ ok: false, path });
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
