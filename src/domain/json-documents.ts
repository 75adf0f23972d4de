import { checkActions, checkDefaults, checkStyleSheet, type SchemaCheck } from '../actions/actions-schema-validator.js';
import type { ActionsDocument, DefaultsDocument, StyleSheetDocument } from '../actions/action-types.js';
import { ParleyError, invalidParameter } from '../errors/error-catalogue.js';

/** Byte cap on each JSON-valued parameter; real bots' largest task is a few kilobytes. */
export const MAX_JSON_DOCUMENT_BYTES = 64 * 1024;

/**
 * Deepest nesting of objects and arrays a document may have. Real bots stay under ten levels;
 * thousands would overflow the stack of JSON.stringify and every recursive reader after it.
 */
export const MAX_JSON_DOCUMENT_DEPTH = 64;

/** True when `value` nests deeper than `max`; iterative, so any depth is safe to measure. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
}

function checked<T>(param: string, value: unknown, check: (doc: unknown) => SchemaCheck, invalid: (message: string) => ParleyError): T {
  if (nestsDeeperThan(value, MAX_JSON_DOCUMENT_DEPTH)) {
    throw invalidParameter(param, `must not nest objects and arrays more than ${MAX_JSON_DOCUMENT_DEPTH} levels deep`);
  }
  const size = Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
  if (size > MAX_JSON_DOCUMENT_BYTES) throw invalidParameter(param, `must be at most ${MAX_JSON_DOCUMENT_BYTES} bytes of JSON (got ${size})`);
  const result = check(value);
  if (!result.ok) throw invalid(result.message);
  return value as T;
}

export const parseActionsDocument = (param: string, value: unknown): ActionsDocument =>
  checked(param, value, checkActions, (message) =>
    new ParleyError('INVALID_ACTIONS', `Invalid parameter ${param}: ${message}`, { parameter: param }));

export const parseDefaultsDocument = (param: string, value: unknown): DefaultsDocument =>
  checked(param, value, checkDefaults, (message) => invalidParameter(param, message));

export const parseStyleSheetDocument = (param: string, value: unknown): StyleSheetDocument =>
  checked(param, value, checkStyleSheet, (message) => invalidParameter(param, message));
