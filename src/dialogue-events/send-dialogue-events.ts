/**
 * Hands a saved turn's (or an outside end's) events to the sender, with the dialogue as it was
 * saved; the assistant's webhooks come from the turn catalogue (read once per revision).
 */
import type { DomainContext } from '../domain/domain-context.js';
import type { StoredDialogue } from '../domain/dialogues.js';
import { turnCatalogue, type CatalogueEntry } from '../domain/turn-catalogue.js';
import type { DialogueContext } from '../dialogue/dialogue-context.js';
import { inputText } from '../dialogue/turn-steps.js';
import type { TurnRequest, TurnResult } from '../dialogue/turn-types.js';
import type { EventDialogue, EventWebhookSender } from './event-webhook-sender.js';
import { endEvents, turnEvents, type DialogueEndReason, type TurnFacts } from './turn-events.js';

/** A saved turn's events (not awaited: the reply goes first). */
export function sendTurnEvents(
  ctx: DomainContext, sender: EventWebhookSender, ran: { entry: CatalogueEntry; facts: TurnFacts }, request: TurnRequest, result: TurnResult,
): void {
  // The usual assistant has none: once that is known for this revision, a turn costs nothing here.
  if (ran.entry.webhooks?.length === 0) return;
  const dialogue: EventDialogue = {
    assistantSid: ran.entry.assistant.sid, dialogueSid: result.dialogueSid, userIdentifier: request.userIdentifier,
    channel: request.channelName, currentInput: inputText(request.input),
    memory: result.memory, confidence: result.trace.confidence, nextBestTask: result.trace.nextBestTask, fields: result.trace.fields,
  };
  sender.send(() => turnCatalogue(ctx).webhooks(ran.entry), dialogue, turnEvents(ran.facts));
}

/** A dialogue ended from outside a turn (hang-up, STOP): its task and the dialogue end. */
export function sendEndEvents(ctx: DomainContext, sender: EventWebhookSender, stored: StoredDialogue, reason: DialogueEndReason): void {
  const state = stored.state as Partial<DialogueContext>;
  const dialogue: EventDialogue = {
    assistantSid: stored.assistantSid, dialogueSid: stored.sid, userIdentifier: typeof state.userIdentifier === 'string' ? state.userIdentifier : '',
    channel: typeof state.channelName === 'string' ? state.channelName : '', currentInput: '', memory: stored.memory,
    confidence: null, nextBestTask: null, fields: [],
  };
  const task = typeof state.currentTask === 'string' ? state.currentTask : null;
  const catalogue = turnCatalogue(ctx);
  // An assistant deleted meanwhile has no webhooks left to tell.
  const lookup = async () => {
    const entry = await catalogue.find(stored.assistantSid);
    return entry === null ? [] : catalogue.webhooks(entry);
  };
  sender.send(lookup, dialogue, endEvents(task, reason));
}
