import { notFound } from '../errors/error-catalogue.js';
import { newSid } from '../util/sid.js';
import { requireAssistantRecord } from './assistants.js';
import type { DomainContext } from './domain-context.js';

/**
 * A dialogue's persisted state, as the runtime saves it after each turn. Decoded as untrusted
 * input: a wrong version or a broken value reads as no dialogue, so the next turn starts afresh.
 * Every key of a dialogue lives in its assistant's scope, so one turn's writes are one fenced
 * script even on Redis Cluster.
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
const stateKey = (dialogueSid: string): string => `dialogue:${dialogueSid}`;
const conversationKey = (conversation: string): string => `conversation:${conversation}`;
const replyKey = (conversation: string, idempotencyKey: string): string => `reply:${conversation}:${idempotencyKey}`;
/** The lease that lets one turn at a time run in a conversation, across processes. */
export const conversationLease = (conversation: string): string => `turn:${conversation}`;

/**
 * The active dialogue of a conversation (sender + number, CallSid, user id) with its stored state,
 * or a new SID when there is none (or its state no longer reads).
 */
export async function activeDialogue(ctx: DomainContext, assistantSid: string, conversation: string): Promise<{ sid: string; stored: StoredDialogue | null; undecodable: boolean }> {
  const existing = await ctx.store.getValue(assistantSid, conversationKey(conversation));
  if (existing === null) return { sid: newSid('UK'), stored: null, undecodable: false };
  const raw = await ctx.store.getValue(assistantSid, stateKey(existing));
  const stored = raw === null ? null : decodeDialogue(raw, assistantSid, existing);
  if (stored !== null) return { sid: existing, stored, undecodable: false };
  return { sid: newSid('UK'), stored: null, undecodable: raw !== null };
}

export async function loadDialogue(ctx: DomainContext, assistantSid: string, dialogueSid: string): Promise<StoredDialogue | null> {
  const raw = await ctx.store.getValue(assistantSid, stateKey(dialogueSid));
  return raw === null ? null : decodeDialogue(raw, assistantSid, dialogueSid);
}

function decodeDialogue(raw: string, assistantSid: string, dialogueSid: string): StoredDialogue | null {
  try {
    const value = JSON.parse(raw) as Partial<StoredDialogue>;
    const ok = value.version === DIALOGUE_STATE_VERSION && value.sid === dialogueSid && value.assistantSid === assistantSid
      && typeof value.memory === 'object' && value.memory !== null && typeof value.state === 'object' && value.state !== null;
    return ok ? (value as StoredDialogue) : null;
  } catch {
    return null;
  }
}

export interface TurnCommit {
  readonly conversation: string;
  readonly dialogueSid: string;
  /** The dialogue to keep for another listen window, or null when it ended (it is forgotten). */
  readonly dialogue: StoredDialogue | null;
  readonly ttlSeconds: number;
  /** The reply to give again if the channel retries this same request. */
  readonly reply?: { readonly idempotencyKey: string; readonly value: string; readonly ttlSeconds: number };
}

/**
 * Save a turn's outcome in one write, only while `leaseToken` still holds the conversation's lease:
 * false means another turn took over and nothing was written.
 */
export async function commitTurn(ctx: DomainContext, assistantSid: string, leaseToken: number, commit: TurnCommit): Promise<boolean> {
  const kept = commit.dialogue;
  return ctx.store.fencedWrite(assistantSid, { key: conversationLease(commit.conversation), token: leaseToken }, [
    { key: stateKey(commit.dialogueSid), value: kept === null ? null : JSON.stringify(kept), ttlSeconds: commit.ttlSeconds },
    { key: conversationKey(commit.conversation), value: kept === null ? null : commit.dialogueSid, ttlSeconds: commit.ttlSeconds },
    ...(commit.reply === undefined ? [] : [{ key: replyKey(commit.conversation, commit.reply.idempotencyKey), value: commit.reply.value, ttlSeconds: commit.reply.ttlSeconds }]),
  ]);
}

/** The reply already given to this request (a channel's retry), if any. */
export async function storedReply(ctx: DomainContext, assistantSid: string, conversation: string, idempotencyKey: string): Promise<string | null> {
  return ctx.store.getValue(assistantSid, replyKey(conversation, idempotencyKey));
}

/** End a conversation's dialogue from outside a turn (a call hung up); answers whether one was active. */
export async function forgetConversation(ctx: DomainContext, assistantSid: string, conversation: string): Promise<boolean> {
  const sid = await ctx.store.getValue(assistantSid, conversationKey(conversation));
  await ctx.store.deleteValue(assistantSid, conversationKey(conversation));
  if (sid !== null) await ctx.store.deleteValue(assistantSid, stateKey(sid));
  return sid !== null;
}

/** The Dialogue resource: the memory of an active dialogue of this assistant, else 404. */
export async function getDialogue(ctx: DomainContext, assistant: string, dialogueSid: string): Promise<{ sid: string; assistantSid: string; memory: Record<string, unknown> }> {
  const owner = await requireAssistantRecord(ctx, assistant);
  const dialogue = await loadDialogue(ctx, owner.sid, dialogueSid);
  if (dialogue === null) throw notFound(`/Assistants/${assistant}/Dialogues/${dialogueSid}`);
  return { sid: dialogue.sid, assistantSid: dialogue.assistantSid, memory: dialogue.memory };
}
