import { assign, setup } from 'xstate';
import type { ActionsDocument } from '../actions/action-types.js';
import type { DialogueContext, Understanding } from './dialogue-context.js';
import { runNextAction } from '../actions/executors/action-executors.js';
import { beginTurn, cloneContext, recognised, resolveFailed, resolved, settle, understood, validated, type TurnStart } from './turn-steps.js';
import type { TurnDraft } from './turn-draft.js';
import type { TurnProblem } from './turn-types.js';

export type DialogueEvent =
  | { readonly type: 'INPUT'; readonly start: TurnStart }
  | { readonly type: 'UNDERSTOOD'; readonly understanding: Understanding }
  | { readonly type: 'RESOLVED'; readonly task: string | null; readonly document: ActionsDocument }
  | { readonly type: 'RESOLVE_FAILED'; readonly problem: TurnProblem }
  | { readonly type: 'RECOGNISED'; readonly value: string | null; readonly problem?: TurnProblem }
  | { readonly type: 'VALIDATED'; readonly valid: boolean; readonly problem?: TurnProblem };

/**
 * A dialogue as a state machine, defined purely: no I/O here. Between inputs it rests in `waiting`
 * (listening or collecting) or `ended`. Within a turn it runs queued actions one at a time; when a
 * step needs the outside world (the NLU, a task's actions or a customer's webhook) it rests in
 * `awaitingEffect` with the request in `context.turn.effect`, and the runner answers with an event.
 */
export const dialogueMachine = setup({
  types: {
    context: {} as DialogueContext,
    events: {} as DialogueEvent,
    input: {} as DialogueContext,
  },
  guards: {
    awaitsEffect: ({ context }) => context.turn?.effect != null,
    hasQueuedAction: ({ context }) => (context.turn?.queue.length ?? 0) > 0 && context.turn?.next == null,
    dialogueEnds: ({ context }) => context.turn?.next?.kind === 'end' || context.turn?.next?.kind === 'handoff',
  },
  actions: {
    runAction: assign(({ context }) => {
      const draft = cloneContext(context) as TurnDraft;
      runNextAction(draft);
      return draft;
    }),
    settle: assign(({ context }) => settle(context)),
  },
}).createMachine({
  id: 'dialogue',
  context: ({ input }) => input,
  initial: 'waiting',
  states: {
    waiting: {
      on: { INPUT: { target: 'running', actions: assign(({ context, event }) => beginTurn(context, event.start)) } },
    },
    running: {
      always: [
        { guard: 'awaitsEffect', target: 'awaitingEffect' },
        { guard: 'hasQueuedAction', target: 'running', reenter: true, actions: 'runAction' },
        { target: 'settled', actions: 'settle' },
      ],
    },
    awaitingEffect: {
      on: {
        UNDERSTOOD: { target: 'running', actions: assign(({ context, event }) => understood(context, event.understanding)) },
        RESOLVED: { target: 'running', actions: assign(({ context, event }) => resolved(context, event.task, event.document)) },
        RESOLVE_FAILED: { target: 'running', actions: assign(({ context, event }) => resolveFailed(context, event.problem)) },
        RECOGNISED: { target: 'running', actions: assign(({ context, event }) => recognised(context, event.value, event.problem)) },
        VALIDATED: { target: 'running', actions: assign(({ context, event }) => validated(context, event.valid, event.problem)) },
      },
    },
    settled: {
      always: [{ guard: 'dialogueEnds', target: 'ended' }, { target: 'waiting' }],
    },
    ended: { type: 'final' },
  },
});
