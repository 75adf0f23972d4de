import { describe, expect, it } from 'vitest';
import { InFlightTurns } from '../../src/dialogue/in-flight-turns.js';
import { DialogueBusyError } from '../../src/dialogue/turn-gate.js';
import type { TurnRequest, TurnResult } from '../../src/dialogue/turn-types.js';

const request = (key: string | undefined): TurnRequest => ({
  assistantSid: 'UA1', conversationKey: 'messaging:+1:+2', channel: 'sms', channelName: 'sms', channelMemoryKey: 'sms', channelMemory: {},
  userIdentifier: '+1', input: { kind: 'text', text: 'hi' }, ...(key === undefined ? {} : { idempotencyKey: key }),
});
const result = (dialogueSid: string): TurnResult => ({
  dialogueSid, currentTask: null, outputs: [], next: { kind: 'end' }, voice: null, memory: {},
  trace: { task: null, confidence: null, probability: null, nextBestTask: null, fields: [], actions: [], webhooks: [], problems: [] },
});

describe('requests in flight in this process', () => {
  it('gives a retry of a running request its reply, as a replay, running it once', async () => {
    const inFlight = new InFlightTurns();
    let runs = 0;
    let finish = (_: TurnResult): void => undefined;
    const start = () => { runs += 1; return new Promise<TurnResult>((resolve) => { finish = resolve; }); };
    const original = inFlight.run(request('SM1'), start);
    const retry = inFlight.run(request('SM1'), start);
    finish(result('UK1'));
    expect(await original).toEqual(result('UK1'));
    expect(await retry).toEqual({ ...result('UK1'), replayed: true });
    expect(runs).toBe(1);
    // Once answered, a later retry runs (and finds the stored reply in the store).
    await inFlight.run(request('SM1'), async () => { runs += 1; return result('UK1'); });
    expect(runs).toBe(2);
  });

  it('gives a retry its original\'s busy answer: it waited as long, and run again it would run out of order', async () => {
    const inFlight = new InFlightTurns();
    let fail = (_: Error): void => undefined;
    const original = inFlight.run(request('SM4'), () => new Promise<TurnResult>((_, reject) => { fail = reject; }));
    let runs = 0;
    const retry = inFlight.run(request('SM4'), async () => { runs += 1; return result('UK4'); });
    fail(new DialogueBusyError(8_000));
    await expect(original).rejects.toBeInstanceOf(DialogueBusyError);
    await expect(retry).rejects.toBeInstanceOf(DialogueBusyError);
    expect(runs).toBe(0);
  });

  it('lets a retry run as its own message when the original failed otherwise (the store away)', async () => {
    const inFlight = new InFlightTurns();
    let fail = (_: Error): void => undefined;
    const original = inFlight.run(request('SM2'), () => new Promise<TurnResult>((_, reject) => { fail = reject; }));
    let runs = 0;
    const again = async () => { runs += 1; await new Promise((resolve) => setTimeout(resolve, 10)); return result('UK2'); };
    const retries = [inFlight.run(request('SM2'), again), inFlight.run(request('SM2'), again), inFlight.run(request('SM2'), again)];
    fail(new Error('store away'));
    await expect(original).rejects.toThrow('store away');
    // One of them runs; the others share its reply.
    expect((await Promise.all(retries)).map((r) => r.dialogueSid)).toEqual(['UK2', 'UK2', 'UK2']);
    expect(runs).toBe(1);
  });

  it('shares nothing between requests without a key, or with another key', async () => {
    const inFlight = new InFlightTurns();
    let runs = 0;
    const start = async () => { runs += 1; return result('UK3'); };
    await Promise.all([inFlight.run(request(undefined), start), inFlight.run(request(undefined), start), inFlight.run(request('SMa'), start), inFlight.run(request('SMb'), start)]);
    expect(runs).toBe(4);
  });
});
