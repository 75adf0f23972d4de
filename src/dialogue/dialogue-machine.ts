import { assign, createActor, setup, type ActorScope, type SnapshotFrom } from 'xstate';
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
    // Queued actions run back to back on one copy until one asks for the outside world or ends the
    // turn: one step per run of actions, not one per action (each step copies the context).
    runActions: assign(({ context }) => {
      const draft = cloneContext(context) as TurnDraft;
      do runNextAction(draft);
      while (draft.turn.effect == null && draft.turn.next == null && draft.turn.queue.length > 0);
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
        { guard: 'hasQueuedAction', target: 'running', reenter: true, actions: 'runActions' },
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

type DialogueSnapshot = SnapshotFrom<typeof dialogueMachine>;

/**
 * One scope for every step, as xstate's `transition()` would build afresh per call (a whole actor,
 * a quarter of a step's cost). Safe to share: the machine is pure (assign only: no children, no
 * delayed or emitted events, no custom actions), and a step runs synchronously from start to end.
 */
const inertScope: ActorScope<DialogueSnapshot, DialogueEvent> = (() => {
  const self = createActor(dialogueMachine, { input: undefined as never }); // never started: only lends its identity and system
  return {
    self, system: self.system, id: '', sessionId: '',
    defer: () => undefined, logger: () => undefined, stopChild: () => undefined, emit: () => undefined, actionExecutor: () => undefined,
  } as unknown as ActorScope<DialogueSnapshot, DialogueEvent>;
})();

/** The machine's next resting snapshot after `event` (xstate's pure `transition`, without its per-call actor). */
export function stepDialogue(snapshot: DialogueSnapshot, event: DialogueEvent): DialogueSnapshot {
  return dialogueMachine.transition(snapshot, event, inertScope);
}
