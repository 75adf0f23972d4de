import { notFound } from '../errors/error-catalogue.js';
import { newSid } from '../util/sid.js';
import { requireAssistantRecord } from './assistants.js';
import type { DomainContext } from './domain-context.js';

/**
 * A dialogue's persisted state, as the runtime saves it after each turn. Decoded as untrusted
 * input: a wrong version or a broken value reads as no dialogue, so the next turn starts afresh.
 */
export interface StoredDialogue {
  readonly version: typeof DIALOGUE_STATE_VERSION;
  readonly sid: string;
  readonly assistantSid: string;
  readonly memory: Record<string, unknown>;
  /** The runtime's own state (machine state and context); opaque here. */
  readonly state: Record<string, unknown>;
}

export const DIALOGUE_STATE_VERSION = 1;
const STATE_KEY = 'state';
const conversationKey = (key: string): string => `conversation:${key}`;

/** The active dialogue of a conversation (sender + number, CallSid, user id), or a new SID for one. */
export async function dialogueSidFor(ctx: DomainContext, assistantSid: string, conversation: string): Promise<{ sid: string; isNew: boolean }> {
  const existing = await ctx.store.getValue(assistantSid, conversationKey(conversation));
  if (existing !== null && (await loadDialogue(ctx, existing)) !== null) return { sid: existing, isNew: false };
  return { sid: newSid('UK'), isNew: true };
}

export async function loadDialogue(ctx: DomainContext, dialogueSid: string): Promise<StoredDialogue | null> {
  const raw = await ctx.store.getValue(dialogueSid, STATE_KEY);
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<StoredDialogue>;
    const ok = value.version === DIALOGUE_STATE_VERSION && value.sid === dialogueSid && typeof value.assistantSid === 'string'
      && typeof value.memory === 'object' && value.memory !== null && typeof value.state === 'object' && value.state !== null;
    return ok ? (value as StoredDialogue) : null;
  } catch {
    return null;
  }
}

/** Keep the dialogue (and its conversation's pointer to it) for another listen window. */
export async function saveDialogue(ctx: DomainContext, dialogue: StoredDialogue, conversation: string, ttlSeconds: number): Promise<void> {
  await ctx.store.putValue(dialogue.sid, STATE_KEY, JSON.stringify(dialogue), ttlSeconds);
  await ctx.store.putValue(dialogue.assistantSid, conversationKey(conversation), dialogue.sid, ttlSeconds);
}

/** An ended dialogue is gone: its memory with it, and its Dialogue resource answers 404. */
export async function endDialogue(ctx: DomainContext, dialogue: { sid: string; assistantSid: string }, conversation: string): Promise<void> {
  await ctx.store.deleteValue(dialogue.sid, STATE_KEY);
  await ctx.store.deleteValue(dialogue.assistantSid, conversationKey(conversation));
}

/** The Dialogue resource: the memory of an active dialogue of this assistant, else 404. */
export async function getDialogue(ctx: DomainContext, assistant: string, dialogueSid: string): Promise<{ sid: string; assistantSid: string; memory: Record<string, unknown> }> {
  const owner = await requireAssistantRecord(ctx, assistant);
  const dialogue = await loadDialogue(ctx, dialogueSid);
  if (dialogue === null || dialogue.assistantSid !== owner.sid) throw notFound(`/Assistants/${assistant}/Dialogues/${dialogueSid}`);
  return { sid: dialogue.sid, assistantSid: dialogue.assistantSid, memory: dialogue.memory };
}
