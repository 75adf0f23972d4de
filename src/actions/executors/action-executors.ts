import type { ActionKind, ActionValues } from '../action-types.js';
import { startCollect } from '../../dialogue/collect-flow.js';
import { addProblem } from '../../dialogue/dialogue-context.js';
import { DIALOGUE_ERRORS } from '../../dialogue/dialogue-errors.js';
import { remember, rememberedSize } from '../../dialogue/memory.js';
import { sayText } from '../../dialogue/targets.js';
import { requestResolve, type TurnDraft } from '../../dialogue/turn-draft.js';

/** Runs one action of its kind on a turn draft: pure, no I/O (effects are requested, not made). */
export type ActionExecutor<K extends ActionKind> = (draft: TurnDraft, value: ActionValues[K]) => void;

/**
 * One executor per action kind, keyed exhaustively: a kind added to the Actions types without an
 * executor here fails to compile. Transitional actions (redirect, collect, handoff) drop what
 * follows them in the array.
 */
export const ACTION_EXECUTORS: { readonly [K in ActionKind]: ActionExecutor<K> } = {
  say(draft, value) {
    const text = sayText(value);
    if (text !== '') draft.turn.outputs.push({ kind: 'say', text });
  },
  play(draft, value) {
    draft.turn.outputs.push({ kind: 'play', url: value.url, ...(value.loop === undefined ? {} : { loop: value.loop }), ...(value.digits === undefined ? {} : { digits: value.digits }) });
  },
  show(draft, value) {
    draft.turn.outputs.push({ kind: 'show', body: value.body, images: (value.images ?? []).map((i) => ({ url: i.url, ...(i.label === undefined ? {} : { label: i.label }) })) });
  },
  listen(draft, value) {
    if (value === false) return;
    draft.turn.listen = value === true ? {} : value;
  },
  remember(draft, value) {
    const next = remember(draft.memory, value);
    const size = rememberedSize(next);
    if (size > draft.turn.settings.memoryLimitBytes) {
      addProblem(draft.turn, {
        code: DIALOGUE_ERRORS.MEMORY_LIMIT,
        message: `remember refused: remembered memory would be ${size} bytes, over the ${draft.turn.settings.memoryLimitBytes}-byte limit`,
      });
      return;
    }
    draft.memory = next;
  },
  redirect(draft, value) {
    requestResolve(draft, value, 'redirect');
  },
  collect(draft, value) {
    startCollect(draft, value);
  },
  handoff(draft, value) {
    draft.turn.queue = [];
    draft.turn.next = { kind: 'handoff', handoff: value };
  },
};

/** Run the action at the head of the turn's queue. */
export function runNextAction(draft: TurnDraft): void {
  const action = draft.turn.queue.shift();
  if (action === undefined) return;
  const kind = Object.keys(action)[0] as ActionKind;
  draft.turn.trace.actions.push(kind);
  (ACTION_EXECUTORS[kind] as ActionExecutor<ActionKind>)(draft, (action as Record<ActionKind, ActionValues[ActionKind]>)[kind]);
}
