import { isDeepStrictEqual } from 'node:util';
import type { SnapshotFrom } from 'xstate';
import type { ActionsDocument, DefaultsDocument, StyleSheetDocument } from '../../src/actions/action-types.js';
import type { DialogueContext, Effect, Understanding } from '../../src/dialogue/dialogue-context.js';
import type { TurnStart } from '../../src/dialogue/turn-steps.js';
import { dialogueMachine, stepDialogue, type DialogueEvent } from '../../src/dialogue/dialogue-machine.js';
import type { TurnInput } from '../../src/dialogue/turn-types.js';

/**
 * Drives the pure dialogue machine with scripted effects: tasks by name, URL answers, an NLU that
 * maps texts to tasks, and a recogniser for a few types. No I/O: the machine alone is under test.
 */
export interface Script {
  readonly tasks: Record<string, ActionsDocument>;
  readonly urls?: Record<string, ActionsDocument | 'fail'>;
  readonly intents?: Record<string, string>;
  readonly fields?: Record<string, Understanding['fields']>;
  readonly valid?: (answer: string) => boolean;
  readonly defaults?: DefaultsDocument;
  readonly styleSheet?: StyleSheetDocument;
  readonly memoryLimitBytes?: number;
  /** The channel's parameters (`twilio.sms`); a `From` only unless given. */
  readonly channelMemory?: Readonly<Record<string, string>>;
}

type Snapshot = SnapshotFrom<typeof dialogueMachine>;

/**
 * Steps share what they do not change with the context before them (cloneContext), so a step must
 * never change its input in place: every step here runs on a deep-frozen context, where such a
 * change throws (ES modules are strict).
 */
function frozen(snapshot: Snapshot): Snapshot {
  deepFreeze(snapshot.context);
  return snapshot;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

export class MachineDriver {
  snapshot: Snapshot;

  constructor(private readonly script: Script) {
    const context: DialogueContext = {
      dialogueSid: 'UK1', assistantSid: 'UA1', channel: 'sms', channelName: 'sms', userIdentifier: '+15550001111',
      memory: { twilio: {} }, currentTask: null, listen: null, collect: null, noInputs: 0, turn: null,
    };
    this.snapshot = dialogueMachine.resolveState({ value: 'waiting', context });
  }

  turn(input: TurnInput | string) {
    const start = {
      input: typeof input === 'string' ? { kind: 'text' as const, text: input } : input,
      settings: {
        defaults: this.script.defaults ?? {}, styleSheet: this.script.styleSheet ?? {},
        memoryLimitBytes: this.script.memoryLimitBytes ?? 16 * 1024, maxRedirects: 5,
      },
      now: '2024-05-01T12:00:00Z', targetTask: null, channelMemoryKey: 'sms', channelMemory: this.script.channelMemory ?? { From: '+15550001111' },
    };
    // Every turn runs twice: with the NLU's answer alone, and with the chosen task's actions sent along
    // (as the runner does for a task without actions_url). Both must leave the same snapshot.
    const plain = this.run(start, false);
    const early = this.run(start, true);
    if (!isDeepStrictEqual(early.value, plain.value) || !isDeepStrictEqual(early.context, plain.context)) {
      throw new Error(`task actions sent with the NLU answer changed the turn: ${JSON.stringify(early.context)} vs ${JSON.stringify(plain.context)}`);
    }
    this.snapshot = plain;
    const turn = this.snapshot.context.turn!;
    return {
      state: this.snapshot.value,
      says: turn.outputs.map((o) => (o.kind === 'say' ? o.text : o.kind === 'show' ? o.body : `play:${o.url}`)),
      next: turn.next,
      trace: turn.trace,
      memory: this.snapshot.context.memory,
    };
  }

  /** Steps taken by the last turn run with task actions sent along, and without. */
  readonly steps = { plain: 0, early: 0 };

  private run(start: TurnStart, taskActionsWithAnswer: boolean): Snapshot {
    let snapshot = stepDialogue(frozen(this.snapshot), { type: 'INPUT', start });
    let n = 1;
    for (; snapshot.value === 'awaitingEffect'; n += 1) {
      if (n > 64) throw new Error('effect loop');
      snapshot = stepDialogue(frozen(snapshot), this.answer(snapshot.context.turn!.effect!, taskActionsWithAnswer));
    }
    this.steps[taskActionsWithAnswer ? 'early' : 'plain'] = n;
    return snapshot;
  }

  private answer(effect: Effect, taskActionsWithAnswer: boolean): DialogueEvent {
    switch (effect.kind) {
      case 'understand': {
        const task = this.script.intents?.[effect.text] ?? null;
        const allowed = effect.tasks === undefined || (task !== null && effect.tasks.includes(task));
        const fields = this.script.fields?.[effect.text] ?? [];
        const understanding = { task: allowed ? task : null, confidence: 0.9, probability: 0.9, nextBestTask: null, fields, isFallback: task === null || !allowed };
        const taskActions = taskActionsWithAnswer && understanding.task !== null ? this.script.tasks[understanding.task] : undefined;
        return { type: 'UNDERSTOOD', understanding, ...(taskActions === undefined ? {} : { taskActions }) };
      }
      case 'resolve': {
        if (effect.target.uri.startsWith('task://')) {
          const name = effect.target.uri.slice(7);
          const doc = this.script.tasks[name];
          return doc ? { type: 'RESOLVED', task: name, document: doc } : { type: 'RESOLVE_FAILED', problem: { code: 90108, message: name } };
        }
        const doc = this.script.urls?.[effect.target.uri];
        return doc === undefined || doc === 'fail' ? { type: 'RESOLVE_FAILED', problem: { code: 11217, message: 'down' } } : { type: 'RESOLVED', task: null, document: doc };
      }
      case 'recognise': {
        if (effect.type === 'Twilio.YES_NO') return { type: 'RECOGNISED', value: /^(yes|yeah|sure)/i.test(effect.text) ? 'Yes' : /^no/i.test(effect.text) ? 'No' : null };
        const digits = effect.text.match(/\d+/)?.[0] ?? null;
        return { type: 'RECOGNISED', value: effect.type === 'Twilio.NUMBER' ? digits : effect.text };
      }
      case 'validate':
        return { type: 'VALIDATED', valid: this.script.valid?.(effect.answer) ?? true };
    }
  }
}
