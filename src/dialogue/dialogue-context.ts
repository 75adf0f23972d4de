import type { DefaultsDocument, ListenOptions, StyleSheetDocument } from '../actions/action-types.js';
import type { Action, ChannelKind, CollectProgress, Output, ResolvedTarget, TurnInput, TurnNext, TurnProblem, TurnTrace } from './turn-types.js';

/** The assistant settings a turn reads (loaded by the runner each turn, never persisted with the dialogue). */
export interface AssistantSettings {
  readonly defaults: DefaultsDocument;
  readonly styleSheet: StyleSheetDocument;
  readonly memoryLimitBytes: number;
  readonly maxRedirects: number;
}

/** Why a target is being resolved: it decides what a failure falls back to. */
export type ResolvePurpose = 'initiation' | 'target-task' | 'classified' | 'redirect' | 'fallback' | 'on-complete' | 'max-attempts' | 'digits';

/** Work the machine asks the runner to do; the runner answers with the matching event. */
export type Effect =
  | { readonly kind: 'understand'; readonly text: string; readonly tasks?: readonly string[] }
  | { readonly kind: 'resolve'; readonly target: ResolvedTarget; readonly purpose: ResolvePurpose }
  | { readonly kind: 'recognise'; readonly type: string; readonly text: string }
  | { readonly kind: 'validate'; readonly url: string; readonly method: 'GET' | 'POST'; readonly question: string; readonly type: string | null; readonly answer: string };

/** What the NLU made of an input. */
export interface Understanding {
  readonly task: string | null;
  readonly confidence: number;
  readonly probability: number;
  readonly nextBestTask: string | null;
  readonly fields: ReadonlyArray<{ readonly name: string; readonly value: string; readonly type: string }>;
  readonly isFallback: boolean;
}

/** What lives only for one turn. */
export interface TurnScratch {
  readonly input: TurnInput;
  readonly currentInput: string;
  readonly settings: AssistantSettings;
  readonly targetTask: string | null;
  /** The turn's time, in Twilio's date format (collect dates). */
  readonly now: string;
  queue: Action[];
  outputs: Output[];
  redirects: number;
  effect: Effect | null;
  /** Set once the turn ends the dialogue or hands it off. */
  next: TurnNext | null;
  /** The listen the current actions set for the next input. */
  listen: ListenOptions | null;
  trace: TurnTrace;
}

/** The machine's context: the dialogue (persisted) and the turn in progress. */
export interface DialogueContext {
  readonly dialogueSid: string;
  readonly assistantSid: string;
  readonly channel: ChannelKind;
  readonly channelName: string;
  readonly userIdentifier: string;
  memory: Record<string, unknown>;
  currentTask: string | null;
  /** The listen in force for the next input (tasks restriction, digit redirects). */
  listen: ListenOptions | null;
  collect: CollectProgress | null;
  /** Consecutive turns without input (voice). */
  noInputs: number;
  /** What the assistant said last (the latest turn that said anything): the re-prompt after silence. */
  prompts?: Output[];
  turn: TurnScratch | null;
}

export function emptyTrace(): TurnTrace {
  return { task: null, confidence: null, probability: null, nextBestTask: null, fields: [], actions: [], webhooks: [], problems: [] };
}

export function addProblem(turn: TurnScratch, problem: TurnProblem): void {
  turn.trace.problems.push(problem);
}
