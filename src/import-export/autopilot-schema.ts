/**
 * The Autopilot CLI schema (autopilot.md §8.1): what `twilio autopilot:export` wrote and
 * `twilio autopilot:create --schema` read. Keys are camelCase; the wrapped JSON documents
 * (`defaults`, `styleSheet`, `tasks[].actions`) keep the REST API's snake_case.
 */
import { ParleyError } from '../errors/error-catalogue.js';

export type JsonObject = Record<string, unknown>;

export interface SchemaFieldValue {
  readonly language: string;
  readonly value: string;
  /** The canonical value's text, null / '' for a canonical value, or (Autopilot exports) a UC SID. */
  readonly synonymOf?: string | null;
}

export interface SchemaFieldType {
  readonly uniqueName: string;
  readonly values?: readonly SchemaFieldValue[];
}

export interface SchemaField {
  readonly uniqueName: string;
  /** A built-in `Twilio.*` type or a fieldType of the schema. */
  readonly fieldType: string;
}

export interface SchemaSample {
  readonly language: string;
  readonly taggedText: string;
}

export interface SchemaTask {
  readonly uniqueName: string;
  /** TaskActions `data`: `{"actions": [...]}`; checked against the Actions schema on import. */
  readonly actions?: JsonObject;
  readonly fields?: readonly SchemaField[];
  readonly samples?: readonly SchemaSample[];
}

export interface AutopilotSchema {
  readonly friendlyName?: string | null;
  readonly logQueries?: boolean;
  readonly uniqueName?: string;
  /** `{"defaults": {...}}`; applied only when that wrapper key is present, as autopilot-core does. */
  readonly defaults?: JsonObject;
  /** `{"style_sheet": {...}}`; applied only when that wrapper key is present. */
  readonly styleSheet?: JsonObject;
  readonly fieldTypes?: readonly SchemaFieldType[];
  readonly tasks?: readonly SchemaTask[];
  readonly modelBuild?: { readonly uniqueName?: string };
}

/** The schema's structure is unusable; `path` names the offending JSON value (`""` for the root). */
export const schemaError = (path: string, why: string): ParleyError =>
  new ParleyError('INVALID_PARAMETER', `Invalid Autopilot schema: ${path === '' ? 'document' : path}: ${why}`, { path });

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${/^[aeiou]/.test(typeof value) ? 'an' : 'a'} ${typeof value}`;
}

const child = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

function expectString(obj: JsonObject, key: string, path: string, optional: boolean): void {
  const value = obj[key];
  if (value === undefined && optional) return;
  if (typeof value !== 'string') throw schemaError(child(path, key), `expected a string, got ${describe(value)}`);
}

function expectObject(obj: JsonObject, key: string, path: string): void {
  const value = obj[key];
  if (value !== undefined && !isObject(value)) throw schemaError(child(path, key), `expected an object, got ${describe(value)}`);
}

/** Checks an optional array property, then each element with `check(element, elementPath)`. */
function eachElement(obj: JsonObject, key: string, path: string, check: (item: JsonObject, itemPath: string) => void): void {
  const value = obj[key];
  if (value === undefined) return;
  if (!Array.isArray(value)) throw schemaError(child(path, key), `expected an array, got ${describe(value)}`);
  value.forEach((item: unknown, i) => {
    const itemPath = `${child(path, key)}[${i}]`;
    if (!isObject(item)) throw schemaError(itemPath, `expected an object, got ${describe(item)}`);
    check(item, itemPath);
  });
}

function checkValue(value: JsonObject, path: string): void {
  expectString(value, 'language', path, false);
  expectString(value, 'value', path, false);
  const synonymOf = value.synonymOf;
  if (synonymOf !== undefined && synonymOf !== null && typeof synonymOf !== 'string') {
    throw schemaError(`${path}.synonymOf`, `expected a value text, a UC SID or null, got ${describe(synonymOf)}`);
  }
}

function checkFieldType(fieldType: JsonObject, path: string): void {
  expectString(fieldType, 'uniqueName', path, false);
  eachElement(fieldType, 'values', path, checkValue);
}

function checkTask(task: JsonObject, path: string): void {
  expectString(task, 'uniqueName', path, false);
  expectObject(task, 'actions', path);
  eachElement(task, 'fields', path, (field, fieldPath) => {
    expectString(field, 'uniqueName', fieldPath, false);
    expectString(field, 'fieldType', fieldPath, false);
  });
  eachElement(task, 'samples', path, (sample, samplePath) => {
    expectString(sample, 'language', samplePath, false);
    expectString(sample, 'taggedText', samplePath, false);
  });
}

/**
 * Check that a parsed JSON value has the schema's structure and return it typed. Only the
 * structure is checked here (types of keys, arrays of objects); what Parley would refuse or run
 * differently is the compatibility report's job. Unknown keys are kept so the report can name them.
 */
export function readAutopilotSchema(value: unknown): AutopilotSchema {
  if (!isObject(value)) throw schemaError('', `expected a JSON object, got ${describe(value)}`);
  const friendlyName = value.friendlyName;
  if (friendlyName !== undefined && friendlyName !== null && typeof friendlyName !== 'string') {
    throw schemaError('friendlyName', `expected a string, got ${describe(friendlyName)}`);
  }
  expectString(value, 'uniqueName', '', true);
  if (value.logQueries !== undefined && typeof value.logQueries !== 'boolean') {
    throw schemaError('logQueries', `expected true or false, got ${describe(value.logQueries)}`);
  }
  // autopilot-core refuses a schema naming neither; an assistant needs one of them to be found again.
  if (!value.uniqueName && !friendlyName) throw schemaError('', 'a "uniqueName" and/or "friendlyName" must be given');
  expectObject(value, 'defaults', '');
  expectObject(value, 'styleSheet', '');
  expectObject(value, 'modelBuild', '');
  if (isObject(value.modelBuild)) expectString(value.modelBuild, 'uniqueName', 'modelBuild', true);
  eachElement(value, 'fieldTypes', '', checkFieldType);
  eachElement(value, 'tasks', '', checkTask);
  return value as AutopilotSchema;
}

/** The keys each level of the schema knows; others are reported as ignored. */
export const SCHEMA_KEYS = {
  root: ['friendlyName', 'logQueries', 'uniqueName', 'defaults', 'styleSheet', 'fieldTypes', 'tasks', 'modelBuild'],
  fieldType: ['uniqueName', 'values'],
  value: ['language', 'value', 'synonymOf'],
  task: ['uniqueName', 'actions', 'fields', 'samples'],
  field: ['uniqueName', 'fieldType'],
  sample: ['language', 'taggedText'],
  modelBuild: ['uniqueName'],
} as const;
