import type { RequestContext } from '../logging/request-context.js';
import type { Assistant } from '../domain/records.js';
import type { Action, CollectOptions, HandoffOptions, ListenOptions, RedirectValue } from '../actions/action-types.js';

/** The channels a dialogue can run on; each names its `twilio.<channel>` memory key. */
export type ChannelKind = 'voice' | 'sms' | 'whatsapp' | 'chat' | 'custom';

/** What the user did this turn, once a channel has parsed its webhook. */
export type TurnInput =
  | { readonly kind: 'start' }
  | { readonly kind: 'text'; readonly text: string; readonly media?: readonly MediaItem[] }
  | { readonly kind: 'digits'; readonly digits: string }
  | { readonly kind: 'no-input' };

export interface MediaItem {
  readonly url: string;
  readonly contentType?: string;
}

/** One turn asked of the runner. */
export interface TurnRequest {
  readonly assistantSid: string;
  /** Identifies the conversation on its channel (e.g. sender + number, CallSid); maps to a dialogue. */
  readonly conversationKey: string;
  readonly channel: ChannelKind;
  /** The value of `Channel` in webhook requests (`voice`, `sms`, `custom.cli`, …). */
  readonly channelName: string;
  /** The key under `memory.twilio` (`voice`, `sms`, `custom.cli`, …) and what goes there. */
  readonly channelMemoryKey: string;
  readonly channelMemory: Readonly<Record<string, unknown>>;
  readonly userIdentifier: string;
  readonly input: TurnInput;
  /** `TargetTask` of the channel URL: run this task instead of classifying the input. */
  readonly targetTask?: string;
  /**
   * Identifies this request among the channel's retries (MessageSid, CallSid + step): a retry is
   * answered with the stored reply instead of running the turn again.
   */
  readonly idempotencyKey?: string;
  /** `Memory` of the channel URL: merged into memory when the dialogue starts. */
  readonly inboundMemory?: Readonly<Record<string, unknown>>;
  /** How long the dialogue waits for the next input on this channel; the runner's limit when unset. */
  readonly listenWindowSeconds?: number;
  /**
   * What a retry of this request needs of the stored reply: the whole result (the default), or only
   * what a messaging reply renders (`outputs`: outputs and what follows, without memory, trace and language),
   * which keeps the replies Redis holds for retries a fifth of the size.
   */
  readonly storedReply?: 'full' | 'outputs';
  /** The HTTP request this turn serves: its log lines carry it, and the turn names its assistant and dialogue there. */
  readonly requestContext?: RequestContext;
  /**
   * A channel webhook: past the turn deadline (turn-deadline.ts) the turn fails with
   * TurnDeadlineError so the channel answers its failure reply; it still finishes and saves behind it.
   */
  readonly deadline?: boolean;
  /**
   * The language the client says the text is in (custom channel v2 `Language`). A dialogue is read in
   * its samples' language; another one is refused, except `en-US`, which clients send by default.
   */
  readonly language?: string;
  /** A simulator turn: metrics count it under the channel `simulator`, apart from real traffic. */
  readonly simulated?: boolean;
}

/** Output queued for the user, in order; channels render it (TwiML, JSON). */
export type Output =
  | { readonly kind: 'say'; readonly text: string }
  | { readonly kind: 'play'; readonly url: string; readonly loop?: number; readonly digits?: string }
  | { readonly kind: 'show'; readonly body: string; readonly images: ReadonlyArray<{ readonly url: string; readonly label?: string }> };

/** What the dialogue waits for after the turn. */
export type TurnNext =
  | { readonly kind: 'listen'; readonly listen: ListenOptions }
  | { readonly kind: 'collect'; readonly question: QuestionPrompt }
  | { readonly kind: 'handoff'; readonly handoff: HandoffOptions }
  | { readonly kind: 'end' };

export interface QuestionPrompt {
  readonly collect: string;
  readonly question: string;
  readonly type?: string;
  readonly voiceDigits?: ListenOptions['voice_digits'];
  readonly barge?: boolean;
}

/** A coded problem met during the turn (failed webhook, redirect limit, memory limit, …). */
export interface TurnProblem {
  readonly code: number;
  readonly message: string;
}

/** Why the bot did what it did: for channels, the simulator and logs. */
export interface TurnTrace {
  task: string | null;
  confidence: number | null;
  probability: number | null;
  nextBestTask: string | null;
  fields: Array<{ name: string; value: string; type: string }>;
  actions: string[];
  /** `task`: what it was called as (CurrentTask); `step`: how many of `steps` came before the call. */
  webhooks: Array<{ url: string; method: string; purpose: string; status: number | null; ok: boolean; durationMs: number; code?: number; task?: string; step?: number }>;
  problems: TurnProblem[];
  /**
   * What the turn did, in order: each task whose actions it took (a task run twice is there twice)
   * and each answer a collect question got. Event webhooks are sent from it (dialogue-events/).
   */
  steps?: TurnStep[];
}

export type TurnStep = { readonly kind: 'task'; readonly task: string } | ({ readonly kind: 'collect' } & CollectAttempt);

/** One answer to a collect question, as the collect judged it. */
export interface CollectAttempt {
  /** The task whose collect asked. */
  readonly task: string;
  readonly collect: string;
  readonly question: string;
  /** What the user said (or the prefilled value). */
  readonly answer: string;
  /** The value stored when taken (normalised by the question's type), else null. */
  readonly value: string | null;
  readonly valid: boolean;
  /** Attempts at this question so far, this one included. */
  readonly attempt: number;
}

export interface TurnResult {
  readonly dialogueSid: string;
  /** True when this is the stored reply to an earlier delivery of the same request (a retry). */
  readonly replayed?: boolean;
  /** The task the dialogue is in after the turn (the last one run), or null. */
  readonly currentTask: string | null;
  readonly outputs: readonly Output[];
  readonly next: TurnNext;
  /** The style sheet's `voice.say_voice`, for voice channels. */
  readonly voice: string | null;
  /** The dialogue's language (its samples', `en-US` without a model): voice channels recognise speech in it. */
  readonly language?: string;
  readonly memory: Readonly<Record<string, unknown>>;
  readonly trace: TurnTrace;
}

/** A collect in progress. */
export interface CollectProgress {
  readonly task: string;
  readonly spec: CollectOptions;
  readonly index: number;
  /** Attempts at the current question. */
  readonly attempts: number;
  /** The answer being checked (between recognition and validation). */
  readonly pendingAnswer: string | null;
  readonly pendingRaw: string | null;
  /** The accepted answer waiting for the user's yes or no (a question with `confirm`). */
  readonly confirming?: string | null;
  /** Rejected confirmations of the current question. */
  readonly confirmAttempts?: number;
  /** Field values of the utterance that started the collect's task, by field name, for `prefill`. */
  readonly prefills?: Readonly<Record<string, string>>;
}

/** Redirect targets with their method, resolved from the Actions grammar. */
export interface ResolvedTarget {
  readonly uri: string;
  readonly method: 'GET' | 'POST';
}

export type { Action, RedirectValue };
