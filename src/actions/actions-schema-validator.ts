/**
 * Structural validation of Actions, Defaults and StyleSheet documents against actions-schema/.
 * The schemas are compiled once, at module load. A failure is reported as one error with a
 * readable JSON path (`actions[2].collect.questions[0].name`) and a one-line message naming it.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

/** `path` is `""` for the document itself; `message` then starts with `document:`. */
export type SchemaCheck = { ok: true } | { ok: false; path: string; message: string };

// Both src/actions/ and dist/actions/ sit two levels below the project root.
const loadSchema = (file: string): AnySchemaObject =>
  JSON.parse(readFileSync(new URL(`../../actions-schema/${file}`, import.meta.url), 'utf8')) as AnySchemaObject;

// allErrors: false keeps ajv to the first failing keyword. The schemas avoid oneOf/anyOf, so that
// first error is already the precise one; verbose gives us the failing data and its schema.
const ajv = new Ajv2020({ allErrors: false, verbose: true, allowUnionTypes: true, strict: true });
const actionsSchema = loadSchema('actions.schema.json');
ajv.addSchema(actionsSchema); // defaults and style sheet $ref its $defs

const validateActions = ajv.compile(actionsSchema);
const validateDefaults = ajv.compile(loadSchema('defaults.schema.json'));
const validateStyleSheet = ajv.compile(loadSchema('style-sheet.schema.json'));

/** Validates a whole `{"actions": [...]}` document. */
export function checkActions(doc: unknown): SchemaCheck {
  const checked = run(validateActions, doc, 'an object like {"actions": [...]}');
  return checked.ok ? uniqueQuestionNames(doc as { actions: unknown[] }) : checked;
}

/**
 * A collect's answers are kept by question name (`collected_data.<collect>.answers.<name>`), so a
 * second question of the same name would overwrite the first (autopilot.md §2.7: unique within
 * the collect). JSON Schema cannot say that; this runs on documents the schema accepted.
 */
function uniqueQuestionNames(doc: { actions: unknown[] }): SchemaCheck {
  for (const [i, action] of doc.actions.entries()) {
    const collect = isRecord(action) && isRecord(action.collect) ? action.collect : null;
    if (collect === null || !Array.isArray(collect.questions)) continue;
    const seen = new Set<unknown>();
    for (const [j, question] of collect.questions.entries()) {
      const name = isRecord(question) ? question.name : undefined;
      if (!seen.has(name)) {
        seen.add(name);
        continue;
      }
      const path = `actions[${i}].collect.questions[${j}].name`;
      return { ok: false, path, message: `${path}: another question of this collect is named ${describe(name)}; question names must be unique within a collect` };
    }
  }
  return { ok: true };
}

/** Validates a `{"defaults": {...}}` document; `{}` (no defaults) is valid. */
export function checkDefaults(doc: unknown): SchemaCheck {
  return run(validateDefaults, doc, 'an object like {"defaults": {...}} or {}');
}

/** Validates a `{"style_sheet": {...}}` document; `{}` (no style sheet) is valid. */
export function checkStyleSheet(doc: unknown): SchemaCheck {
  return run(validateStyleSheet, doc, 'an object like {"style_sheet": {...}} or {}');
}

function run(validate: ValidateFunction, doc: unknown, rootShape: string): SchemaCheck {
  if (validate(doc)) return { ok: true };
  // With allErrors: false there is one error, except propertyNames, which adds a generic wrapper
  // error after the precise one: the first is always the one to report.
  const error = validate.errors?.[0];
  if (!error) return { ok: false, path: '', message: 'document: invalid' };
  const path = readablePath(doc, error.instancePath);
  return { ok: false, path, message: `${path || 'document'}: ${explain(error, path, rootShape)}` };
}

/** `/actions/2/collect/questions/0` -> `actions[2].collect.questions[0]`; `""` is the document. */
function readablePath(doc: unknown, pointer: string): string {
  if (pointer === '') return '';
  let out = '';
  let node: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return out;
}

function explain(error: ErrorObject, path: string, rootShape: string): string {
  const schema: AnySchemaObject = error.parentSchema ?? {};
  const title = typeof schema.title === 'string' ? schema.title : undefined;
  const data: unknown = error.data;
  const params = error.params as Record<string, unknown>;

  switch (error.keyword) {
    case 'type': {
      const expected = path === '' ? rootShape : (title ?? listOr(asStrings(params.type).map(withArticle)));
      return `expected ${expected}, got ${describe(data)}`;
    }
    case 'required':
      return `missing required property "${String(params.missingProperty)}"`;
    case 'additionalProperties': {
      const allowed = Object.keys(isRecord(schema.properties) ? schema.properties : {});
      const hint = allowed.length > 0 ? ` (allowed: ${allowed.join(', ')})` : '';
      return `unknown property "${String(params.additionalProperty)}"${hint}`;
    }
    case 'minProperties':
    case 'maxProperties':
      return countMismatch(schema, data, title);
    case 'enum': {
      const allowed = asStrings(params.allowedValues);
      if (error.propertyName !== undefined) {
        return `unknown ${title ?? 'property'} "${error.propertyName}" (expected one of ${allowed.join(', ')})`;
      }
      return `expected one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(data)}`;
    }
    case 'pattern':
      if (error.propertyName !== undefined) {
        return `invalid ${title ?? 'property name'} "${error.propertyName}" (must match ${String(params.pattern)})`;
      }
      return `expected ${title ?? `a string matching ${String(params.pattern)}`}, got ${describe(data)}`;
    case 'minLength':
      return params.limit === 1 ? 'must not be empty' : `must be at least ${String(params.limit)} characters long`;
    case 'minItems':
      return `must have at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`;
    default:
      return `${error.message ?? 'is invalid'}${data === undefined ? '' : `, got ${describe(data)}`}`;
  }
}

/** An action object with zero or several keys: name an unknown key first, it is the likelier typo. */
function countMismatch(schema: AnySchemaObject, data: unknown, title: string | undefined): string {
  const keys = isRecord(data) ? Object.keys(data) : [];
  const names: Record<string, unknown> = isRecord(schema.propertyNames) ? schema.propertyNames : {};
  const allowed = asStrings(names.enum);
  const unknown = allowed.length > 0 ? keys.find((k) => !allowed.includes(k)) : undefined;
  if (unknown !== undefined) {
    const noun = typeof names.title === 'string' ? names.title : 'property';
    return `unknown ${noun} "${unknown}" (expected one of ${allowed.join(', ')})`;
  }
  const found = keys.length === 0 ? 'found no keys' : `found ${keys.length} keys (${keys.join(', ')})`;
  return `expected ${title ?? 'a different number of properties'}, ${found}`;
}

function describe(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asStrings = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];

const withArticle = (type: string): string =>
  type === 'null' ? 'null' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;

const listOr = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? 'another type') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
