/**
 * Reads a conversation spec (parsed JSON) into a ConversationSpec, checking its shape. Every
 * problem is one SpecFormatError naming the JSON path, so a bot author can fix the file at once.
 */
import { basename } from 'node:path';
import { zoneOffsetMinutes } from '../nlu/fields/built-in/chrono-parsing.js';
import type { ConversationSpec, SpecChannel, SpecInput, SpecTurn, StandInReply, TurnExpectations } from './spec-types.js';

export class SpecFormatError extends Error {
  override name = 'SpecFormatError';
  constructor(readonly path: string, detail: string) {
    super(`${path === '' ? 'spec' : path}: ${detail}`);
  }
}

type Json = Record<string, unknown>;

const SPEC_KEYS = ['$schema', 'name', 'description', 'assistant', 'channel', 'user', 'now', 'timeZone', 'webhookTimeoutMs',
  'actionsUrls', 'targetTask', 'memory', 'webhooks', 'turns'];
const INPUT_KEYS = ['say', 'press', 'start', 'noInput'] as const;
const EXPECT_KEYS = ['task', 'replies', 'outputs', 'next', 'question', 'memory', 'webhookCalls', 'problems'] as const;
const TURN_KEYS = [...INPUT_KEYS, ...EXPECT_KEYS, 'targetTask', 'note'];
const REPLY_KEYS = ['when', 'actions', 'valid', 'corpus', 'body', 'status', 'delayMs', 'down'];
const CHANNELS: readonly SpecChannel[] = ['sms', 'voice', 'chat', 'custom'];
const NEXT_KINDS = ['listen', 'collect', 'end', 'handoff'];

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function object(value: unknown, path: string): Json {
  if (!isObject(value)) throw new SpecFormatError(path, 'expected an object');
  return value;
}

function onlyKeys(value: Json, allowed: readonly string[], path: string): void {
  const unknown = Object.keys(value).find((k) => !allowed.includes(k));
  if (unknown !== undefined) throw new SpecFormatError(path, `unknown key "${unknown}" (allowed: ${allowed.join(', ')})`);
}

function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new SpecFormatError(path, 'expected a non-empty string');
  return value;
}

function optionalCount(value: unknown, path: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new SpecFormatError(path, `expected an integer from 0 to ${max}`);
  }
  return value;
}

function stringMap(value: unknown, path: string): Record<string, string> {
  if (value === undefined) return {};
  const map = object(value, path);
  for (const [key, v] of Object.entries(map)) {
    if (typeof v !== 'string' || v === '') throw new SpecFormatError(`${path}.${key}`, 'expected a non-empty string');
  }
  return map as Record<string, string>;
}

/** Checks `raw` (the parsed file) and names the spec after its file when it has no `name`. */
export function parseSpec(raw: unknown, file: string): ConversationSpec {
  const spec = object(raw, '');
  onlyKeys(spec, SPEC_KEYS, '');
  const assistant = optionalString(spec.assistant, 'assistant');
  if (assistant === undefined) throw new SpecFormatError('assistant', 'required: the assistant file (relative to the spec, or corpus:<path>)');
  const channel = spec.channel ?? 'sms';
  if (!CHANNELS.includes(channel as SpecChannel)) throw new SpecFormatError('channel', `expected one of ${CHANNELS.join(', ')}`);
  const timeZone = parseTimeZone(spec.timeZone);
  const now = parseNow(spec.now, timeZone ?? 'UTC');
  if (spec.memory !== undefined) object(spec.memory, 'memory');
  if (!Array.isArray(spec.turns) || spec.turns.length === 0) throw new SpecFormatError('turns', 'expected a non-empty array of turns');
  const webhookTimeoutMs = optionalCount(spec.webhookTimeoutMs, 'webhookTimeoutMs', 60_000);
  const targetTask = optionalString(spec.targetTask, 'targetTask');
  return {
    file,
    name: optionalString(spec.name, 'name') ?? basename(file),
    assistant,
    channel: channel as SpecChannel,
    user: optionalString(spec.user, 'user') ?? '+15005550001',
    ...(now === undefined ? {} : { now }),
    ...(timeZone === undefined ? {} : { timeZone }),
    ...(webhookTimeoutMs === undefined ? {} : { webhookTimeoutMs }),
    actionsUrls: stringMap(spec.actionsUrls, 'actionsUrls'),
    ...(targetTask === undefined ? {} : { targetTask }),
    ...(spec.memory === undefined ? {} : { memory: spec.memory as Json }),
    webhooks: parseWebhooks(spec.webhooks),
    turns: spec.turns.map((turn, i) => parseTurn(turn, `turns[${i}]`, channel as SpecChannel)),
  };
}

function parseTimeZone(value: unknown): string | undefined {
  const zone = optionalString(value, 'timeZone');
  if (zone === undefined) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new SpecFormatError('timeZone', `"${zone}" is not an IANA time zone such as America/New_York`);
  }
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * `now` as an instant (`…Z`). A date-time without an offset is a wall-clock time in the spec's
 * time zone, never the machine's (Date.parse would read it in local time: a spec passing on a
 * laptop and failing in CI).
 */
export function parseNow(value: unknown, timeZone: string): string | undefined {
  const text = optionalString(value, 'now');
  if (text === undefined) return undefined;
  const m = ISO_DATE_TIME.exec(text);
  const wrong = (): never => {
    throw new SpecFormatError('now', `expected an ISO-8601 date and time such as 2024-03-14T15:00:00Z (got ${JSON.stringify(text)})`);
  };
  if (m === null) return wrong();
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((p) => Number(p ?? '0')) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, Number((m[7] ?? '0').padEnd(3, '0')));
  const read = new Date(wall);
  if (read.getUTCMonth() !== month - 1 || read.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return wrong();
  if (m[8] !== undefined) return new Date(Date.parse(text)).toISOString();
  // The zone's offset at the wall time read as UTC, corrected once for a DST change in between.
  const first = wall - zoneOffsetMinutes(new Date(wall), timeZone) * 60_000;
  return new Date(wall - zoneOffsetMinutes(new Date(first), timeZone) * 60_000).toISOString();
}

function parseWebhooks(value: unknown): Record<string, StandInReply[]> {
  if (value === undefined) return {};
  const routes: Record<string, StandInReply[]> = {};
  for (const [route, replies] of Object.entries(object(value, 'webhooks'))) {
    const path = `webhooks["${route}"]`;
    if (!route.startsWith('/')) throw new SpecFormatError(path, 'a webhook path starts with "/"');
    const list = Array.isArray(replies) ? replies : [replies];
    if (list.length === 0) throw new SpecFormatError(path, 'expected a reply or a non-empty array of replies');
    routes[route] = list.map((reply, i) => parseReply(reply, Array.isArray(replies) ? `${path}[${i}]` : path));
  }
  return routes;
}

function parseReply(value: unknown, path: string): StandInReply {
  const reply = object(value, path);
  onlyKeys(reply, REPLY_KEYS, path);
  const bodies = ['actions', 'valid', 'corpus', 'body', 'down'].filter((k) => reply[k] !== undefined);
  if (bodies.length !== 1) throw new SpecFormatError(path, 'a reply has exactly one of actions, valid, corpus, body or down');
  const status = optionalCount(reply.status, `${path}.status`, 599) ?? 200;
  // Below 100 no HTTP answer can be sent: the stand-in would fail as if the webhook were down.
  if (status < 100) throw new SpecFormatError(`${path}.status`, 'expected an HTTP status from 100 to 599 (use "down": true for no answer)');
  const delayMs = optionalCount(reply.delayMs, `${path}.delayMs`, 60_000) ?? 0;
  const corpus = optionalString(reply.corpus, `${path}.corpus`);
  if (corpus !== undefined && !corpus.includes('#')) throw new SpecFormatError(`${path}.corpus`, 'expected <file>#<JSON pointer>, e.g. conversations/x.json#/0/expected_response');
  if (reply.down !== undefined && reply.down !== true) throw new SpecFormatError(`${path}.down`, 'only true is meaningful');
  const body = reply.actions !== undefined ? { actions: reply.actions } : reply.valid !== undefined ? { valid: reply.valid } : reply.body ?? null;
  return { ...(reply.when === undefined ? {} : { when: reply.when }), body, status, delayMs, down: reply.down === true, ...(corpus === undefined ? {} : { corpus }) };
}

function parseTurn(value: unknown, path: string, channel: SpecChannel): SpecTurn {
  const turn = object(value, path);
  onlyKeys(turn, TURN_KEYS, path);
  const inputs = INPUT_KEYS.filter((k) => turn[k] !== undefined);
  if (inputs.length !== 1) throw new SpecFormatError(path, 'a turn has exactly one input: say, press, start or noInput');
  const targetTask = optionalString(turn.targetTask, `${path}.targetTask`);
  const key = inputs[0]!;
  // Only a call presses keys, starts or goes silent: the other channels never send such a turn.
  if (key !== 'say' && channel !== 'voice') throw new SpecFormatError(`${path}.${key}`, `only a call sends ${key} (the spec's channel is ${channel}, not voice)`);
  return { input: parseInput(turn, key, path), ...(targetTask === undefined ? {} : { targetTask }), ...parseExpectations(turn, path) };
}

function parseInput(turn: Json, key: (typeof INPUT_KEYS)[number], path: string): SpecInput {
  const value = turn[key];
  switch (key) {
    case 'say':
      if (typeof value !== 'string') throw new SpecFormatError(`${path}.say`, 'expected the text the user sends or says');
      return { kind: 'say', text: value };
    case 'press':
      if (typeof value !== 'string' || !/^[0-9*#]+$/.test(value)) throw new SpecFormatError(`${path}.press`, 'expected a string of digits, * or #');
      return { kind: 'press', digits: value };
    case 'start':
    case 'noInput':
      if (value !== true) throw new SpecFormatError(`${path}.${key}`, 'expected true');
      return key === 'start' ? { kind: 'start' } : { kind: 'no-input' };
  }
}

/** A reply is its text or one matcher: a typo in a matcher would otherwise fail as a wrong reply. */
function checkReplyMatcher(reply: unknown, path: string): void {
  if (typeof reply === 'string') return;
  const shape = 'expected the reply text or one matcher: {"contains": "text"} or {"matches": "regex"}';
  if (!isObject(reply) || Object.keys(reply).length !== 1) throw new SpecFormatError(path, shape);
  if (typeof reply.contains === 'string') return;
  if (typeof reply.matches !== 'string') throw new SpecFormatError(path, shape);
  try {
    new RegExp(reply.matches);
  } catch (error) {
    throw new SpecFormatError(`${path}.matches`, `not a regular expression: ${(error as Error).message}`);
  }
}

function parseExpectations(turn: Json, path: string): TurnExpectations {
  const arrayOf = (key: string): unknown[] | undefined => {
    const v = turn[key];
    if (v !== undefined && !Array.isArray(v)) throw new SpecFormatError(`${path}.${key}`, 'expected an array');
    return v as unknown[] | undefined;
  };
  const next = turn.next;
  if (next !== undefined && !(typeof next === 'string' ? NEXT_KINDS.includes(next) : isObject(next))) {
    throw new SpecFormatError(`${path}.next`, `expected one of ${NEXT_KINDS.join(', ')} or an object like {"kind": "listen", "listen": {…}}`);
  }
  if (turn.memory !== undefined) object(turn.memory, `${path}.memory`);
  arrayOf('replies')?.forEach((reply, i) => checkReplyMatcher(reply, `${path}.replies[${i}]`));
  const problems = arrayOf('problems');
  if (problems?.some((c) => typeof c !== 'number')) throw new SpecFormatError(`${path}.problems`, 'expected an array of error codes');
  const expectations: Record<string, unknown> = {};
  for (const key of EXPECT_KEYS) if (turn[key] !== undefined) expectations[key] = key === 'replies' || key === 'outputs' || key === 'webhookCalls' ? arrayOf(key) : turn[key];
  return expectations as TurnExpectations;
}
