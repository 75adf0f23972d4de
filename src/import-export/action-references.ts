/**
 * Every place an Actions or Defaults document points somewhere else: redirect targets, URLs,
 * task names, handoff URIs and field types, each with its JSON path. Walks the documents loosely
 * (they may fail the schema), so the report can name broken references even then.
 */
export type ReferenceKind =
  /** `task://name`, an http(s) URL or "" (redirects, defaults, on_complete, voice_digits). */
  | 'target'
  /** An http(s) URL of a customer resource (play, show images, validate webhooks, handoff wait_url). */
  | 'url'
  /** A bare task unique name (listen.tasks). */
  | 'task-name'
  /** A handoff `uri`: a TwiML URL or `taskrouter://WW…`. */
  | 'handoff-uri'
  /** A collect question's `type`. */
  | 'field-type';

export interface ActionReference {
  /** Relative to the document, e.g. `actions[1].redirect.uri`. */
  readonly path: string;
  readonly kind: ReferenceKind;
  readonly value: string;
}

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `a` + `b` -> `a.b`; keys that are not identifiers (digits) -> `a["1"]`. */
export const joinPath = (path: string, key: string | number): string => {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
};

class Collector {
  readonly found: ActionReference[] = [];

  add(path: string, kind: ReferenceKind, value: unknown): void {
    if (typeof value === 'string') this.found.push({ path, kind, value });
  }

  /** A redirect is a target string or `{uri, method}`. */
  redirect(path: string, value: unknown): void {
    if (isObject(value)) this.add(joinPath(path, 'uri'), 'target', value.uri);
    else this.add(path, 'target', value);
  }

  voiceDigits(path: string, value: unknown): void {
    if (!isObject(value) || !isObject(value.redirects)) return;
    for (const [digits, target] of Object.entries(value.redirects)) this.add(joinPath(joinPath(path, 'redirects'), digits), 'target', target);
  }

  each(path: string, value: unknown, visit: (item: Obj, itemPath: string) => void): void {
    if (!Array.isArray(value)) return;
    value.forEach((item: unknown, i) => {
      if (isObject(item)) visit(item, joinPath(path, i));
    });
  }
}

const VISITORS: Record<string, (c: Collector, path: string, value: unknown) => void> = {
  redirect: (c, path, value) => c.redirect(path, value),
  play: (c, path, value) => {
    if (isObject(value)) c.add(joinPath(path, 'url'), 'url', value.url);
  },
  show: (c, path, value) => {
    if (isObject(value)) c.each(joinPath(path, 'images'), value.images, (image, p) => c.add(joinPath(p, 'url'), 'url', image.url));
  },
  listen: (c, path, value) => {
    if (!isObject(value)) return;
    if (Array.isArray(value.tasks)) value.tasks.forEach((name: unknown, i) => c.add(joinPath(joinPath(path, 'tasks'), i), 'task-name', name));
    c.voiceDigits(joinPath(path, 'voice_digits'), value.voice_digits);
  },
  collect: (c, path, value) => {
    if (!isObject(value)) return;
    if (isObject(value.on_complete)) c.redirect(joinPath(joinPath(path, 'on_complete'), 'redirect'), value.on_complete.redirect);
    c.each(joinPath(path, 'questions'), value.questions, (question, p) => visitQuestion(c, p, question));
  },
  handoff: (c, path, value) => {
    if (!isObject(value)) return;
    c.add(joinPath(path, 'uri'), 'handoff-uri', value.uri);
    for (const key of ['wait_url', 'voice_status_callback_url', 'action']) c.add(joinPath(path, key), 'url', value[key]);
  },
};

function visitQuestion(c: Collector, path: string, question: Obj): void {
  c.add(joinPath(path, 'type'), 'field-type', question.type);
  c.voiceDigits(joinPath(path, 'voice_digits'), question.voice_digits);
  if (!isObject(question.validate)) return;
  const validate = joinPath(path, 'validate');
  if (isObject(question.validate.max_attempts)) {
    c.redirect(joinPath(joinPath(validate, 'max_attempts'), 'redirect'), question.validate.max_attempts.redirect);
  }
  if (isObject(question.validate.webhook)) c.add(joinPath(joinPath(validate, 'webhook'), 'url'), 'url', question.validate.webhook.url);
}

/** References in a `{"actions": [...]}` document. */
export function actionReferences(doc: unknown): ActionReference[] {
  const c = new Collector();
  c.each('actions', isObject(doc) ? doc.actions : undefined, (action, path) => {
    for (const [kind, value] of Object.entries(action)) VISITORS[kind]?.(c, joinPath(path, kind), value);
  });
  return c.found;
}

/** References in a `{"defaults": {...}}` document. */
export function defaultsReferences(doc: unknown): ActionReference[] {
  const c = new Collector();
  if (!isObject(doc) || !isObject(doc.defaults)) return c.found;
  const defaults = doc.defaults;
  c.add('defaults.assistant_initiation', 'target', defaults.assistant_initiation);
  c.add('defaults.fallback', 'target', defaults.fallback);
  if (isObject(defaults.collect)) c.add('defaults.collect.validate_on_failure', 'target', defaults.collect.validate_on_failure);
  return c.found;
}
