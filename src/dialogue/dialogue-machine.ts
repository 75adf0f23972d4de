import { assign, createActor, setup, type ActorScope, type SnapshotFrom } from 'xstate';
import type { ActionsDocument } from '../actions/action-types.js';
import type { DialogueContext, Understanding } from './dialogue-context.js';
import { runNextAction } from '../actions/executors/action-executors.js';
import { beginTurn, recognised, resolveFailed, resolved, settle, understood, validated, type TurnStart } from './turn-steps.js';
import type { TurnDraft } from './turn-draft.js';
import type { TurnProblem } from './turn-types.js';

export type DialogueEvent =
  | { readonly type: 'INPUT'; readonly start: TurnStart }
  /** `taskActions`: the chosen task's own actions, when it has no `actions_url` (saves the RESOLVED step). */
  | { readonly type: 'UNDERSTOOD'; readonly understanding: Understanding; readonly taskActions?: ActionsDocument }
  | { readonly type: 'RESOLVED'; readonly task: string | null; readonly document: ActionsDocument }
  | { readonly type: 'RESOLVE_FAILED'; readonly problem: TurnProblem }
  | { readonly type: 'RECOGNISED'; readonly value: string | null; readonly problem?: TurnProblem }
  | { readonly type: 'VALIDATED'; readonly valid: boolean; readonly problem?: TurnProblem };

/**
 * After an event's change (made on the step's own copy of the context): run the actions it queued,
 * one after another on that copy, until one asks for the outside world or ends the turn; when none
 * asks, settle what the dialogue waits for next. One copy per event, not one per action.
 */
function advance(context: DialogueContext): DialogueContext {
  const draft = context as TurnDraft;
  while (draft.turn.effect == null && draft.turn.next == null && draft.turn.queue.length > 0) runNextAction(draft);
  return draft.turn.effect == null ? settle(draft) : draft;
}

/**
 * A dialogue as a state machine, defined purely: no I/O here. Between inputs it rests in `waiting`
 * (listening or collecting) or `ended`. Within a turn each event's step runs the queued actions; when a
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
    dialogueEnds: ({ context }) => context.turn?.next?.kind === 'end' || context.turn?.next?.kind === 'handoff',
  },
}).createMachine({
  id: 'dialogue',
  context: ({ input }) => input,
  initial: 'waiting',
  states: {
    waiting: {
      on: { INPUT: { target: 'running', actions: assign(({ context, event }) => advance(beginTurn(context, event.start))) } },
    },
    // Where the turn stands once an event's change and the actions it queued have run.
    running: {
      always: [
        { guard: 'awaitsEffect', target: 'awaitingEffect' },
        { guard: 'dialogueEnds', target: 'ended' },
        { target: 'waiting' },
      ],
    },
    awaitingEffect: {
      on: {
        UNDERSTOOD: { target: 'running', actions: assign(({ context, event }) => advance(understood(context, event.understanding, event.taskActions))) },
        RESOLVED: { target: 'running', actions: assign(({ context, event }) => advance(resolved(context, event.task, event.document))) },
        RESOLVE_FAILED: { target: 'running', actions: assign(({ context, event }) => advance(resolveFailed(context, event.problem))) },
        RECOGNISED: { target: 'running', actions: assign(({ context, event }) => advance(recognised(context, event.value, event.problem))) },
        VALIDATED: { target: 'running', actions: assign(({ context, event }) => advance(validated(context, event.valid, event.problem))) },
      },
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
