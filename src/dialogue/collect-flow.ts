import type { CollectOptions, CollectQuestion, ConfirmReply, SayObject } from '../actions/action-types.js';
import { collectedData, withCollectedData } from './memory.js';
import type { CollectProgress, MediaItem } from './turn-types.js';
import { sayText } from './targets.js';
import { allowedValueNamed } from './allowed-values.js';
import { goToFallback, requestResolve, type TurnDraft } from './turn-draft.js';

/** Attempts at one question when neither the question nor the style sheet sets a limit. */
export const DEFAULT_MAX_ATTEMPTS = 3;

type Answers = Record<string, Record<string, unknown>>;

/** `collect`: open `collected_data.<name>`, then ask (or prefill) the first question. */
export function startCollect(draft: TurnDraft, spec: CollectOptions): void {
  draft.turn.queue = [];
  draft.memory = withCollectedData(draft.memory, spec.name, {
    status: 'in-progress', date_started: draft.turn.now, date_completed: '', answers: {},
  });
  // The fields of the utterance that started the task, kept for `prefill` of questions asked on later turns
  // (those turns run no NLU, so their own fields are empty).
  const prefills = Object.fromEntries(draft.turn.trace.fields.map((f) => [f.name, f.value]));
  draft.collect = { task: draft.currentTask ?? '', spec, index: 0, attempts: 0, pendingAnswer: null, pendingRaw: null, prefills };
  advance(draft);
}

/** The user's answer to the question being asked (or a prefilled value), or to its confirmation; media (MMS) is kept with it. */
export function beginAnswer(draft: TurnDraft, raw: string, media?: readonly MediaItem[]): void {
  const collect = draft.collect!;
  if (collect.confirming != null) {
    draft.turn.effect = { kind: 'recognise', type: 'Twilio.YES_NO', text: raw };
    return;
  }
  const question = collect.spec.questions[collect.index]!;
  const typed = question.type !== undefined && question.type !== '';
  // A photo alone answers a free-form question with its URLs; a typed question reads the text only
  // (a media URL holds Twilio's API date, which must not read as a number or a date).
  const answer = !typed && raw.trim() === '' && media !== undefined && media.length > 0 ? media.map((m) => m.url).join(' ') : raw;
  draft.collect = { ...collect, attempts: collect.attempts + 1, pendingRaw: answer, pendingAnswer: null };
  // `type` is there from the first attempt (autopilot.md §4.3: present when the question has a type), not only once filled.
  // `media` is the media of this attempt's message: a photo an earlier, rejected attempt carried goes.
  bumpAnswer(draft, question.name, {
    attempts: collect.attempts + 1,
    ...(typed ? { type: question.type } : {}),
    media: media !== undefined && media.length > 0 ? media.map((m) => ({ url: m.url, ...(m.contentType ? { content_type: m.contentType } : {}) })) : undefined,
  });
  if (typed) {
    draft.turn.effect = { kind: 'recognise', type: question.type!, text: raw };
    return;
  }
  // A blank message (spaces, or a WhatsApp location without text) is no answer: asked again.
  if (answer.trim() === '') {
    rejectAnswer(draft);
    return;
  }
  checkAnswer(draft, answer.trim());
}

/** The recogniser's verdict on the answer: a normalised value, or null when it is not of the type. */
export function answerRecognised(draft: TurnDraft, value: string | null): void {
  if (draft.collect!.confirming != null) confirmation(draft, value === 'Yes');
  else if (value === null) rejectAnswer(draft);
  else checkAnswer(draft, value);
}

/** The validate webhook's verdict. */
export function answerValidated(draft: TurnDraft, valid: boolean): void {
  if (valid) acceptAnswer(draft, draft.collect!.pendingAnswer!);
  else rejectAnswer(draft);
}

function checkAnswer(draft: TurnDraft, answer: string): void {
  const collect = draft.collect!;
  const question = collect.spec.questions[collect.index]!;
  const validate = question.validate;
  const allowed = validate?.allowed_values?.list;
  if (allowed !== undefined || validate?.webhook !== undefined) bumpAnswer(draft, question.name, { validate_attempts: validateAttempts(draft, question) + 1 });
  // Stored as the list spells it, as a custom type stores its canonical value.
  const value = allowed === undefined ? answer : allowedValueNamed(allowed, answer);
  if (value === null) {
    rejectAnswer(draft);
    return;
  }
  if (validate?.webhook !== undefined) {
    draft.collect = { ...collect, pendingAnswer: value };
    draft.turn.effect = {
      kind: 'validate', url: validate.webhook.url, method: validate.webhook.method?.toUpperCase() === 'GET' ? 'GET' : 'POST',
      question: question.name, type: question.type ?? null, answer: value,
    };
    return;
  }
  acceptAnswer(draft, value);
}

function acceptAnswer(draft: TurnDraft, value: string): void {
  const collect = draft.collect!;
  const question = collect.spec.questions[collect.index]!;
  noteAttempt(draft, value);
  bumpAnswer(draft, question.name, { answer: value, filled: true, ...(question.type ? { type: question.type } : {}) });
  const onSuccess = question.validate?.on_success ?? styleValidate(draft)?.on_success;
  say(draft, onSuccess);
  if (question.confirm !== undefined) {
    draft.collect = { ...collect, pendingAnswer: null, confirming: value };
    askConfirmation(draft, question, value);
    return;
  }
  nextQuestion(draft);
}

function nextQuestion(draft: TurnDraft): void {
  draft.collect = { ...draft.collect!, index: draft.collect!.index + 1, attempts: 0, pendingAnswer: null, pendingRaw: null, confirming: null, confirmAttempts: 0 };
  advance(draft);
}

/**
 * `confirm` (its grammar was never pinned down, autopilot.md §9 item 6): the messages ask, rotating by
 * attempt, with `{question_name}` replaced by the answer; a yes says `on_confirm` and moves on, a no
 * says `on_reject` and asks the question again, until `confirm.max_attempts` sends the flow on.
 */
function askConfirmation(draft: TurnDraft, question: CollectQuestion, value: string): void {
  const messages = question.confirm?.messages ?? [];
  const message = messages[(draft.collect!.confirmAttempts ?? 0) % Math.max(messages.length, 1)];
  const text = message === undefined ? '' : sayText(message).split(`{${question.name}}`).join(value);
  if (text !== '') draft.turn.outputs.push({ kind: 'say', text });
}

function confirmation(draft: TurnDraft, confirmed: boolean): void {
  const collect = draft.collect!;
  const question = collect.spec.questions[collect.index]!;
  const confirm = question.confirm!;
  const attempts = (collect.confirmAttempts ?? 0) + 1;
  bumpAnswer(draft, question.name, { confirm_attempts: attempts, confirmed });
  if (confirmed) {
    sayReply(draft, confirm.on_confirm);
    nextQuestion(draft);
    return;
  }
  draft.collect = { ...collect, confirming: null, confirmAttempts: attempts, attempts: 0 };
  bumpAnswer(draft, question.name, { filled: false });
  // As for validation: the confirm's own count, else the style sheet's, else 3 (a redirect without a
  // count, or no max_attempts at all, used to ask again for ever).
  const limit = confirm.max_attempts?.num_attempts ?? styleValidate(draft)?.max_attempts ?? DEFAULT_MAX_ATTEMPTS;
  if (attempts >= limit) {
    draft.collect = null;
    const redirect = confirm.max_attempts?.redirect ?? draft.turn.settings.defaults.defaults?.collect?.validate_on_failure;
    if (redirect === undefined) goToFallback(draft);
    else requestResolve(draft, redirect, 'max-attempts');
    return;
  }
  sayReply(draft, confirm.on_reject);
  ask(draft, question);
}

/** A confirm reply: `{say}` and/or `{messages: [{say}]}`. */
function sayReply(draft: TurnDraft, reply: ConfirmReply | undefined): void {
  if (reply?.say !== undefined) say(draft, { say: reply.say });
  for (const message of reply?.messages ?? []) say(draft, message);
}

function rejectAnswer(draft: TurnDraft): void {
  const collect = draft.collect!;
  const question = collect.spec.questions[collect.index]!;
  noteAttempt(draft, null);
  const style = styleValidate(draft);
  const limit = question.validate?.max_attempts?.num_attempts ?? style?.max_attempts ?? DEFAULT_MAX_ATTEMPTS;
  draft.collect = { ...collect, pendingAnswer: null };
  if (collect.attempts >= limit) {
    draft.collect = null;
    const redirect = question.validate?.max_attempts?.redirect ?? draft.turn.settings.defaults.defaults?.collect?.validate_on_failure;
    if (redirect === undefined) goToFallback(draft);
    else requestResolve(draft, redirect, 'max-attempts');
    return;
  }
  const failure = question.validate?.on_failure ?? style?.on_failure;
  const messages = failure?.messages ?? [];
  // Messages rotate by attempt: the first failure says the first one, and so on, wrapping round.
  if (messages.length > 0) say(draft, messages[(collect.attempts - 1) % messages.length]);
  const repeat = question.validate?.on_failure?.repeat_question ?? style?.on_failure?.repeat_question ?? messages.length === 0;
  if (repeat) ask(draft, question);
}

/** Ask the next unanswered question, prefill it, or finish the collect. */
function advance(draft: TurnDraft): void {
  const collect = draft.collect!;
  const question = collect.spec.questions[collect.index];
  if (question === undefined) {
    complete(draft);
    return;
  }
  const prefill = question.prefill === undefined ? undefined : prefillValue(draft, collect, question.prefill);
  if (prefill !== undefined && collect.attempts === 0) {
    // A prefilled value is an answer like any other: validation still runs on it.
    beginAnswer(draft, prefill);
    return;
  }
  ask(draft, question);
}

/** A question's prefill: the field of the utterance that started the task (a collect stored before prefills were kept reads this turn's). */
function prefillValue(draft: TurnDraft, collect: CollectProgress, field: string): string | undefined {
  if (collect.prefills !== undefined) return Object.hasOwn(collect.prefills, field) ? collect.prefills[field] : undefined;
  return draft.turn.trace.fields.find((f) => f.name === field)?.value;
}

function ask(draft: TurnDraft, question: CollectQuestion): void {
  const text = sayText(question.question);
  if (text !== '') draft.turn.outputs.push({ kind: 'say', text });
}

function complete(draft: TurnDraft): void {
  const collect = draft.collect!;
  const record = collectedData(draft.memory, collect.spec.name) ?? {};
  draft.memory = withCollectedData(draft.memory, collect.spec.name, { ...record, status: 'complete', date_completed: draft.turn.now });
  draft.collect = null;
  requestResolve(draft, collect.spec.on_complete.redirect, 'on-complete');
}

/** The answer's verdict, for the trace (`onCollectAttempt` event webhooks). */
function noteAttempt(draft: TurnDraft, value: string | null): void {
  const collect = draft.collect!;
  (draft.turn.trace.steps ??= []).push({
    kind: 'collect', task: collect.task, collect: collect.spec.name, question: collect.spec.questions[collect.index]!.name,
    answer: collect.pendingRaw ?? '', value, valid: value !== null, attempt: collect.attempts,
  });
}

function bumpAnswer(draft: TurnDraft, question: string, change: Record<string, unknown>): void {
  const name = draft.collect!.spec.name;
  const record = collectedData(draft.memory, name) ?? {};
  const answers = (record.answers as Answers | undefined) ?? {};
  const current = answers[question] ?? { answer: null, filled: false, attempts: 0, validate_attempts: 0, confirm_attempts: 0, confirmed: false };
  // A change to undefined removes the key (memory is JSON).
  const next = Object.fromEntries(Object.entries({ ...current, ...change }).filter(([, value]) => value !== undefined));
  draft.memory = withCollectedData(draft.memory, name, { ...record, answers: { ...answers, [question]: next } });
}

function validateAttempts(draft: TurnDraft, question: CollectQuestion): number {
  const answers = collectedData(draft.memory, draft.collect!.spec.name)?.answers as Answers | undefined;
  return Number(answers?.[question.name]?.validate_attempts ?? 0);
}

function styleValidate(draft: TurnDraft) {
  return draft.turn.settings.styleSheet.style_sheet?.collect?.validate;
}

function say(draft: TurnDraft, value: SayObject | undefined): void {
  const text = value === undefined ? '' : sayText(value);
  if (text !== '') draft.turn.outputs.push({ kind: 'say', text });
}
