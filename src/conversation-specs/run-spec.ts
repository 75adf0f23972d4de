/**
 * Runs one conversation spec offline: a fresh embedded store and Parley, the assistant imported
 * with its model built, a webhook stand-in on 127.0.0.1, the turns through `runTurn`, each
 * compared with its expectations. Always cleans up; never throws for a spec's fault.
 */
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { pino, type Logger } from 'pino';
import { loadConfig } from '../config/config.js';
import type { TurnInput, TurnRequest } from '../dialogue/turn-types.js';
import { callInput } from '../channels/voice/voice-webhook.js';
import { listModelBuilds } from '../domain/model-builds.js';
import { updateTask } from '../domain/tasks.js';
import { importAssistant } from '../import-export/import-assistant.js';
import { createParley, type Parley } from '../parley.js';
import { BUILD_ERRORS, checkTrainingSet, readTrainingSet } from '../nlu/training-set.js';
import { MemoryRecordStore } from '../store/memory/memory-record-store.js';
import { actualTurn, checkTurn, describeInput } from './check-turn.js';
import { parseSpec } from './parse-spec.js';
import { CorpusMissing, corpusValue, expandPlaceholders, readJsonFile, specPath } from './spec-files.js';
import type { ConversationSpec, SpecReport, SpecTurn, StandInReply, TurnReport } from './spec-types.js';
import { WebhookStandIn } from './webhook-stand-in.js';

export interface RunSpecOptions {
  /** Where `corpus:` paths point (default `../shared` from the working directory; see `defaultSharedDir`). */
  readonly sharedDir?: string;
  /** Parley's logs during the run (default: silent). */
  readonly logger?: Logger;
}

/** Fixed test credentials: the stand-in checks signatures with the same token. */
export const SPEC_ACCOUNT_SID = 'AC00000000000000000000000000c0ffee';
const SPEC_AUTH_TOKEN = 'parley-conversation-spec-token';
/** The bot's own number (`To`) on SMS and voice. */
const BOT_NUMBER = '+15005550006';

/** The shared corpus as the project locates it: `PARLEY_SHARED_DIR`, else `../shared`, from the working directory. */
export function defaultSharedDir(env: Readonly<Record<string, string | undefined>>): string {
  return resolve(process.cwd(), env.PARLEY_SHARED_DIR?.trim() || '../shared');
}

/** Reads, checks and runs the spec file at `file`. */
export async function runSpecFile(file: string, options: RunSpecOptions = {}): Promise<SpecReport> {
  const started = performance.now();
  const path = resolve(file);
  let spec: ConversationSpec;
  try {
    spec = parseSpec(readJsonFile(path, 'spec'), path);
  } catch (error) {
    return { file: path, name: path, status: 'failed', reason: (error as Error).message, turns: [], durationMs: elapsed(started) };
  }
  return runSpec(spec, options);
}

export async function runSpec(spec: ConversationSpec, options: RunSpecOptions = {}): Promise<SpecReport> {
  const started = performance.now();
  const sharedDir = options.sharedDir ?? defaultSharedDir({});
  const report = (status: SpecReport['status'], turns: TurnReport[], reason?: string): SpecReport => ({
    file: spec.file, name: spec.name, status, ...(reason === undefined ? {} : { reason }), turns, durationMs: elapsed(started),
  });
  const standIn = new WebhookStandIn(SPEC_AUTH_TOKEN);
  let parley: Parley | null = null;
  const turns: TurnReport[] = [];
  try {
    const rawSchema = readJsonFile(specPath(spec.assistant, spec.file, sharedDir), 'assistant file');
    const routes = resolveCorpusReplies(spec.webhooks, sharedDir);
    await standIn.start();
    const ready = expandPlaceholders({ ...spec, webhooks: routes }, standIn.baseUrl);
    standIn.serve(ready.webhooks);
    parley = createParley(specConfig(ready), new MemoryRecordStore(), options.logger ?? pino({ level: 'silent' }),
      ready.now === undefined ? undefined : fixedClock(ready.now), { webhookTimeoutMs: ready.webhookTimeoutMs, outboundOnlyAllowed: { ...OFFLINE, origins: [new URL(standIn.baseUrl).origin] } });
    const assistantSid = await importWithModel(parley, ready, expandPlaceholders(rawSchema, standIn.baseUrl));
    await runTurns(parley, standIn, ready, assistantSid, turns);
    const failed = turns.some((t) => t.status === 'failed');
    return report(failed ? 'failed' : 'passed', turns);
  } catch (error) {
    if (error instanceof CorpusMissing) return report('skipped', [], error.message);
    return report('failed', turns, (error as Error).message);
  } finally {
    await standIn.stop();
    await parley?.close();
  }
}

/** A bot's real URLs (Twilio Functions, production webhooks) are never called from a spec: only its stand-in is reached. */
const OFFLINE = {
  reason: 'conversation specs call no real URL, only their stand-in: point the task at {{webhooks}} with "actionsUrls", or the URL in the bot file at {{webhooks}}/…',
};

function specConfig(spec: ConversationSpec) {
  // Never the caller's environment: no REDIS_URL, no real credentials, the embedded store only.
  return loadConfig({
    TWILIO_ACCOUNT_SID: SPEC_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: SPEC_AUTH_TOKEN,
    OUTBOUND_ALLOW_PRIVATE: '127.0.0.1',
    LOG_LEVEL: 'silent',
    PARLEY_DEMO: 'false',
    ...(spec.timeZone === undefined ? {} : { PARLEY_TIME_ZONE: spec.timeZone }),
  });
}

function fixedClock(iso: string): () => Date {
  const at = Date.parse(iso);
  return () => new Date(at);
}

/** `{corpus: "file#pointer"}` replies become the value found there. */
function resolveCorpusReplies(routes: ConversationSpec['webhooks'], sharedDir: string): Record<string, StandInReply[]> {
  return Object.fromEntries(Object.entries(routes).map(([path, replies]) => [
    path,
    replies.map((reply) => (reply.corpus === undefined ? reply : { ...reply, body: corpusValue(reply.corpus, sharedDir) })),
  ]));
}

async function importWithModel(parley: Parley, spec: ConversationSpec, schema: unknown): Promise<string> {
  const { assistant, report } = await importAssistant(parley.ctx, schema, { builds: parley.builds });
  const sid = assistant!.sid;
  for (const [task, url] of Object.entries(spec.actionsUrls)) {
    await updateTask(parley.ctx, sid, task, { actionsUrl: url }).catch((error: Error) => {
      throw new Error(`actionsUrls.${task}: ${error.message}`);
    });
  }
  await parley.builds.drain();
  // Without a model every turn falls back: the spec would only show task mismatches, not why. A
  // bot with no samples at all (90200) is one of defaults and redirects by design: it runs as it is.
  const [build] = (await listModelBuilds(parley.ctx, sid, { limit: 1 })).items;
  if (build?.status === 'failed' && build.errorCode !== BUILD_ERRORS.NO_SAMPLES) {
    const check = checkTrainingSet(await readTrainingSet(parley.ctx, sid));
    const warnings = report.filter((item) => item.severity === 'warning').map((item) => `\n  import warning: ${item.path}: ${item.message}`);
    throw new Error(`the assistant's model build failed (error ${build.errorCode}): ${check.ok ? 'training failed' : check.reason}${warnings.join('')}`);
  }
  return sid;
}

async function runTurns(parley: Parley, standIn: WebhookStandIn, spec: ConversationSpec, assistantSid: string, reports: TurnReport[]): Promise<void> {
  // A turn after the dialogue ended (or handed off) opens a new one: a new call on voice.
  let conversation = 1;
  for (const [index, turn] of spec.turns.entries()) {
    const input = describeInput(turn.input);
    if (reports.some((r) => r.status === 'failed')) {
      reports.push({ index, input, status: 'not-run', mismatches: [] });
      continue;
    }
    const before = standIn.calls.length;
    let result;
    try {
      result = await parley.runTurn(turnRequest(spec, turn, assistantSid, conversation));
    } catch (error) {
      reports.push({ index, input, status: 'failed', mismatches: [], error: (error as Error).stack ?? String(error) });
      continue;
    }
    const calls = standIn.calls.slice(before);
    const mismatches = checkTurn(turn, result, calls);
    reports.push({ index, input, status: mismatches.length === 0 ? 'passed' : 'failed', mismatches, actual: actualTurn(result, calls) });
    if (result.next.kind === 'end' || result.next.kind === 'handoff') conversation += 1;
  }
}

function turnRequest(spec: ConversationSpec, turn: SpecTurn, assistantSid: string, conversation: number): TurnRequest {
  const channel = CHANNELS[spec.channel](spec.user, conversation);
  const targetTask = turn.targetTask ?? spec.targetTask;
  return {
    assistantSid,
    conversationKey: `${spec.channel}:${spec.user}:${conversation}`,
    channel: spec.channel,
    channelName: channel.name,
    channelMemoryKey: channel.name,
    channelMemory: channel.memory,
    userIdentifier: spec.user,
    input: turnInput(turn, spec.channel),
    ...(targetTask === undefined ? {} : { targetTask }),
    ...(spec.memory === undefined ? {} : { inboundMemory: spec.memory }),
  };
}

/** The `Channel` value and `memory.twilio.<name>` each channel gives a dialogue. */
const CHANNELS: Record<ConversationSpec['channel'], (user: string, conversation: number) => { name: string; memory: Record<string, string> }> = {
  sms: (user) => ({ name: 'sms', memory: { From: user, To: BOT_NUMBER } }),
  voice: (user, n) => ({ name: 'voice', memory: { To: BOT_NUMBER, From: user, CallSid: `CA${n.toString(16).padStart(32, '0')}`, Direction: 'inbound' } }),
  chat: (user) => ({ name: 'chat', memory: { From: user, ChannelSid: `CH${'0'.repeat(31)}1` } }),
  custom: () => ({ name: 'custom.cli', memory: {} }),
};

function turnInput(turn: SpecTurn, channel: ConversationSpec['channel']): TurnInput {
  switch (turn.input.kind) {
    case 'say':
      // On a call the text arrives as SpeechResult: trimmed, and empty is silence, as the voice webhook reads it.
      return channel === 'voice' ? callInput({ SpeechResult: turn.input.text }, true) : { kind: 'text', text: turn.input.text };
    case 'press':
      return { kind: 'digits', digits: turn.input.digits };
    case 'start':
      return { kind: 'start' };
    case 'no-input':
      return { kind: 'no-input' };
  }
}

const elapsed = (started: number): number => Math.round(performance.now() - started);
