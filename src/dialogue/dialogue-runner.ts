import type { Logger } from 'pino';
import type { SnapshotFrom } from 'xstate';
import { REVISION_KEY } from '../domain/assistant-revision.js';
import { answersTo, turnCatalogue, type CatalogueEntry } from '../domain/turn-catalogue.js';
import { invalidParameter, notFound } from '../errors/error-catalogue.js';
import type { DomainContext } from '../domain/domain-context.js';
import { DIALOGUE_STATE_VERSION, conversationEnd, decodeTurnReads, turnReadKeys, turnWrites, type ActiveDialogue, type StoredDialogue } from '../domain/dialogues.js';
import { newSid } from '../util/sid.js';
import { annotateRequest, requestLogger } from '../logging/request-context.js';
import type { ModelCache } from '../nlu/model-cache.js';
import { modelLanguage, type NluModel } from '../nlu/nlu-model.js';
import { primaryLanguage } from '../nlu/fields/text-tokens.js';
import type { Metrics } from '../observability/metrics.js';
import { twilioDate } from '../util/twilio-date.js';
import { emptyTrace, type DialogueContext } from './dialogue-context.js';
import { dialogueMachine, stepDialogue as step } from './dialogue-machine.js';
import { DIALOGUE_ERRORS } from './dialogue-errors.js';
import { DialogueBusyError, type TurnGate, type TurnOutcome } from './turn-gate.js';
import { performEffect, type RemoteActions, type TurnEnvironment } from './effect-performer.js';
import { initialMemory } from './memory.js';
import type { TurnRequest, TurnResult } from './turn-types.js';
import type { EventWebhookSender } from '../dialogue-events/event-webhook-sender.js';
import { sendEndEvents, sendTurnEvents } from '../dialogue-events/send-dialogue-events.js';
import type { DialogueEndReason, TurnFacts } from '../dialogue-events/turn-events.js';

/** Limits of a turn (design.md §3; defaults equal Autopilot's). */
export interface DialogueLimits {
  readonly memoryBytes: number;
  readonly maxRedirects: number;
  /** How long a dialogue waits for the next input before it expires. */
  readonly listenWindowSeconds: number;
}

export const DEFAULT_DIALOGUE_LIMITS: DialogueLimits = { memoryBytes: 16 * 1024, maxRedirects: 5, listenWindowSeconds: 4 * 60 * 60 };

export interface DialogueRunnerDeps {
  readonly ctx: DomainContext;
  readonly models: ModelCache;
  readonly remote: RemoteActions;
  readonly publicBaseUrl: string;
  readonly logger: Logger;
  readonly limits?: DialogueLimits;
  readonly metrics?: Pick<Metrics, 'nluQuery'>;
  /** Sends saved turns' events to the assistant's event webhooks; without it none are sent. */
  readonly events?: EventWebhookSender;
}

/**
 * How long an end keeps its place behind turns still running: a turn may hold its conversation up to
 * the gate's 30 s, and a hang-up lost to a busy line would leave the call's dialogue (and memory) alive.
 */
export const END_PATIENCE_MS = 40_000;

/**
 * End a conversation's dialogue from outside a turn (a call hung up) as a step of the turn gate,
 * after any turn in flight (whose commit would otherwise bring it back); answers whether one was active.
 * Busy is no answer here: it joins the line again until `END_PATIENCE_MS` has passed.
 */
export async function endConversation(
  gate: TurnGate, assistantSid: string, conversation: string, events?: { readonly deps: Pick<DialogueRunnerDeps, 'ctx' | 'events'>; readonly reason: DialogueEndReason },
): Promise<boolean> {
  const started = Date.now();
  for (;;) {
    try {
      const { ended, dialogue } = await gate.run(assistantSid, conversation, turnReadKeys(conversation, undefined), async (values) => {
        const end = conversationEnd(values, assistantSid, conversation);
        return { value: end, writes: end.writes };
      });
      if (dialogue !== null && events?.deps.events !== undefined) sendEndEvents(events.deps.ctx, events.deps.events, dialogue, events.reason);
      return ended;
    } catch (error) {
      if (!(error instanceof DialogueBusyError) || Date.now() - started >= END_PATIENCE_MS) throw error;
    }
  }
}

/**
 * Run a turn behind the conversation's gate: one turn at a time, in arrival order, a retry of an
 * answered request gets the same reply.
 */
export async function runTurn(deps: DialogueRunnerDeps, gate: TurnGate, request: TurnRequest): Promise<TurnResult> {
  const catalogue = turnCatalogue(deps.ctx);
  // The entry found here (usually kept in memory) only names the assistant's scope; the revision
  // read with the lease says whether it may be used as it is.
  for (let attempt = 0; ; attempt += 1) {
    const entry = await catalogue.find(request.assistantSid);
    if (entry === null) throw notFound(`/Assistants/${request.assistantSid}`);
    const sid = entry.assistant.sid;
    if (request.language !== undefined) await refuseOtherLanguage(deps, entry, request.language);
    const canonical = { ...request, assistantSid: sid };
    const reads = [REVISION_KEY, ...turnReadKeys(request.conversationKey, request.idempotencyKey)];
    let ran: { entry: CatalogueEntry; facts: TurnFacts } | null = null;
    const outcome = await gate.run(sid, request.conversationKey, reads, async (values): Promise<TurnOutcome<TurnResult | null>> => {
      const [revision = null, ...turnValues] = values;
      const current = await catalogue.current(entry, revision);
      // Renamed or deleted since it was kept: the path may now name another assistant (another scope).
      if (current === null || !answersTo(current, request.assistantSid)) return { value: null, writes: [] };
      const { reply, active } = decodeTurnReads(turnValues, sid);
      // A retry of an answered request (also one that waited behind the original) gets the first reply.
      if (reply !== null) return { value: replayedResult(reply), writes: [] };
      const leased = await runLeasedTurn(deps, canonical, current, active);
      ran = { entry: current, facts: leased.facts };
      return leased.outcome;
    });
    // Only now is the turn saved: its events go out (never for a retry, which ran nothing).
    if (outcome !== null && ran !== null && outcome.replayed !== true && deps.events !== undefined) sendTurnEvents(deps.ctx, deps.events, ran, request, outcome);
    if (outcome !== null) return outcome;
    catalogue.forget(sid);
    if (attempt >= 1) throw notFound(`/Assistants/${request.assistantSid}`);
  }
}

/** More effects than this in one turn means a bug, not a bot: stop rather than spin. */
const MAX_EFFECTS_PER_TURN = 64;

type Snapshot = SnapshotFrom<typeof dialogueMachine>;

/**
 * One turn, end to end: load the dialogue (a snapshot that does not decode starts afresh), feed the
 * input to the pure machine, perform the effects it asks for, and hand the gate a channel-neutral
 * result with what to save (or forget, for an ended dialogue). The only user of xstate's runtime.
 */
async function runLeasedTurn(deps: DialogueRunnerDeps, request: TurnRequest, entry: CatalogueEntry, active: ActiveDialogue): Promise<{ outcome: TurnOutcome<TurnResult>; facts: TurnFacts }> {
  const { ctx } = deps;
  const { assistant } = entry;
  const limits = deps.limits ?? DEFAULT_DIALOGUE_LIMITS;
  const restored = active.stored === null ? null : restoredContext(active.stored);
  const sid = restored === null && active.stored !== null ? newSid('UK') : active.sid;
  annotateRequest(request.requestContext, { assistantSid: assistant.sid, dialogueSid: sid });
  if (active.undecodable || (active.stored !== null && restored === null)) {
    requestLogger(deps.logger, request.requestContext).warn({ dialogueSid: active.sid }, 'dialogue state did not decode; starting the dialogue afresh');
  }
  let snapshot: Snapshot = dialogueMachine.resolveState({ value: 'waiting', context: restored ?? freshContext(sid, assistant.sid, request) });

  const model = await servedModel(deps, assistant);
  const language = modelLanguage(model);
  const env: TurnEnvironment = {
    assistant,
    catalogue: entry,
    model,
    // The samples' language: answers to typed questions are read in it too ("treinta y dos").
    language,
    timeZone: ctx.timeZone ?? 'UTC',
    webhooks: [],
    logs: [],
    requestContext: request.requestContext,
  };
  snapshot = step(snapshot, {
    type: 'INPUT',
    start: {
      input: request.input,
      settings: { defaults: assistant.defaults, styleSheet: assistant.styleSheet, memoryLimitBytes: limits.memoryBytes, maxRedirects: limits.maxRedirects },
      now: twilioDate(ctx.now()),
      targetTask: request.targetTask ?? null,
      channelMemoryKey: request.channelMemoryKey,
      channelMemory: request.channelMemory,
    },
  });
  for (let n = 0; snapshot.value === 'awaitingEffect'; n += 1) {
    if (n >= MAX_EFFECTS_PER_TURN) throw new Error(`dialogue ${sid}: more than ${MAX_EFFECTS_PER_TURN} effects in one turn`);
    const context = snapshot.context;
    snapshot = step(snapshot, await performEffect(deps, env, context, context.turn!.effect!));
  }
  const outcome = finishTurn(request, snapshot, env, limits);
  logDialogueProblems(deps.logger, request, outcome.value);
  const result = outcome.value;
  const facts: TurnFacts = {
    started: restored === null,
    taskBefore: restored?.currentTask ?? null,
    taskAfter: result.currentTask,
    trace: result.trace,
    ended: snapshot.value !== 'ended' ? null : result.next.kind === 'handoff' ? 'handoff' : 'completed',
  };
  return { outcome, facts };
}

const DIALOGUE_PROBLEM_CODES: ReadonlySet<number> = new Set(Object.values(DIALOGUE_ERRORS));

/**
 * The bot's own mistakes met by the turn (an unknown task, too many redirects, a memory over its
 * limit, ...) are logged with their code; failed webhooks were logged as they happened. URLs in the
 * messages keep only their origin: paths and queries may carry tokens.
 */
function logDialogueProblems(logger: Logger, request: TurnRequest, result: TurnResult): void {
  for (const problem of result.trace.problems) {
    if (!DIALOGUE_PROBLEM_CODES.has(problem.code)) continue;
    const message = problem.message.replace(/\bhttps?:\/\/[^\s"')]+/gi, (url) => originOf(url));
    requestLogger(logger, request.requestContext).warn({ code: problem.code, dialogueSid: result.dialogueSid, task: result.currentTask }, message);
  }
}

function originOf(url: string): string {
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return 'an invalid URL';
  }
}

function finishTurn(request: TurnRequest, snapshot: Snapshot, env: TurnEnvironment, limits: DialogueLimits): TurnOutcome<TurnResult> {
  const context = snapshot.context;
  const turn = context.turn!;
  const result: TurnResult = {
    dialogueSid: context.dialogueSid,
    currentTask: context.currentTask,
    outputs: turn.outputs,
    next: turn.next ?? { kind: 'end' },
    voice: env.assistant.styleSheet.style_sheet?.voice?.say_voice ?? null,
    language: env.language,
    memory: context.memory,
    trace: { ...turn.trace, webhooks: env.webhooks },
  };
  // An ended dialogue is forgotten with its memory; its Dialogue resource answers 404 from now on.
  const writes = turnWrites({
    conversation: request.conversationKey,
    dialogueSid: context.dialogueSid,
    dialogue: snapshot.value === 'ended' ? null : toStored(context),
    ttlSeconds: request.listenWindowSeconds ?? limits.listenWindowSeconds,
    ...(request.idempotencyKey === undefined ? {} : { reply: { idempotencyKey: request.idempotencyKey, value: storedReply(result, request.storedReply), ttlSeconds: REPLY_TTL_SECONDS } }),
    ...(env.sharedLive === true ? { sharedLive: true } : {}),
  });
  // The Query log goes with the commit: saved with the turn or not at all.
  return { value: result, writes, logs: env.logs };
}

/**
 * Text said to be in another language than the assistant's (its model's) is refused before the
 * turn takes its place in line, so nothing is run or stored; `en-US` is what clients send by default.
 */
async function refuseOtherLanguage(deps: DialogueRunnerDeps, entry: CatalogueEntry, requested: string): Promise<void> {
  const language = modelLanguage(await servedModel(deps, entry.assistant));
  if (requested.toLowerCase() === 'en-us' || primaryLanguage(requested) === primaryLanguage(language)) return;
  throw invalidParameter('Language', `"${requested}" is not the language of this assistant's samples; it understands ${language}`);
}

/** The model of the assistant's latest completed build, or null before its first. */
async function servedModel(deps: DialogueRunnerDeps, assistant: CatalogueEntry['assistant']): Promise<NluModel | null> {
  const buildSid = assistant.latestModelBuildSid;
  return buildSid === null ? null : deps.models.get(assistant.sid, buildSid);
}

/** How long a turn's reply is kept for the channel's retries of the same request. */
const REPLY_TTL_SECONDS = 15 * 60;

/** The reply kept for retries: all of it, or (`outputs`) without the memory and trace a messaging reply never renders. */
function storedReply(result: TurnResult, keep: TurnRequest['storedReply']): string {
  if (keep !== 'outputs') return JSON.stringify(result);
  const { memory: _memory, trace: _trace, language: _language, ...rendered } = result;
  return JSON.stringify(rendered);
}

/** A stored reply as the result of a retry; one kept without memory and trace gets empty ones. */
function replayedResult(stored: string): TurnResult {
  const result = JSON.parse(stored) as Omit<TurnResult, 'memory' | 'trace'> & Partial<Pick<TurnResult, 'memory' | 'trace'>>;
  return { ...result, memory: result.memory ?? {}, trace: result.trace ?? emptyTrace(), replayed: true };
}

function freshContext(sid: string, assistantSid: string, request: TurnRequest): DialogueContext {
  return {
    dialogueSid: sid,
    assistantSid,
    channel: request.channel,
    channelName: request.channelName,
    userIdentifier: request.userIdentifier,
    memory: initialMemory(request.channelMemoryKey, request.channelMemory, request.inboundMemory),
    currentTask: null,
    listen: null,
    collect: null,
    noInputs: 0,
    turn: null,
  };
}

/** What survives between turns: everything but the turn's scratch. */
function toStored(context: DialogueContext): StoredDialogue {
  const { turn: _turn, memory, ...state } = context;
  return { version: DIALOGUE_STATE_VERSION, sid: context.dialogueSid, assistantSid: context.assistantSid, memory, state };
}

/** Stored state is untrusted input: anything that does not look like ours reads as no dialogue. */
function restoredContext(stored: StoredDialogue): DialogueContext | null {
  const s = stored.state as Partial<DialogueContext>;
  const isObjectOrNull = (v: unknown): boolean => v === null || (typeof v === 'object' && !Array.isArray(v));
  const ok = s.dialogueSid === stored.sid && s.assistantSid === stored.assistantSid && typeof s.channel === 'string'
    && typeof s.channelName === 'string' && typeof s.userIdentifier === 'string' && typeof s.noInputs === 'number'
    && (s.currentTask === null || typeof s.currentTask === 'string') && isObjectOrNull(s.listen) && isObjectOrNull(s.collect)
    && (s.prompts === undefined || Array.isArray(s.prompts))
    && (s.collect == null || (typeof s.collect.index === 'number' && Array.isArray(s.collect.spec?.questions)));
  return ok ? { ...(s as Omit<DialogueContext, 'memory' | 'turn'>), memory: stored.memory, turn: null } : null;
}
