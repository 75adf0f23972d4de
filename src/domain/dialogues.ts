import { notFound } from '../errors/error-catalogue.js';
import { newSid } from '../util/sid.js';
import { requireAssistantRecord } from './assistants.js';
import type { DomainContext } from './domain-context.js';
import type { ValueWrite } from '../store/record-store.js';

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

export const DIALOGUE_STATE_VERSION = 2;
/**
 * A conversation's key holds its active dialogue's state itself, so a turn reads it in the same
 * step that grants the turn; the dialogue's SID points back at its conversation for the REST API.
 */
const conversationKey = (conversation: string): string => `conversation:${conversation}`;
const dialogueKey = (dialogueSid: string): string => `dialogue:${dialogueSid}`;
const replyKey = (conversation: string, idempotencyKey: string): string => `reply:${conversation}:${idempotencyKey}`;
/** The memory of a turn in flight, as the webhooks it calls are sent it (until its commit). */
const liveKey = (dialogueSid: string): string => `live:${dialogueSid}`;
/**
 * How long an in-flight memory outlives a turn that never commits (its process died): longer than
 * any webhook call may take, short enough not to show an unsaved turn for long.
 */
const LIVE_TTL_SECONDS = 30;
/** The lease that lets one turn at a time run in a conversation, across processes. */
export const conversationLease = (conversation: string): string => `turn:${conversation}`;

/** The active dialogue of a conversation, as a turn finds it. */
export interface ActiveDialogue {
  /** The stored dialogue's SID, or a new one when there is none (or its state no longer reads). */
  readonly sid: string;
  readonly stored: StoredDialogue | null;
  /** Something was stored but did not read as a dialogue (it is replaced). */
  readonly undecodable: boolean;
}

/** What a turn reads with its lease: the stored reply of its request (a retry) and the conversation's dialogue. */
export interface TurnReads {
  readonly reply: string | null;
  readonly active: ActiveDialogue;
}

/** The keys a turn reads with its lease, in the order `decodeTurnReads` expects them. */
export function turnReadKeys(conversation: string, idempotencyKey: string | undefined): string[] {
  return idempotencyKey === undefined ? [conversationKey(conversation)] : [conversationKey(conversation), replyKey(conversation, idempotencyKey)];
}

export function decodeTurnReads(values: readonly (string | null)[], assistantSid: string): TurnReads {
  const raw = values[0] ?? null;
  const stored = raw === null ? null : decodeDialogue(raw, assistantSid, null);
  return {
    reply: values[1] ?? null,
    active: stored !== null ? { sid: stored.sid, stored, undecodable: false } : { sid: newSid('UK'), stored: null, undecodable: raw !== null },
  };
}

export async function loadDialogue(ctx: DomainContext, assistantSid: string, dialogueSid: string): Promise<StoredDialogue | null> {
  const conversation = await ctx.store.getValue(assistantSid, dialogueKey(dialogueSid));
  if (conversation === null) return null;
  const raw = await ctx.store.getValue(assistantSid, conversationKey(conversation));
  return raw === null ? null : decodeDialogue(raw, assistantSid, dialogueSid);
}

/** Stored state is untrusted: a wrong version, owner or SID (when one is expected) reads as none. */
function decodeDialogue(raw: string, assistantSid: string, dialogueSid: string | null): StoredDialogue | null {
  try {
    const value = JSON.parse(raw) as Partial<StoredDialogue>;
    const ok = value.version === DIALOGUE_STATE_VERSION && typeof value.sid === 'string' && (dialogueSid === null || value.sid === dialogueSid)
      && value.assistantSid === assistantSid
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
  /** The turn shared its memory with webhooks (`shareLiveMemory`): the commit supersedes it. */
  readonly sharedLive?: boolean;
}

/**
 * What a turn saves: the dialogue (or its end), the pointer from its SID back to the conversation,
 * and the reply for retries. Written by the turn gate with its commit, only while the lease holds.
 */
export function turnWrites(commit: TurnCommit): ValueWrite[] {
  const kept = commit.dialogue;
  return [
    { key: conversationKey(commit.conversation), value: kept === null ? null : JSON.stringify(kept), ttlSeconds: commit.ttlSeconds },
    { key: dialogueKey(commit.dialogueSid), value: kept === null ? null : commit.conversation, ttlSeconds: commit.ttlSeconds },
    ...(commit.reply === undefined ? [] : [{ key: replyKey(commit.conversation, commit.reply.idempotencyKey), value: commit.reply.value, ttlSeconds: commit.reply.ttlSeconds }]),
    ...(commit.sharedLive === true ? [{ key: liveKey(commit.dialogueSid), value: null }] : []),
  ];
}

/**
 * A webhook may fetch the Dialogue (`DialoguePayloadUrl`) while the turn that called it runs:
 * the turn's memory so far is kept for it until the turn commits, so the Dialogue answers with
 * the memory the webhook was sent, on its first turn too (nothing is committed yet then).
 */
export async function shareLiveMemory(ctx: DomainContext, assistantSid: string, dialogueSid: string, memory: Record<string, unknown>): Promise<void> {
  await ctx.store.putValue(assistantSid, liveKey(dialogueSid), JSON.stringify({ sid: dialogueSid, assistantSid, memory }), LIVE_TTL_SECONDS);
}

/**
 * The end of a conversation's dialogue from outside a turn (a call hung up): from the values of
 * `turnReadKeys(conversation, undefined)`, whether a dialogue was active and the writes that end it.
 * Run through the turn gate like a turn, after any turn in flight, so that turn's commit cannot
 * bring the dialogue back.
 */
export function conversationEnd(values: readonly (string | null)[], assistantSid: string, conversation: string): { ended: boolean; dialogue: StoredDialogue | null; writes: ValueWrite[] } {
  const raw = values[0] ?? null;
  if (raw === null) return { ended: false, dialogue: null, writes: [] };
  const stored = decodeDialogue(raw, assistantSid, null);
  return {
    ended: true,
    dialogue: stored,
    writes: [{ key: conversationKey(conversation), value: null }, ...(stored === null ? [] : [{ key: dialogueKey(stored.sid), value: null }])],
  };
}

/** The Dialogue resource: the memory of an active dialogue of this assistant, else 404. */
export async function getDialogue(ctx: DomainContext, assistant: string, dialogueSid: string): Promise<{ sid: string; assistantSid: string; memory: Record<string, unknown> }> {
  const owner = await requireAssistantRecord(ctx, assistant);
  const live = decodeLive(await ctx.store.getValue(owner.sid, liveKey(dialogueSid)), owner.sid, dialogueSid);
  if (live !== null) return live;
  const dialogue = await loadDialogue(ctx, owner.sid, dialogueSid);
  if (dialogue === null) throw notFound(`/Assistants/${assistant}/Dialogues/${dialogueSid}`);
  return { sid: dialogue.sid, assistantSid: dialogue.assistantSid, memory: dialogue.memory };
}

function decodeLive(raw: string | null, assistantSid: string, dialogueSid: string): { sid: string; assistantSid: string; memory: Record<string, unknown> } | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as { sid?: unknown; assistantSid?: unknown; memory?: unknown };
    const ok = value.sid === dialogueSid && value.assistantSid === assistantSid && typeof value.memory === 'object' && value.memory !== null;
    return ok ? { sid: dialogueSid, assistantSid, memory: value.memory as Record<string, unknown> } : null;
  } catch {
    return null;
  }
}
