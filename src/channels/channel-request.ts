import type { Request, RequestHandler } from 'express';
import { turnCatalogue } from '../domain/turn-catalogue.js';
import type { DomainContext } from '../domain/domain-context.js';
import type { Assistant } from '../domain/records.js';
import { invalidParameter, notFound } from '../errors/error-catalogue.js';
import { pathParam } from '../api/rest/route.js';
import { TOO_DEEP, nestsDeeperThan } from '../util/json-depth.js';

/** The form parameters of a webhook, as strings; a parameter given twice is a 400. */
export function formParams(req: Request): Record<string, string> {
  const body: unknown = req.body ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value !== 'string') throw invalidParameter(name, 'was given more than once');
    params[name] = value;
  }
  return params;
}

export function requiredParam(params: Readonly<Record<string, string>>, name: string, maxLength?: number): string {
  const value = params[name];
  if (value === undefined || value.trim() === '') throw invalidParameter(name, 'is required');
  if (maxLength !== undefined) checkKeyLength(name, value, maxLength);
  return value;
}

/**
 * Identifiers (numbers, SIDs, user ids, tokens) become parts of Redis keys: past this they are no
 * identifier Twilio or a client sends (SIDs are 34 characters), and 50 KB key names are refused.
 */
export const MAX_IDENTIFIER_LENGTH = 256;

export function checkKeyLength(name: string, value: string | undefined, maxLength = MAX_IDENTIFIER_LENGTH): void {
  // Characters as people count them (an emoji is one), not UTF-16 units; the cheap test first.
  if (value !== undefined && value.length > maxLength && [...value].length > maxLength) throw invalidParameter(name, `must be at most ${maxLength} characters`);
}

/** `TargetTask` and `Memory` of the channel URL's query (autopilot.md §5.1). */
export interface UrlOptions {
  readonly targetTask?: string;
  readonly inboundMemory?: Record<string, unknown>;
}

export function urlOptions(req: Request, memoryLimitBytes: number): UrlOptions {
  const targetTask = queryValue(req, 'TargetTask');
  const memory = queryValue(req, 'Memory');
  return {
    ...(targetTask === undefined || targetTask.trim() === '' ? {} : { targetTask: targetTask.trim() }),
    ...(memory === undefined || memory.trim() === '' ? {} : { inboundMemory: parseMemory(memory, memoryLimitBytes) }),
  };
}

/** A query parameter given at most once (absent: undefined); given twice is a 400. */
export function queryValue(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidParameter(name, 'must be given once, as a single query value');
  return value;
}

function parseMemory(raw: string, limitBytes: number): Record<string, unknown> {
  if (Buffer.byteLength(raw, 'utf8') > limitBytes) throw invalidParameter('Memory', `is larger than the memory limit of ${limitBytes} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw invalidParameter('Memory', `is not valid JSON (${(error as Error).message}); send a URL-encoded JSON object such as {"CarModel":"Diablo"}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidParameter('Memory', 'must be a JSON object such as {"CarModel":"Diablo"}');
  }
  if (nestsDeeperThan(value)) throw invalidParameter('Memory', TOO_DEEP);
  return value as Record<string, unknown>;
}

/** The AccountSid in a channel path must be the account Parley serves; anything else is Twilio's 404. */
export function accountCheck(accountSid: string): RequestHandler {
  return (req, _res, next) => {
    if (pathParam(req, 'account') !== accountSid) throw notFound(req.path);
    next();
  };
}

/** The assistant of the path, by SID or unique name; 404 (nothing run) when there is none. */
export async function channelAssistant(ctx: DomainContext, req: Request): Promise<Assistant> {
  // Kept in memory between requests: the turn checks it against the assistant's revision.
  const entry = await turnCatalogue(ctx).find(pathParam(req, 'assistant'));
  if (entry === null) throw notFound(req.path);
  return entry.assistant;
}

/** The `I-Twilio-Idempotency-Token` header, checked like every identifier that becomes part of a key. */
export function idempotencyHeader(req: Request): string | undefined {
  const token = req.get('i-twilio-idempotency-token');
  checkKeyLength('I-Twilio-Idempotency-Token', token);
  return token;
}

/** Twilio's idempotency token stays the same when it retries a webhook: a retry gets the first reply. The first non-blank token given is the key. */
export function idempotency(...tokens: (string | undefined)[]): { idempotencyKey?: string } {
  // The first that says something: a blank header (a proxy passing it on empty) must not hide the MessageSid.
  const token = tokens.map((t) => t?.trim() ?? '').find((t) => t !== '');
  return token === undefined ? {} : { idempotencyKey: token };
}
