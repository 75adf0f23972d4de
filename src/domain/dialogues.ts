import { notFound } from '../errors/error-catalogue.js';
import { requireAssistantRecord } from './assistants.js';
import type { DomainContext } from './domain-context.js';

/** A dialogue's payload as the Dialogue resource shows it: its memory, while it is active. */
export interface DialoguePayload {
  readonly assistantSid: string;
  readonly memory: Record<string, unknown>;
}

const PAYLOAD_KEY = 'payload';

/** Written by the dialogue runtime each turn; expires with the dialogue's listen window. */
export async function saveDialoguePayload(ctx: DomainContext, dialogueSid: string, payload: DialoguePayload, ttlSeconds: number): Promise<void> {
  await ctx.store.putValue(dialogueSid, PAYLOAD_KEY, JSON.stringify(payload), ttlSeconds);
}

export async function endDialogue(ctx: DomainContext, dialogueSid: string): Promise<void> {
  await ctx.store.deleteValue(dialogueSid, PAYLOAD_KEY);
}

/** 404 once the dialogue ended or expired, and for a dialogue of another assistant. */
export async function getDialogue(ctx: DomainContext, assistant: string, dialogueSid: string): Promise<DialoguePayload & { sid: string }> {
  const owner = await requireAssistantRecord(ctx, assistant);
  const raw = await ctx.store.getValue(dialogueSid, PAYLOAD_KEY);
  const payload = raw === null ? null : (JSON.parse(raw) as DialoguePayload);
  if (payload === null || payload.assistantSid !== owner.sid) throw notFound(`/Assistants/${assistant}/Dialogues/${dialogueSid}`);
  return { ...payload, sid: dialogueSid };
}
