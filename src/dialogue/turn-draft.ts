import { addProblem, type DialogueContext, type ResolvePurpose, type TurnScratch } from './dialogue-context.js';
import { DIALOGUE_ERRORS } from './dialogue-errors.js';
import { resolveTarget } from './targets.js';
import type { RedirectValue } from './turn-types.js';

/** A context being changed by one step of a turn: a private copy, so every step stays pure. */
export type TurnDraft = DialogueContext & { turn: TurnScratch };

/**
 * Ask the runner to resolve a target (`task://…` or URL), counting redirects: past the limit the
 * turn stops where it is and the dialogue keeps listening (docs/dialogue.md).
 */
export function requestResolve(draft: TurnDraft, value: RedirectValue | undefined, purpose: ResolvePurpose): void {
  const turn = draft.turn;
  turn.queue = [];
  const target = resolveTarget(value);
  if (target === null) {
    addProblem(turn, { code: DIALOGUE_ERRORS.INVALID_TARGET, message: `empty or missing ${purpose} target` });
    if (purpose !== 'fallback') goToFallback(draft);
    else keepListening(draft);
    return;
  }
  // The task the NLU chose, the call's initiation and TargetTask are not redirects.
  const isRedirect = !['classified', 'initiation', 'target-task'].includes(purpose);
  if (isRedirect && turn.redirects >= turn.settings.maxRedirects) {
    addProblem(turn, { code: DIALOGUE_ERRORS.REDIRECT_LIMIT, message: `more than ${turn.settings.maxRedirects} redirects in one turn (next: ${target.uri})` });
    keepListening(draft);
    return;
  }
  if (isRedirect) turn.redirects += 1;
  turn.effect = { kind: 'resolve', target, purpose };
}

/** The assistant's fallback (`defaults.fallback`); with none, say nothing and keep listening. */
export function goToFallback(draft: TurnDraft): void {
  const fallback = draft.turn.settings.defaults.defaults?.fallback;
  if (fallback === undefined || fallback.trim() === '') {
    keepListening(draft);
    return;
  }
  requestResolve(draft, fallback, 'fallback');
}

/** Stop running actions; the dialogue waits for the next input with the listen in force. */
export function keepListening(draft: TurnDraft): void {
  draft.turn.queue = [];
  draft.turn.listen ??= draft.listen ?? {};
}
