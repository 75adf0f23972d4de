import type { ActionsDocument } from '../actions/action-types.js';
import { answerRecognised, answerValidated, beginAnswer } from './collect-flow.js';
import { addProblem, emptyTrace, type AssistantSettings, type DialogueContext, type Effect, type Understanding } from './dialogue-context.js';
import { withChannelMemory } from './memory.js';
import { sayText, taskOf } from './targets.js';
import { goToFallback, keepListening, requestResolve, type TurnDraft } from './turn-draft.js';
import type { TurnInput, TurnProblem } from './turn-types.js';

/** What starts a turn: the input, and what the runner knows about the assistant and the channel. */
export interface TurnStart {
  readonly input: TurnInput;
  readonly settings: AssistantSettings;
  readonly now: string;
  readonly targetTask: string | null;
  readonly channelMemoryKey: string;
  readonly channelMemory: Readonly<Record<string, unknown>>;
}

/**
 * A copy of a context for a step to change. Steps change a context in place only here: its own
 * fields, the turn's fields, and the turn's queue, outputs and trace (shift, push, assign).
 * Everything else (memory, collect, listen, prompts, settings, the actions in the queue, outputs
 * already made) is replaced when it changes, never changed in place (memory.ts, collect-flow.ts),
 * so the copy shares it: deep copies of the queued actions and the collect spec were most of a
 * step's copying. The machine tests step deep-frozen contexts (test/support/machine-driver.ts), so
 * a step that changed shared data in place fails there.
 */
export function cloneContext(ctx: DialogueContext): DialogueContext {
  const turn = ctx.turn;
  if (turn === null) return { ...ctx };
  const trace = turn.trace;
  return {
    ...ctx,
    turn: {
      ...turn,
      queue: [...turn.queue],
      outputs: [...turn.outputs],
      trace: {
        ...trace, fields: [...trace.fields], actions: [...trace.actions], webhooks: [...trace.webhooks], problems: [...trace.problems],
        ...(trace.steps === undefined ? {} : { steps: [...trace.steps] }),
      },
    },
  };
}

const draftOf = (ctx: DialogueContext): TurnDraft => cloneContext(ctx) as TurnDraft;

/** What the user said or pressed, as `CurrentInput` carries it ('' for a call's start or a silence). */
export function inputText(input: TurnInput): string {
  return input.kind === 'text' ? input.text : input.kind === 'digits' ? input.digits : '';
}

/** Begin a turn: route the input to the collect in progress, a digit redirect, the target task or the NLU. */
export function beginTurn(ctx: DialogueContext, start: TurnStart): DialogueContext {
  const text = inputText(start.input);
  const draft = draftOf({ ...ctx, turn: null }) as TurnDraft;
  draft.memory = withChannelMemory(draft.memory, start.channelMemoryKey, start.channelMemory);
  draft.turn = {
    input: start.input, currentInput: text, settings: start.settings, targetTask: start.targetTask, now: start.now,
    queue: [], outputs: [], redirects: 0, effect: null, next: null, listen: null, trace: emptyTrace(),
  };
  const input = start.input;
  if (input.kind === 'start') {
    // A call that starts again (its URL set back to the bot) starts over: a question it was asked is gone.
    draft.collect = null;
    draft.noInputs = 0;
    // A call's TargetTask takes the place of the assistant initiation (docs/channels.md).
    const initiation = start.settings.defaults.defaults?.assistant_initiation;
    if (start.targetTask !== null) requestResolve(draft, `task://${start.targetTask}`, 'target-task');
    else if (initiation !== undefined && initiation.trim() !== '') requestResolve(draft, initiation, 'initiation');
    else keepListening(draft);
  } else if (input.kind === 'no-input') {
    noInput(draft);
  } else if (draft.collect !== null) {
    draft.noInputs = 0;
    answerQuestion(draft, input, text);
  } else if (start.targetTask !== null) {
    draft.noInputs = 0;
    requestResolve(draft, `task://${start.targetTask}`, 'target-task');
  } else {
    draft.noInputs = 0;
    const redirects = draft.listen?.voice_digits?.redirects;
    // Own keys only: digits such as `constructor` must not find Object.prototype's members.
    const digitTarget = input.kind === 'digits' && redirects !== undefined && Object.hasOwn(redirects, input.digits) ? redirects[input.digits] : undefined;
    if (digitTarget !== undefined) requestResolve(draft, digitTarget, 'digits');
    else draft.turn.effect = { kind: 'understand', text, ...(draft.listen?.tasks ? { tasks: draft.listen.tasks } : {}) };
  }
  return draft;
}

/**
 * Input while a collect asks: keys the question's `voice_digits` names (outside a confirmation)
 * either leave the collect for their redirect (`{"0": "task://agent"}`) or stand for an answer
 * (`mapping`: `{"1": "sales"}`); anything else answers as said.
 */
function answerQuestion(draft: TurnDraft, input: TurnStart['input'], text: string): void {
  const collect = draft.collect!;
  const digits = collect.confirming == null && input.kind === 'digits' ? collect.spec.questions[collect.index]?.voice_digits : undefined;
  const pressed = input.kind === 'digits' ? input.digits : '';
  // A confirmation asks yes or no: on a keypad 1 is yes and 2 is no (Parley's choice; autopilot.md §9 item 6).
  const confirmKey = collect.confirming != null && input.kind === 'digits' ? CONFIRM_KEYS[pressed] : undefined;
  if (confirmKey !== undefined) {
    beginAnswer(draft, confirmKey);
    return;
  }
  // Own keys only: digits such as `constructor` must not find Object.prototype's members.
  if (digits?.redirects !== undefined && Object.hasOwn(digits.redirects, pressed)) {
    draft.collect = null;
    requestResolve(draft, digits.redirects[pressed], 'digits');
  } else if (digits?.mapping !== undefined && Object.hasOwn(digits.mapping, pressed)) {
    beginAnswer(draft, digits.mapping[pressed]!);
  } else {
    beginAnswer(draft, text, input.kind === 'text' ? input.media : undefined);
  }
}

const CONFIRM_KEYS: Readonly<Record<string, string>> = { 1: 'yes', 2: 'no' };

/** Silences in a row answered by repeating the last prompt; the next one goes to the fallback, the one after ends the dialogue. */
export const NO_INPUT_REPROMPTS = 1;

/** No input (voice): re-prompt, then the fallback, then give up rather than loop on a silent line (docs/channels.md). */
function noInput(draft: TurnDraft): void {
  draft.noInputs += 1;
  if (draft.noInputs <= NO_INPUT_REPROMPTS) {
    draft.turn.outputs.push(...(draft.prompts ?? []));
    keepListening(draft);
    if (draft.collect !== null) draft.turn.listen = null;
  } else if (draft.noInputs === NO_INPUT_REPROMPTS + 1) {
    draft.collect = null;
    goToFallback(draft);
  } else {
    draft.turn.queue = [];
    draft.turn.next = { kind: 'end' };
  }
}

/**
 * The NLU's answer: run the task it chose, or the fallback. `taskActions`, when the runner sent the
 * chosen task's own actions with the answer (a task without `actions_url`), are taken at once, as a
 * RESOLVED event would take them: the same turn, one machine step fewer.
 */
export function understood(ctx: DialogueContext, understanding: Understanding, taskActions?: ActionsDocument): DialogueContext {
  const draft = draftOf(ctx);
  draft.turn.effect = null;
  Object.assign(draft.turn.trace, {
    task: understanding.task, confidence: understanding.confidence, probability: understanding.probability,
    nextBestTask: understanding.nextBestTask, fields: understanding.fields.map((f) => ({ ...f })),
  });
  if (understanding.isFallback || understanding.task === null) {
    goToFallback(draft);
    return draft;
  }
  requestResolve(draft, `task://${understanding.task}`, 'classified');
  const effect = draft.turn.effect as Effect | null;
  if (taskActions !== undefined && effect?.kind === 'resolve' && taskOf(effect.target) === understanding.task) {
    takeActions(draft, understanding.task, taskActions);
  }
  return draft;
}

/** A target's actions arrived (a task's, or a URL's): they replace whatever was queued. */
export function resolved(ctx: DialogueContext, task: string | null, document: ActionsDocument): DialogueContext {
  const draft = draftOf(ctx);
  takeActions(draft, task, document);
  return draft;
}

function takeActions(draft: TurnDraft, task: string | null, document: ActionsDocument): void {
  draft.turn.effect = null;
  if (task !== null) {
    draft.currentTask = task;
    draft.turn.trace.task ??= task;
    (draft.turn.trace.steps ??= []).push({ kind: 'task', task });
  }
  draft.turn.queue = [...document.actions];
  // Control passed to new actions: they alone decide whether the dialogue listens afterwards.
  draft.turn.listen = null;
}

/** A target could not be resolved: the fallback takes over, unless it was the fallback that failed. */
export function resolveFailed(ctx: DialogueContext, problem: TurnProblem): DialogueContext {
  const draft = draftOf(ctx);
  const purpose = draft.turn.effect?.kind === 'resolve' ? draft.turn.effect.purpose : null;
  draft.turn.effect = null;
  addProblem(draft.turn, problem);
  if (purpose === 'fallback') keepListening(draft);
  else goToFallback(draft);
  return draft;
}

export function recognised(ctx: DialogueContext, value: string | null, problem?: TurnProblem): DialogueContext {
  const draft = draftOf(ctx);
  draft.turn.effect = null;
  if (problem !== undefined) addProblem(draft.turn, problem);
  answerRecognised(draft, value);
  return draft;
}

/** A failed validate call counts as an invalid answer (autopilot.md §9 item 4); the problem is traced. */
export function validated(ctx: DialogueContext, valid: boolean, problem?: TurnProblem): DialogueContext {
  const draft = draftOf(ctx);
  draft.turn.effect = null;
  if (problem !== undefined) addProblem(draft.turn, problem);
  answerValidated(draft, valid);
  return draft;
}

/** The queue ran dry: decide what the dialogue waits for next (on a step's own copy). */
export function settle(draft: TurnDraft): TurnDraft {
  const turn = draft.turn;
  if (turn.outputs.length > 0) draft.prompts = [...turn.outputs];
  if (turn.next !== null) {
    draft.collect = null;
    draft.listen = null;
    return draft;
  }
  if (draft.collect !== null) {
    const question = draft.collect.spec.questions[draft.collect.index]!;
    turn.next = {
      kind: 'collect',
      question: {
        collect: draft.collect.spec.name, question: sayText(question.question),
        // While its answer is confirmed, the question waits for a yes or no (one key), not for its own answer.
        ...(draft.collect.confirming != null
          ? { type: 'Twilio.YES_NO', voiceDigits: { num_digits: 1 } }
          : { ...(question.type ? { type: question.type } : {}), ...(question.voice_digits ? { voiceDigits: question.voice_digits } : {}) }),
        ...(question.barge === undefined ? {} : { barge: question.barge }),
      },
    };
    draft.listen = null;
    return draft;
  }
  if (turn.listen !== null) {
    draft.listen = turn.listen;
    turn.next = { kind: 'listen', listen: turn.listen };
    return draft;
  }
  // No listen, no collect: the dialogue ends once this turn's output is delivered.
  draft.listen = null;
  turn.next = { kind: 'end' };
  return draft;
}
