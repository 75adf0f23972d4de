/**
 * What Parley will not honour in an Autopilot CLI schema, or what looks broken in it, each with its
 * JSON path. Errors would make the import fail (the importer refuses before writing anything);
 * warnings import fine but behave differently or poorly. Pure: the store's knowledge comes in as
 * options.
 */
import { checkActions, checkDefaults, checkStyleSheet, type SchemaCheck } from '../actions/actions-schema-validator.js';
import { MAX_FIELD_VALUE } from '../api/v1/field-values/field-values-router.js';
import { MAX_TAGGED_TEXT } from '../api/v1/samples/samples-router.js';
import { builtInFieldType } from '../domain/built-in-field-types.js';
import { parseActionsDocument, parseDefaultsDocument, parseStyleSheetDocument } from '../domain/json-documents.js';
import { checkLanguage, checkNonEmptyText, checkText, checkUniqueName } from '../domain/validate.js';
import { ParleyError } from '../errors/error-catalogue.js';
import { isSid } from '../util/sid.js';
import { actionReferences, defaultsReferences, joinPath, type ActionReference } from './action-references.js';
import { SCHEMA_KEYS, type AutopilotSchema, type SchemaFieldType, type SchemaTask } from './autopilot-schema.js';
import { resolveSynonyms, valueKey } from './synonym-resolution.js';
import { referenceProblem, type KnownNames } from './reference-problems.js';

export type Severity = 'error' | 'warning';

export interface CompatibilityItem {
  /** JSON path into the schema, e.g. `tasks[3].actions.actions[1].redirect`. */
  readonly path: string;
  readonly severity: Severity;
  readonly message: string;
}

export interface ReportOptions {
  /** UC SIDs of field values in this Parley, mapped to their canonical value text (see synonym-resolution.ts). */
  readonly knownValueSids?: ReadonlyMap<string, string>;
}

/** A sample's `{field}` tags, read as the model build reads them (src/nlu/training-set.ts). */
const TAG = /\{([^{}]+)\}/g;

class Items {
  readonly list: CompatibilityItem[] = [];

  error(path: string, message: string): void {
    this.list.push({ path, severity: 'error', message });
  }

  warning(path: string, message: string): void {
    this.list.push({ path, severity: 'warning', message });
  }

  /** Run one of the REST API's parameter checks; its refusal becomes an error here. */
  check(path: string, run: () => unknown): void {
    try {
      run();
    } catch (error) {
      if (!(error instanceof ParleyError)) throw error;
      this.error(path, error.message.replace(/^Invalid parameter [^:]*: /, ''));
    }
  }

  ignoredKeys(path: string, value: object, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.warning(joinPath(path, key), `unknown key "${key}" is ignored (not part of the Autopilot CLI schema)`);
    }
  }

  /**
   * An Actions/Defaults/StyleSheet document through the same parser the REST API and the importer
   * use (schema, size and nesting limits); a schema failure is reported at its own path inside.
   */
  document(path: string, doc: unknown, parse: (param: string, doc: unknown) => unknown, check: (doc: unknown) => SchemaCheck): void {
    try {
      parse(path, doc);
      return;
    } catch (error) {
      if (!(error instanceof ParleyError)) throw error;
      // The schema check alone places the failure; ajv stops at its first mismatch and leaves free-form
      // values (remember) unwalked, so even a document refused for its nesting is safe to check.
      const result = check(doc);
      if (result.ok) {
        this.error(path, error.message.replace(/^Invalid parameter [^:]*: /, ''));
        return;
      }
      const where = result.path === '' ? path : `${path}.${result.path}`;
      this.error(where, result.message.slice(`${result.path || 'document'}: `.length));
    }
  }

  references(base: string, refs: readonly ActionReference[], known: KnownNames): void {
    for (const ref of refs) {
      const problem = referenceProblem(ref, known);
      if (problem !== null) this.warning(`${base}.${ref.path}`, problem);
    }
  }
}

/** Every item, in document order. */
export function compatibilityReport(schema: AutopilotSchema, options: ReportOptions = {}): CompatibilityItem[] {
  const items = new Items();
  const known: KnownNames = {
    tasks: new Set((schema.tasks ?? []).map((t) => t.uniqueName)),
    fieldTypes: new Set((schema.fieldTypes ?? []).map((t) => t.uniqueName)),
  };
  checkAssistant(items, schema, known);
  const typeNames = new Set<string>();
  (schema.fieldTypes ?? []).forEach((fieldType, i) => {
    checkFieldType(items, `fieldTypes[${i}]`, fieldType, options.knownValueSids ?? new Map());
    if (typeNames.has(fieldType.uniqueName)) items.error(`fieldTypes[${i}].uniqueName`, `another fieldType is also named "${fieldType.uniqueName}"`);
    typeNames.add(fieldType.uniqueName);
  });
  const taskNames = new Set<string>();
  (schema.tasks ?? []).forEach((task, i) => {
    checkTask(items, `tasks[${i}]`, task, known);
    if (taskNames.has(task.uniqueName)) items.error(`tasks[${i}].uniqueName`, `another task is also named "${task.uniqueName}"`);
    taskNames.add(task.uniqueName);
  });
  if (!(schema.tasks ?? []).some((t) => (t.samples ?? []).length > 0)) {
    items.warning('tasks', 'no task has samples, so model builds fail (error 90200) and only defaults and redirects reach tasks');
  }
  checkModelBuild(items, schema);
  return items.list;
}

function checkAssistant(items: Items, schema: AutopilotSchema, known: KnownNames): void {
  items.ignoredKeys('', schema, SCHEMA_KEYS.root);
  if (schema.uniqueName !== undefined && isSid(schema.uniqueName, 'UA')) {
    items.warning('uniqueName', `"${schema.uniqueName}" is an assistant SID (the assistant had no name): the copy is named by its new SID`);
  } else if (schema.uniqueName !== undefined) items.check('uniqueName', () => checkUniqueName('uniqueName', schema.uniqueName!));
  else items.warning('uniqueName', 'is missing: the assistant is named by its SID');
  if (typeof schema.friendlyName === 'string') items.check('friendlyName', () => checkText('friendlyName', schema.friendlyName!, 255));
  wrapped(items, 'defaults', schema.defaults, 'defaults', parseDefaultsDocument, checkDefaults);
  if (schema.defaults?.defaults !== undefined) items.references('defaults', defaultsReferences(schema.defaults), known);
  wrapped(items, 'styleSheet', schema.styleSheet, 'style_sheet', parseStyleSheetDocument, checkStyleSheet);
}

/** Defaults and StyleSheet only count with their wrapper key, as autopilot-core applies them. */
function wrapped(
  items: Items, path: string, doc: object | undefined, wrapper: string,
  parse: (param: string, doc: unknown) => unknown, check: (doc: unknown) => SchemaCheck,
): void {
  if (doc === undefined) return;
  if (!(wrapper in doc)) {
    if (Object.keys(doc).length > 0) items.warning(path, `has no "${wrapper}" key, so it is ignored (write {"${wrapper}": {...}})`);
    return;
  }
  items.document(path, doc, parse, check);
}

function checkFieldType(items: Items, path: string, fieldType: SchemaFieldType, knownValueSids: ReadonlyMap<string, string>): void {
  items.ignoredKeys(path, fieldType, SCHEMA_KEYS.fieldType);
  items.check(`${path}.uniqueName`, () => checkUniqueName('uniqueName', fieldType.uniqueName));
  const builtIn = builtInFieldType(fieldType.uniqueName);
  if (builtIn !== undefined) items.warning(`${path}.uniqueName`, `is the name of the built-in type ${builtIn}: fields of that type get the built-in, never these values`);
  const values = fieldType.values ?? [];
  const seen = new Set<string>();
  const resolutions = resolveSynonyms(values, knownValueSids);
  values.forEach((value, j) => {
    const at = `${path}.values[${j}]`;
    items.ignoredKeys(at, value, SCHEMA_KEYS.value);
    items.check(`${at}.language`, () => checkLanguage('language', value.language));
    items.check(`${at}.value`, () => checkNonEmptyText('value', value.value, MAX_FIELD_VALUE));
    const key = valueKey(value.language, value.value);
    if (seen.has(key)) items.error(`${at}.value`, `"${value.value}" is listed twice in ${value.language} (values are unique per language, ignoring case)`);
    seen.add(key);
    const resolution = resolutions[j]!;
    if (resolution.kind === 'unresolved') items.error(`${at}.synonymOf`, `points at no value: ${resolution.reason}`);
    if (resolution.kind === 'synonym' && resolution.how === 'position') {
      items.warning(`${at}.synonymOf`, `is a value SID of the assistant this file was exported from; guessed by position that it means "${resolution.canonical}" (write the value text to be sure)`);
    }
  });
}

function checkTask(items: Items, path: string, task: SchemaTask, known: KnownNames): void {
  items.ignoredKeys(path, task, SCHEMA_KEYS.task);
  items.check(`${path}.uniqueName`, () => checkUniqueName('uniqueName', task.uniqueName));
  if (task.actions === undefined) {
    items.warning(`${path}.actions`, 'is missing: the task does nothing when reached');
  } else {
    items.document(`${path}.actions`, task.actions, parseActionsDocument, checkActions);
    items.references(`${path}.actions`, actionReferences(task.actions), known);
  }
  const fieldNames = new Set<string>();
  (task.fields ?? []).forEach((field, j) => {
    const at = `${path}.fields[${j}]`;
    items.ignoredKeys(at, field, SCHEMA_KEYS.field);
    items.check(`${at}.uniqueName`, () => checkUniqueName('uniqueName', field.uniqueName));
    if (fieldNames.has(field.uniqueName)) items.error(`${at}.uniqueName`, `the task has another field named "${field.uniqueName}"`);
    fieldNames.add(field.uniqueName);
    if (builtInFieldType(field.fieldType) === undefined && !known.fieldTypes.has(field.fieldType)) {
      items.error(`${at}.fieldType`, `"${field.fieldType}" is neither a built-in Twilio.* type nor a fieldType of this schema`);
    }
  });
  (task.samples ?? []).forEach((sample, j) => {
    const at = `${path}.samples[${j}]`;
    items.ignoredKeys(at, sample, SCHEMA_KEYS.sample);
    items.check(`${at}.language`, () => checkLanguage('language', sample.language));
    items.check(`${at}.taggedText`, () => checkNonEmptyText('taggedText', sample.taggedText, MAX_TAGGED_TEXT));
    for (const [, tag] of sample.taggedText.matchAll(TAG)) {
      if (!fieldNames.has(tag!.trim())) {
        items.warning(`${at}.taggedText`, `tags {${tag}}, which is not a field of this task: model builds fail until it is (error 90201)`);
      }
    }
  });
}

function checkModelBuild(items: Items, schema: AutopilotSchema): void {
  if (schema.modelBuild === undefined) return;
  items.ignoredKeys('modelBuild', schema.modelBuild, SCHEMA_KEYS.modelBuild);
  const name = schema.modelBuild.uniqueName;
  // An unnamed build is named by its SID, which autopilot-core exports; the new build gets its own.
  if (name === undefined || name === '' || isSid(name, 'UG')) return;
  try {
    checkUniqueName('uniqueName', name);
  } catch {
    items.warning('modelBuild.uniqueName', `"${name}" is not a valid build name; the build is named by its SID instead`);
  }
}

export const hasErrors = (report: readonly CompatibilityItem[]): boolean => report.some((item) => item.severity === 'error');
