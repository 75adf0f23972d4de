import { checkActions, checkDefaults, checkStyleSheet, type SchemaCheck } from '../actions/actions-schema-validator.js';
import type { ActionsDocument, DefaultsDocument, StyleSheetDocument } from '../actions/action-types.js';
import { ParleyError, invalidParameter } from '../errors/error-catalogue.js';
import { TOO_DEEP, nestsDeeperThan } from '../util/json-depth.js';

/** Byte cap on each JSON-valued parameter; real bots' largest task is a few kilobytes. */
export const MAX_JSON_DOCUMENT_BYTES = 64 * 1024;

function checked<T>(param: string, value: unknown, check: (doc: unknown) => SchemaCheck, invalid: (message: string) => ParleyError): T {
  if (nestsDeeperThan(value)) throw invalidParameter(param, TOO_DEEP);
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
