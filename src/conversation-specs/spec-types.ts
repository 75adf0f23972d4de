/**
 * Conversation specs: a bot's conversations written as data (docs/conversation-specs.md). A spec
 * names an assistant (an Autopilot CLI schema file), the customer webhooks a local stand-in serves,
 * and a script of turns, each one input and what the bot should do with it.
 */

/** Channels a spec can run on; each fills `memory.twilio.<channel>` as that channel would. */
export type SpecChannel = 'sms' | 'voice' | 'chat' | 'custom';

/** What the user does in one turn: exactly one of these. */
export type SpecInput =
  | { readonly kind: 'say'; readonly text: string }
  | { readonly kind: 'press'; readonly digits: string }
  | { readonly kind: 'start' }
  | { readonly kind: 'no-input' };

export type NextKind = 'listen' | 'collect' | 'end' | 'handoff';

/**
 * Expectations are partial: only what is written is checked. Strings match exactly unless written
 * as `{"contains": "…"}` or `{"matches": "regex"}`; objects match key by key (extra keys are fine);
 * arrays match element by element and must have the same length; `{"absent": true}` asks that a
 * key be missing.
 */
export interface TurnExpectations {
  /** The turn's task: the NLU's choice, the target or initiation task, or the first task run. `null`: none. */
  readonly task?: unknown;
  /** The text of each `say` and the body of each `show`, in order. */
  readonly replies?: readonly unknown[];
  /** Every output in order, as `{kind: 'say'|'play'|'show', …}` objects (partial). */
  readonly outputs?: readonly unknown[];
  /** What the dialogue waits for: a kind, or a partial match on the whole `next` (`{kind, listen|question|handoff}`). */
  readonly next?: NextKind | Readonly<Record<string, unknown>>;
  /** The collect question asked at the end of the turn. */
  readonly question?: unknown;
  /** A partial match on the dialogue's memory after the turn. */
  readonly memory?: Readonly<Record<string, unknown>>;
  /** The stand-in's calls made during the turn, in order (same count): `{path, method, params, signatureValid}`. */
  readonly webhookCalls?: readonly unknown[];
  /** The codes of the problems the turn met, in order (`[]`: none). */
  readonly problems?: readonly number[];
}

export interface SpecTurn extends TurnExpectations {
  readonly input: SpecInput;
  /** `TargetTask` for this turn (overrides the spec's). */
  readonly targetTask?: string;
}

/** One stand-in answer. `when` picks it by a partial match on the request (`{method, path, params}`). */
export interface StandInReply {
  readonly when?: unknown;
  /** A JSON value (serialised) or a string (sent as is); `null` with `down`. */
  readonly body: unknown;
  readonly status: number;
  readonly delayMs: number;
  /** Drop the connection without answering. */
  readonly down: boolean;
  /** `<file>#<JSON pointer>` in the shared corpus: the body is that value (resolved when the spec runs). */
  readonly corpus?: string;
}

export interface ConversationSpec {
  /** The spec file's absolute path. */
  readonly file: string;
  readonly name: string;
  /** As written: relative to the spec, or `corpus:<path>` in the shared corpus. */
  readonly assistant: string;
  readonly channel: SpecChannel;
  /** UserIdentifier / From. */
  readonly user: string;
  /** Fixed clock for dates in memory and relative dates in answers: an instant (`…Z`); the file's offset-less time is read in `timeZone`. */
  readonly now?: string;
  /** IANA time zone for relative dates and times in answers (default UTC). */
  readonly timeZone?: string;
  /** Timeout of customer webhook calls (default 10 000 ms, as the runtime's). */
  readonly webhookTimeoutMs?: number;
  /** `actions_url` per task unique name (the CLI schema does not carry it). */
  readonly actionsUrls: Readonly<Record<string, string>>;
  /** `TargetTask` on every turn, as in a channel URL. */
  readonly targetTask?: string;
  /** Inbound `Memory` of the channel URL, merged in when a dialogue starts. */
  readonly memory?: Readonly<Record<string, unknown>>;
  /** Path -> answers, first whose `when` matches. */
  readonly webhooks: Readonly<Record<string, readonly StandInReply[]>>;
  readonly turns: readonly SpecTurn[];
}

/** One expectation that did not hold. */
export interface Mismatch {
  /** What was compared, e.g. `replies`, `memory.twilio.collected_data.x.status`. */
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
}

/** What a turn did, as the report shows it. */
export interface ActualTurn {
  readonly task: string | null;
  readonly replies: readonly string[];
  readonly next: string;
  readonly question: string | null;
  readonly problems: readonly number[];
  readonly webhookCalls: ReadonlyArray<{ readonly method: string; readonly path: string }>;
}

export interface TurnReport {
  readonly index: number;
  /** e.g. `say "I need towels"`. */
  readonly input: string;
  readonly status: 'passed' | 'failed' | 'not-run';
  readonly mismatches: readonly Mismatch[];
  /** Set when the turn ran. */
  readonly actual?: ActualTurn;
  /** The runtime threw. */
  readonly error?: string;
}

export interface SpecReport {
  readonly file: string;
  readonly name: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  /** Why the spec failed before or outside its turns, or why it was skipped. */
  readonly reason?: string;
  readonly turns: readonly TurnReport[];
  readonly durationMs: number;
}
