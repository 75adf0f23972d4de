import { describe, expect, it } from 'vitest';
import { endEvents, turnEvents, type TurnFacts } from '../../src/dialogue-events/turn-events.js';
import type { TurnTrace } from '../../src/dialogue/turn-types.js';

type Call = TurnTrace['webhooks'][number];
const fetched = (task: string, step: number, extra: Partial<Call> = {}): Call => ({
  url: `https://user:secret@hooks.example.com/${task}?k=1`, method: 'POST', purpose: 'actions_url', status: 200, ok: true, durationMs: 12, task, step, ...extra,
});

const facts = (over: Partial<TurnFacts>): TurnFacts => ({ started: false, taskBefore: null, taskAfter: null, trace: { webhooks: [] }, ended: null, ...over });
const names = (f: TurnFacts): string[] => turnEvents(f).map((e) => `${e.event}:${e.task ?? ''}`);

describe('turnEvents', () => {
  it('a first turn: start, the task, the turn', () => {
    expect(names(facts({ started: true, taskAfter: 'greeting', trace: { webhooks: [], steps: [{ kind: 'task', task: 'greeting' }] } }))).toEqual([
      'onDialogueStart:', 'onDialogueTaskStart:greeting', 'onDialogueTurn:greeting',
    ]);
  });

  it('keeps the order things happened in: an answer, the fetch of the next task, the task change, the end', () => {
    const f = facts({
      taskBefore: 'order', taskAfter: 'order_done', ended: 'completed',
      trace: {
        webhooks: [fetched('order_done', 1)],
        steps: [
          { kind: 'collect', task: 'order', collect: 'order', question: 'size', answer: 'Large', value: 'large', valid: true, attempt: 2 },
          { kind: 'task', task: 'order_done' },
        ],
      },
    });
    expect(names(f)).toEqual([
      'onCollectAttempt:order', 'onActionsFetch:order_done', 'onDialogueTaskEnd:order', 'onDialogueTaskStart:order_done',
      'onDialogueTurn:order_done', 'onDialogueTaskEnd:order_done', 'onDialogueEnd:order_done',
    ]);
    const events = turnEvents(f);
    expect(events[0]!.params).toEqual({ CollectName: 'order', CollectQuestion: 'size', CollectAnswer: 'Large', CollectValue: 'large', CollectValid: 'true', CollectAttempt: '2' });
    // The URL's credentials go as Basic auth to the fetch; they are never repeated to another webhook.
    expect(events[1]!.params).toEqual({
      ActionsUrl: 'https://hooks.example.com/order_done?k=1', ActionsMethod: 'POST', ActionsPurpose: 'actions_url',
      ActionsStatus: '200', ActionsOk: 'true', ActionsDurationMs: '12',
    });
    expect(events.at(-1)!.params).toEqual({ DialogueEndReason: 'completed' });
  });

  it('reports a failed fetch with its error code, and a validate call as no fetch', () => {
    const f = facts({
      taskAfter: 'fallback',
      trace: {
        webhooks: [
          fetched('order', 0, { ok: false, status: null, code: 11205 }),
          fetched('order', 0, { purpose: 'validate' }),
        ],
        steps: [{ kind: 'task', task: 'fallback' }],
      },
    });
    const events = turnEvents(f);
    expect(events.map((e) => e.event)).toEqual(['onActionsFetch', 'onDialogueTaskStart', 'onDialogueTurn']);
    expect(events[0]!.params).toMatchObject({ ActionsOk: 'false', ActionsStatus: '', ErrorCode: '11205' });
  });

  it('a task run again ends and starts again; a handoff ends the dialogue in the task that handed off', () => {
    const f = facts({
      taskBefore: 'menu', taskAfter: 'agent', ended: 'handoff',
      trace: { webhooks: [], steps: [{ kind: 'task', task: 'menu' }, { kind: 'task', task: 'agent' }] },
    });
    expect(names(f)).toEqual([
      'onDialogueTaskEnd:menu', 'onDialogueTaskStart:menu', 'onDialogueTaskEnd:menu', 'onDialogueTaskStart:agent',
      'onDialogueTurn:agent', 'onDialogueTaskEnd:agent', 'onDialogueEnd:agent',
    ]);
  });

  it('an end from outside a turn (hang-up) ends the task it was in, or only the dialogue', () => {
    expect(endEvents('menu', 'hangup').map((e) => [e.event, e.task, e.params.DialogueEndReason])).toEqual([
      ['onDialogueTaskEnd', 'menu', undefined], ['onDialogueEnd', 'menu', 'hangup'],
    ]);
    expect(endEvents(null, 'opt-out').map((e) => e.event)).toEqual(['onDialogueEnd']);
  });
});
