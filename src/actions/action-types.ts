/**
 * Types of Autopilot's Actions language, Defaults and StyleSheet documents, mirroring
 * actions-schema/*.schema.json. A value only has these types after `checkActions` /
 * `checkDefaults` / `checkStyleSheet` accepted it. Purely types: no runtime code here.
 */

/** `GET` or `POST`, in any letter case (the schema accepts `post`). */
export type HttpMethod = string;

/** `task://unique_name`, an http(s) URL, or `""` (a placeholder real templates ship). */
export type Target = string;

/** A redirect: a target string, or `{uri, method}` (method is ignored for `task://`). */
export type RedirectValue = Target | { uri: Target; method?: HttpMethod };

/** Say text: a string or the normalized `{speech}` form. `""` means say nothing. */
export type SayValue = string | { speech: string };

/** `{say: …}` as used in on_failure messages, on_success and question prompts. */
export interface SayObject {
  say: SayValue;
}

export interface PlayOptions {
  url: string;
  loop?: number;
  /** DTMF tones (`0-9`, `w`, `*`, `#`); unconfirmed by the docs. */
  digits?: string;
}

export interface ShowImage {
  label?: string;
  url: string;
}

export interface ShowOptions {
  body: string;
  images?: ShowImage[];
}

export interface VoiceDigits {
  num_digits?: number;
  finish_on_key?: string;
  /** Pressed digit string -> target. */
  redirects?: Record<string, Target>;
  /** (collect questions) Pressed digit string -> the answer it stands for (Twilio's IVR sample: `{"1": "sales"}`). */
  mapping?: Record<string, string>;
}

export interface ListenOptions {
  /** Restricts classification of the next input to these task unique names. */
  tasks?: string[];
  voice_digits?: VoiceDigits;
  barge?: boolean;
}

/** `false` behaves as if no listen were present. */
export type ListenValue = boolean | ListenOptions;

export interface MaxAttempts {
  redirect?: RedirectValue;
  num_attempts?: number;
}

export interface ValidateOptions {
  allowed_values?: { list: string[] };
  on_failure?: { messages?: SayObject[]; repeat_question?: boolean };
  on_success?: SayObject;
  max_attempts?: MaxAttempts;
  webhook?: { url: string; method?: HttpMethod };
}

/** Grammar not pinned down (reference §9.6): the schema tolerates unknown keys here. */
export interface ConfirmReply {
  say?: SayValue;
  messages?: SayObject[];
  [extra: string]: unknown;
}

export interface ConfirmOptions {
  messages?: SayObject[];
  on_confirm?: ConfirmReply;
  on_reject?: ConfirmReply;
  max_attempts?: MaxAttempts;
  [extra: string]: unknown;
}

export interface CollectQuestion {
  /** A string or `{say: …}`. */
  question: string | SayObject;
  name: string;
  /** `Twilio.*` built-in or a custom field type unique name; absent = free-form. */
  type?: string;
  prefill?: string;
  voice_digits?: VoiceDigits;
  barge?: boolean;
  validate?: ValidateOptions;
  confirm?: ConfirmOptions;
}

export interface CollectOptions {
  name: string;
  questions: CollectQuestion[];
  on_complete: { redirect: RedirectValue };
}

/** Merged into memory key by key; values are any JSON. */
export type RememberValue = Record<string, unknown>;

export interface HandoffOptions {
  channel: 'voice';
  /** TwiML URL or `taskrouter://WW…`; placeholders and `""` pass the schema. */
  uri: string;
  method?: HttpMethod;
  voice_status_callback_url?: string;
  voice_status_callback_method?: HttpMethod;
  wait_url?: string;
  wait_url_method?: HttpMethod;
  action?: string;
  /** Digit string (as templates write it) or integer. */
  priority?: string | number;
  timeout?: string | number;
}

/** Map from action kind to its value, so executors can be keyed exhaustively by kind. */
export interface ActionValues {
  say: SayValue;
  play: PlayOptions;
  show: ShowOptions;
  listen: ListenValue;
  collect: CollectOptions;
  remember: RememberValue;
  redirect: RedirectValue;
  handoff: HandoffOptions;
}

export type ActionKind = keyof ActionValues;

/** The action object of one kind, e.g. `ActionOf<'say'>` is `{say: SayValue}`. */
export type ActionOf<K extends ActionKind> = { [P in K]: ActionValues[P] };

export type SayAction = ActionOf<'say'>;
export type PlayAction = ActionOf<'play'>;
export type ShowAction = ActionOf<'show'>;
export type ListenAction = ActionOf<'listen'>;
export type CollectAction = ActionOf<'collect'>;
export type RememberAction = ActionOf<'remember'>;
export type RedirectAction = ActionOf<'redirect'>;
export type HandoffAction = ActionOf<'handoff'>;

/** One element of the actions array: exactly one action key. */
export type Action = { [K in ActionKind]: ActionOf<K> }[ActionKind];

export interface ActionsDocument {
  actions: Action[];
}

export interface Defaults {
  assistant_initiation?: Target;
  fallback?: Target;
  collect?: { validate_on_failure?: Target };
}

/** `{}` means no defaults set. */
export interface DefaultsDocument {
  defaults?: Defaults;
}

export interface StyleSheet {
  name?: string;
  voice?: { say_voice?: string };
  collect?: {
    validate?: {
      on_failure?: { messages?: SayObject[]; repeat_question?: boolean };
      on_success?: SayObject;
      /** A plain number here, unlike the question-level `{redirect, num_attempts}`. */
      max_attempts?: number;
    };
  };
}

/** `{}` means no style sheet set. */
export interface StyleSheetDocument {
  style_sheet?: StyleSheet;
}
