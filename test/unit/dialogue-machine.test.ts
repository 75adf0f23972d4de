import { describe, expect, it } from 'vitest';
import { MachineDriver } from '../support/machine-driver.js';

const listen = { listen: true };

describe('dialogue machine (pure)', () => {
  it('runs actions in order, stops at a transitional action, and ends without listen', () => {
    const bot = new MachineDriver({
      tasks: {
        hi: { actions: [{ say: 'one' }, { say: { speech: 'two' } }, { remember: { seen: 1 } }, { redirect: 'task://bye' }, { say: 'never' }] },
        bye: { actions: [{ say: 'bye' }] },
      },
      intents: { hello: 'hi' },
    });
    const turn = bot.turn('hello');
    expect(turn.says).toEqual(['one', 'two', 'bye']);
    expect(turn.memory.seen).toBe(1);
    expect(turn.next).toEqual({ kind: 'end' });
    expect(turn.state).toBe('ended');
    expect(turn.trace.actions).toEqual(['say', 'say', 'remember', 'redirect', 'say']);
    // INPUT, UNDERSTOOD, RESOLVED (hi), RESOLVED (bye); the driver checked both runs ended alike.
    expect(bot.steps).toEqual({ plain: 4, early: 3 });
  });

  it('keeps listening with listen, and restricts the next input to listen.tasks', () => {
    const bot = new MachineDriver({
      tasks: { menu: { actions: [{ say: 'pick' }, { listen: { tasks: ['pizza'] } }] }, pizza: { actions: [{ say: 'pizza!' }] }, pasta: { actions: [{ say: 'pasta!' }] }, fallback: { actions: [{ say: 'only pizza here' }, listen] } },
      intents: { menu: 'menu', pasta: 'pasta', pizza: 'pizza' },
      defaults: { defaults: { fallback: 'task://fallback' } },
    });
    expect(bot.turn('menu').next).toEqual({ kind: 'listen', listen: { tasks: ['pizza'] } });
    expect(bot.turn('pasta').says).toEqual(['only pizza here']);
    expect(bot.turn('pizza').says).toEqual(['pizza!']);
  });

  it('treats listen: false as no listen', () => {
    const bot = new MachineDriver({ tasks: { t: { actions: [{ say: 'x' }, { listen: false }] } }, intents: { go: 't' } });
    expect(bot.turn('go').next).toEqual({ kind: 'end' });
  });

  it('maps pressed digits through listen.voice_digits.redirects without the NLU', () => {
    const bot = new MachineDriver({
      tasks: { menu: { actions: [{ say: 'press 1' }, { listen: { voice_digits: { num_digits: 1, redirects: { 1: 'task://sales' } } } }] }, sales: { actions: [{ say: 'sales' }] } },
      intents: { start: 'menu' },
    });
    bot.turn('start');
    const pressed = bot.turn({ kind: 'digits', digits: '1' });
    expect(pressed.says).toEqual(['sales']);
    expect(pressed.trace.task).toBe('sales');
  });

  it('stops after five redirects in one turn and keeps listening', () => {
    const bot = new MachineDriver({ tasks: { loop: { actions: [{ say: 'again' }, { redirect: 'task://loop' }] } }, intents: { go: 'loop' } });
    const turn = bot.turn('go');
    expect(turn.says).toHaveLength(6);
    expect(turn.trace.problems.map((p) => p.code)).toEqual([90107]);
    expect(turn.next).toEqual({ kind: 'listen', listen: {} });
  });

  it('falls back on an unknown task or a failed URL, and listens when the fallback itself fails', () => {
    const bot = new MachineDriver({
      tasks: { a: { actions: [{ redirect: 'task://missing' }] }, b: { actions: [{ redirect: 'https://example.com/down' }] }, fallback: { actions: [{ say: 'fallback' }, listen] } },
      intents: { a: 'a', b: 'b' },
      urls: { 'https://example.com/down': 'fail' },
      defaults: { defaults: { fallback: 'task://fallback' } },
    });
    expect(bot.turn('a')).toMatchObject({ says: ['fallback'], trace: { problems: [{ code: 90108 }] } });
    expect(bot.turn('b')).toMatchObject({ says: ['fallback'], trace: { problems: [{ code: 11217 }] } });
    const broken = new MachineDriver({ tasks: {}, intents: {}, defaults: { defaults: { fallback: 'https://example.com/down' } }, urls: { 'https://example.com/down': 'fail' } });
    expect(broken.turn('anything')).toMatchObject({ says: [], next: { kind: 'listen' } });
  });

  it('refuses a remember that would pass the memory limit, keeping memory as it was', () => {
    const bot = new MachineDriver({
      tasks: { big: { actions: [{ remember: { small: 'ok' } }, { remember: { huge: 'x'.repeat(500) } }, { say: 'still here' }, listen] } },
      intents: { go: 'big' },
      memoryLimitBytes: 300,
    });
    const turn = bot.turn('go');
    expect(turn.memory.small).toBe('ok');
    expect(turn.memory.huge).toBeUndefined();
    expect(turn.says).toEqual(['still here']);
    expect(turn.trace.problems.map((p) => p.code)).toEqual([90109]);
  });

  it('counts only remembered keys toward the memory limit, not the channel\'s parameters', () => {
    const bot = new MachineDriver({
      tasks: { big: { actions: [{ remember: { kept: 'y'.repeat(200) } }, { say: 'kept' }, listen] } },
      intents: { go: 'big' },
      memoryLimitBytes: 300,
      // A long SMS: its Body sits in twilio.sms, Parley's, not the customer's to fit.
      channelMemory: { From: '+15550001111', Body: 'x'.repeat(400) },
    });
    const turn = bot.turn('go');
    expect((turn.memory.twilio as { sms: { Body: string } }).sms.Body).toHaveLength(400);
    expect(turn.memory.kept).toHaveLength(200);
    expect(turn.trace.problems).toEqual([]);
  });

  it('collects with on_failure messages rotating by attempt, style sheet defaults and max attempts', () => {
    const bot = new MachineDriver({
      tasks: {
        order: { actions: [{ collect: { name: 'order', questions: [{ question: 'How many?', name: 'n', type: 'Twilio.NUMBER' }], on_complete: { redirect: 'task://done' } } }] },
        done: { actions: [{ say: 'done' }] },
        trouble: { actions: [{ say: 'let me get help' }] },
      },
      intents: { order: 'order' },
      styleSheet: { style_sheet: { collect: { validate: { on_failure: { messages: [{ say: 'Sorry?' }, { say: 'A number please.' }], repeat_question: true }, max_attempts: 3 } } } },
      defaults: { defaults: { collect: { validate_on_failure: 'task://trouble' } } },
    });
    expect(bot.turn('order').says).toEqual(['How many?']);
    expect(bot.turn('lots').says).toEqual(['Sorry?', 'How many?']);
    expect(bot.turn('many').says).toEqual(['A number please.', 'How many?']);
    const gaveUp = bot.turn('heaps');
    expect(gaveUp.says).toEqual(['let me get help']);
    expect(gaveUp.memory).toMatchObject({ twilio: { collected_data: { order: { status: 'in-progress', answers: { n: { attempts: 3, filled: false } } } } } });
  });

  it('prefills from the triggering utterance, validates it, and confirms an answer', () => {
    const bot = new MachineDriver({
      tasks: {
        book: { actions: [{ collect: { name: 'b', questions: [
          { question: 'Nights?', name: 'nights', type: 'Twilio.NUMBER', prefill: 'nights' },
          { question: 'Name?', name: 'name', confirm: { messages: [{ say: 'You are {name}, right?' }], on_confirm: { say: 'Thanks.' }, on_reject: { messages: [{ say: 'Oops.' }] } } },
        ], on_complete: { redirect: 'task://done' } } }] },
        done: { actions: [{ say: 'booked' }] },
      },
      intents: { 'book 2 nights': 'book' },
      fields: { 'book 2 nights': [{ name: 'nights', value: '2', type: 'Twilio.NUMBER' }] },
    });
    expect(bot.turn('book 2 nights').says).toEqual(['Name?']);
    expect(bot.turn('Ada').says).toEqual(['You are Ada, right?']);
    expect(bot.turn('no').says).toEqual(['Oops.', 'Name?']);
    expect(bot.turn('Grace').says).toEqual(['You are Grace, right?']);
    const done = bot.turn('yes');
    expect(done.says).toEqual(['Thanks.', 'booked']);
    expect(done.memory).toMatchObject({ twilio: { collected_data: { b: { status: 'complete', answers: {
      nights: { answer: '2', filled: true, attempts: 1 }, name: { answer: 'Grace', confirmed: true, confirm_attempts: 2 },
    } } } } });
  });

  it('asks a confirmation for one key (1 yes, 2 no), not the question\'s own digits', () => {
    const bot = new MachineDriver({
      tasks: {
        zip: { actions: [{ collect: { name: 'z', questions: [
          { question: 'Your zip code?', name: 'zip', voice_digits: { num_digits: 5 }, confirm: { messages: [{ say: '{zip}: press 1 to confirm, 2 to change it.' }], on_confirm: { say: 'Got it.' }, on_reject: { messages: [{ say: 'Again.' }] } } },
        ], on_complete: { redirect: 'task://done' } } }] },
        done: { actions: [{ say: 'done' }] },
      },
      intents: { zip: 'zip' },
    });
    expect(bot.turn('zip').next).toMatchObject({ kind: 'collect', question: { voiceDigits: { num_digits: 5 } } });
    const confirming = bot.turn({ kind: 'digits', digits: '94107' });
    expect(confirming.says).toEqual(['94107: press 1 to confirm, 2 to change it.']);
    expect(confirming.next).toEqual({ kind: 'collect', question: { collect: 'z', question: 'Your zip code?', type: 'Twilio.YES_NO', voiceDigits: { num_digits: 1 } } });
    expect(bot.turn({ kind: 'digits', digits: '2' }).says).toEqual(['Again.', 'Your zip code?']);
    bot.turn({ kind: 'digits', digits: '94110' });
    const done = bot.turn({ kind: 'digits', digits: '1' });
    expect(done.says).toEqual(['Got it.', 'done']);
    expect(done.memory).toMatchObject({ twilio: { collected_data: { z: { answers: { zip: { answer: '94110', confirmed: true, confirm_attempts: 2 } } } } } });
  });

  it('hands off with the queued output and ends the dialogue', () => {
    const bot = new MachineDriver({ tasks: { agent: { actions: [{ say: 'transferring' }, { handoff: { channel: 'voice', uri: 'https://example.com/twiml' } }, { say: 'never' }] } }, intents: { agent: 'agent' } });
    const turn = bot.turn('agent');
    expect(turn.says).toEqual(['transferring']);
    expect(turn.next).toMatchObject({ kind: 'handoff', handoff: { uri: 'https://example.com/twiml' } });
    expect(turn.state).toBe('ended');
  });
});

describe('dialogue machine: control passing', () => {
  it('lets the redirected task alone decide whether the dialogue listens', () => {
    const bot = new MachineDriver({ tasks: { a: { actions: [{ listen: true }, { redirect: 'task://b' }] }, b: { actions: [{ say: 'bye' }] } }, intents: { go: 'a' } });
    expect(bot.turn('go')).toMatchObject({ says: ['bye'], next: { kind: 'end' } });
  });
});
