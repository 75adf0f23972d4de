/**
 * Which event webhooks a committed turn fires, and their own parameters (docs/event-webhooks.md).
 * Pure: the runner hands in what the turn did, the sender adds the Autopilot request around it.
 * Autopilot never documented these payloads (autopilot.md §9 item 7); the names are its own event names.
 */
import type { WEBHOOK_EVENTS } from '../domain/webhooks.js';
import type { TurnTrace } from '../dialogue/turn-types.js';

export type DialogueEventName = (typeof WEBHOOK_EVENTS)[number];

/** Why a dialogue ended: its actions ended it (no listen, no collect), a handoff, the call hung up or the user texted STOP. */
export type DialogueEndReason = 'completed' | 'handoff' | 'hangup' | 'opt-out';

/** One event of a turn: its name, the task it concerns (sent as `CurrentTask`) and its own parameters. */
export interface DialogueEventNotice {
  readonly event: DialogueEventName;
  readonly task: string | null;
  readonly params: Readonly<Record<string, string>>;
}

/** What a committed turn did, as its events need it. */
export interface TurnFacts {
  /** The turn created the dialogue (no dialogue was active for the conversation). */
  readonly started: boolean;
  /** The dialogue's task before the turn. */
  readonly taskBefore: string | null;
  /** The dialogue's task after the turn. */
  readonly taskAfter: string | null;
  readonly trace: Pick<TurnTrace, 'steps' | 'webhooks'>;
  /** Set when the turn ended the dialogue. */
  readonly ended: DialogueEndReason | null;
}

/** The purpose of a webhook call that is not an actions fetch (everything else answers with Actions). */
const NOT_AN_ACTIONS_FETCH = 'validate';

/**
 * A turn's events in the order they happened: the start; then each actions fetch, collect answer and
 * task change (the task left ends, the next one starts); the turn; and the end with the task it ended in.
 */
export function turnEvents(facts: TurnFacts): DialogueEventNotice[] {
  const events: DialogueEventNotice[] = [];
  if (facts.started) events.push({ event: 'onDialogueStart', task: facts.taskBefore, params: {} });
  const steps = facts.trace.steps ?? [];
  const fetches = facts.trace.webhooks.filter((call) => call.purpose !== NOT_AN_ACTIONS_FETCH);
  let current = facts.taskBefore;
  for (let i = 0; i <= steps.length; i += 1) {
    // A call made after i steps comes before step i.
    for (const call of fetches) if ((call.step ?? 0) === i) events.push(fetchEvent(call));
    const step = steps[i];
    if (step === undefined) continue;
    if (step.kind === 'collect') {
      events.push({
        event: 'onCollectAttempt',
        task: step.task,
        params: {
          CollectName: step.collect, CollectQuestion: step.question, CollectAnswer: step.answer,
          CollectValue: step.value ?? '', CollectValid: String(step.valid), CollectAttempt: String(step.attempt),
        },
      });
      continue;
    }
    if (current !== null) events.push({ event: 'onDialogueTaskEnd', task: current, params: {} });
    events.push({ event: 'onDialogueTaskStart', task: step.task, params: {} });
    current = step.task;
  }
  events.push({ event: 'onDialogueTurn', task: facts.taskAfter, params: {} });
  if (facts.ended !== null) events.push(...endEvents(current ?? facts.taskAfter, facts.ended));
  return events;
}

function fetchEvent(call: TurnTrace['webhooks'][number]): DialogueEventNotice {
  return {
    event: 'onActionsFetch',
    task: call.task ?? null,
    params: {
      ActionsUrl: withoutCredentials(call.url), ActionsMethod: call.method, ActionsPurpose: call.purpose,
      ActionsStatus: call.status === null ? '' : String(call.status), ActionsOk: String(call.ok),
      ActionsDurationMs: String(call.durationMs), ...(call.code === undefined ? {} : { ErrorCode: String(call.code) }),
    },
  };
}

/** A dialogue that ends: its task ends with it. */
export function endEvents(task: string | null, reason: DialogueEndReason): DialogueEventNotice[] {
  return [
    ...(task === null ? [] : [{ event: 'onDialogueTaskEnd' as const, task, params: {} }]),
    { event: 'onDialogueEnd', task, params: { DialogueEndReason: reason } },
  ];
}

/** A URL as the events report it: credentials written in it (sent as Basic auth) stay out. */
function withoutCredentials(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return raw;
  }
}
