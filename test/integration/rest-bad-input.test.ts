import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeader, rest, startTestServer, type TestServer } from '../support/test-server.js';
import { scanKeys } from '../support/redis.js';

// Every create and update endpoint fed malformed input: each answer must be a Twilio 4xx error body
// naming the bad parameter, and no key under the server's Redis prefix may change.

const A = '/v1/Assistants/bad-bot';
const DEAD = {
  assistant: 'UA0000000000000000000000000000dead',
  task: 'UD0000000000000000000000000000dead',
  sample: 'UF0000000000000000000000000000dead',
  fieldType: 'UB0000000000000000000000000000dead',
  build: 'UG0000000000000000000000000000dead',
  query: 'UH0000000000000000000000000000dead',
  webhook: 'UM0000000000000000000000000000dead',
};
const BAD_ESCAPE = '%E0%A4%A';
const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

interface Endpoint {
  readonly name: string;
  /** `{sample}` and `{query}` stand for SIDs made in beforeAll. */
  readonly path: string;
  /** A body this endpoint accepts: each bad case spoils it in one way, so an ignored defect shows as a change. */
  readonly valid: Readonly<Record<string, string>>;
  readonly required?: readonly string[];
  /** A string-typed parameter, for the JSON wrong-type case. */
  readonly stringParam?: string;
  /** The path with one of its SIDs (or unique names) replaced by an unknown one. */
  readonly unknownPaths?: readonly string[];
  /** The path with a malformed percent-escape in a named segment. */
  readonly badEscapePaths?: readonly string[];
}

interface Row {
  readonly label: string;
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly status: number;
  readonly code?: number;
  /** Text the message must contain: the bad parameter's name, or the path of a missing resource. */
  readonly mentions?: string;
}

const json = (value: unknown): string => JSON.stringify(value);
const form = (params: Readonly<Record<string, string>>): string => new URLSearchParams(params).toString();
const long = (n: number): string => 'x'.repeat(n);
/** JSON text of `[[[…]]]` nested `depth` levels deep (deep enough to overflow a recursive JSON.stringify). */
const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** A JSON object of `params` with `name` set to raw JSON text (too deep for JSON.stringify to build). */
const withRawJson = (params: Readonly<Record<string, string>>, name: string, raw: string): string =>
  `{${[...Object.entries(params).filter(([k]) => k !== name).map(([k, v]) => `${json(k)}:${json(v)}`), `${json(name)}:${raw}`].join(',')}}`;
/** A `remember` object nested `depth` levels deep: schema-valid at any depth. */
const deepMemory = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

const ENDPOINTS: readonly Endpoint[] = [
  {
    name: 'Assistants create', path: '/v1/Assistants', valid: { UniqueName: 'fresh-bot', FriendlyName: 'Fresh' },
    stringParam: 'FriendlyName',
  },
  {
    name: 'Assistant update', path: A, valid: { FriendlyName: 'Renamed' }, stringParam: 'FriendlyName',
    unknownPaths: [`/v1/Assistants/${DEAD.assistant}`, '/v1/Assistants/no-such-bot'], badEscapePaths: [`/v1/Assistants/${BAD_ESCAPE}`],
  },
  { name: 'Restore', path: '/v1/Assistants/Restore', valid: { Assistant: 'gone-bot' }, required: ['Assistant'], stringParam: 'Assistant' },
  {
    name: 'Defaults', path: `${A}/Defaults`, valid: { Defaults: json({ defaults: { fallback: 'task://order' } }) },
    unknownPaths: [`/v1/Assistants/${DEAD.assistant}/Defaults`], badEscapePaths: [`/v1/Assistants/${BAD_ESCAPE}/Defaults`],
  },
  {
    name: 'StyleSheet', path: `${A}/StyleSheet`, valid: { StyleSheet: json({ style_sheet: { voice: { say_voice: 'alice' } } }) },
    unknownPaths: [`/v1/Assistants/${DEAD.assistant}/StyleSheet`], badEscapePaths: [`/v1/Assistants/${BAD_ESCAPE}/StyleSheet`],
  },
  {
    name: 'Tasks create', path: `${A}/Tasks`, valid: { UniqueName: 'fresh-task' }, required: ['UniqueName'], stringParam: 'UniqueName',
    unknownPaths: [`/v1/Assistants/${DEAD.assistant}/Tasks`], badEscapePaths: [`/v1/Assistants/${BAD_ESCAPE}/Tasks`],
  },
  {
    name: 'Task update', path: `${A}/Tasks/order`, valid: { FriendlyName: 'Order a pizza' }, stringParam: 'FriendlyName',
    unknownPaths: [`/v1/Assistants/${DEAD.assistant}/Tasks/order`, `${A}/Tasks/${DEAD.task}`, `${A}/Tasks/no-such-task`],
    badEscapePaths: [`/v1/Assistants/${BAD_ESCAPE}/Tasks/order`, `${A}/Tasks/${BAD_ESCAPE}`],
  },
  {
    name: 'TaskActions', path: `${A}/Tasks/order/Actions`, valid: { Actions: json({ actions: [{ say: 'ok' }] }) },
    unknownPaths: [`/v1/Assistants/${DEAD.assistant}/Tasks/order/Actions`, `${A}/Tasks/${DEAD.task}/Actions`],
    badEscapePaths: [`${A}/Tasks/${BAD_ESCAPE}/Actions`],
  },
  {
    name: 'Fields create', path: `${A}/Tasks/order/Fields`, valid: { FieldType: 'Twilio.NUMBER', UniqueName: 'fresh-field' },
    required: ['FieldType', 'UniqueName'], stringParam: 'UniqueName',
    unknownPaths: [`/v1/Assistants/${DEAD.assistant}/Tasks/order/Fields`, `${A}/Tasks/${DEAD.task}/Fields`],
    badEscapePaths: [`${A}/Tasks/${BAD_ESCAPE}/Fields`],
  },
  {
    name: 'Samples create', path: `${A}/Tasks/order/Samples`, valid: { Language: 'en-US', TaggedText: 'one more pizza' },
    required: ['Language', 'TaggedText'], stringParam: 'TaggedText',
    unknownPaths: [`/v1/Assistants/${DEAD.assistant}/Tasks/order/Samples`, `${A}/Tasks/${DEAD.task}/Samples`],
    badEscapePaths: [`${A}/Tasks/${BAD_ESCAPE}/Samples`],
  },
  {
    name: 'Sample update', path: `${A}/Tasks/order/Samples/{sample}`, valid: { TaggedText: 'a different pizza' }, stringParam: 'TaggedText',
    unknownPaths: [`${A}/Tasks/${DEAD.task}/Samples/{sample}`, `${A}/Tasks/order/Samples/${DEAD.sample}`],
    badEscapePaths: [`${A}/Tasks/order/Samples/${BAD_ESCAPE}`],
  },
  {
    name: 'FieldTypes create', path: `${A}/FieldTypes`, valid: { UniqueName: 'fresh-type' }, required: ['UniqueName'], stringParam: 'UniqueName',
    unknownPaths: [`/v1/Assistants/${DEAD.assistant}/FieldTypes`], badEscapePaths: [`/v1/Assistants/${BAD_ESCAPE}/FieldTypes`],
  },
  {
    name: 'FieldType update', path: `${A}/FieldTypes/size`, valid: { FriendlyName: 'Sizes' }, stringParam: 'FriendlyName',
    unknownPaths: [`/v1/Assistants/${DEAD.assistant}/FieldTypes/size`, `${A}/FieldTypes/${DEAD.fieldType}`],
    badEscapePaths: [`${A}/FieldTypes/${BAD_ESCAPE}`],
  },
  {
    name: 'FieldValues create', path: `${A}/FieldTypes/size/FieldValues`, valid: { Language: 'en-US', Value: 'medium' },
    required: ['Language', 'Value'], stringParam: 'Value',
    unknownPaths: [`/v1/Assistants/${DEAD.assistant}/FieldTypes/size/FieldValues`, `${A}/FieldTypes/${DEAD.fieldType}/FieldValues`],
    badEscapePaths: [`${A}/FieldTypes/${BAD_ESCAPE}/FieldValues`],
  },
  {
    name: 'ModelBuilds create', path: `${A}/ModelBuilds`, valid: { UniqueName: 'fresh-build' }, stringParam: 'UniqueName',
    unknownPaths: [`/v1/Assistants/${DEAD.assistant}/ModelBuilds`], badEscapePaths: [`/v1/Assistants/${BAD_ESCAPE}/ModelBuilds`],
  },
  {
    name: 'ModelBuild update', path: `${A}/ModelBuilds/mb`, valid: { UniqueName: 'mb-renamed' }, stringParam: 'UniqueName',
    unknownPaths: [`/v1/Assistants/${DEAD.assistant}/ModelBuilds/mb`, `${A}/ModelBuilds/${DEAD.build}`],
    badEscapePaths: [`${A}/ModelBuilds/${BAD_ESCAPE}`],
  },
  {
    name: 'Queries create', path: `${A}/Queries`, valid: { Language: 'en-US', Query: 'a large pizza' },
    required: ['Language', 'Query'], stringParam: 'Query',
    unknownPaths: [`/v1/Assistants/${DEAD.assistant}/Queries`], badEscapePaths: [`/v1/Assistants/${BAD_ESCAPE}/Queries`],
  },
  {
    name: 'Query update', path: `${A}/Queries/{query}`, valid: { Status: 'reviewed' }, stringParam: 'Status',
    unknownPaths: [`/v1/Assistants/${DEAD.assistant}/Queries/{query}`, `${A}/Queries/${DEAD.query}`],
    badEscapePaths: [`${A}/Queries/${BAD_ESCAPE}`],
  },
  {
    name: 'Webhooks create', path: `${A}/Webhooks`,
    valid: { UniqueName: 'fresh-hook', Events: 'onDialogueStart', WebhookUrl: 'https://example.com/hook' },
    required: ['UniqueName', 'Events', 'WebhookUrl'], stringParam: 'WebhookUrl',
    unknownPaths: [`/v1/Assistants/${DEAD.assistant}/Webhooks`], badEscapePaths: [`/v1/Assistants/${BAD_ESCAPE}/Webhooks`],
  },
  {
    name: 'Webhook update', path: `${A}/Webhooks/hook`, valid: { WebhookMethod: 'GET' }, stringParam: 'WebhookMethod',
    unknownPaths: [`/v1/Assistants/${DEAD.assistant}/Webhooks/hook`, `${A}/Webhooks/${DEAD.webhook}`],
    badEscapePaths: [`${A}/Webhooks/${BAD_ESCAPE}`],
  },
];

/** Malformations every endpoint gets, built from its valid body. */
function genericRows(e: Endpoint): Row[] {
  const post = (label: string, body: string, contentType: string, status: number, mentions?: string, code?: number, headers?: Record<string, string>): Row =>
    ({ label: `${e.name}: ${label}`, method: 'POST', path: e.path, body, contentType, headers, status, mentions, code });
  const [first, firstValue] = Object.entries(e.valid)[0]!;
  const rows: Row[] = [
    post('unknown parameter', `${form(e.valid)}&Bogus=1`, FORM, 400, 'Bogus', 20001),
    // The form parser drops this name silently: it must still be the unknown parameter it is.
    post('__proto__ parameter', `${form(e.valid)}&__proto__=1`, FORM, 400, '__proto__', 20001),
    post('encoded __proto__ parameter', `${form(e.valid)}&%5F%5Fproto%5F%5F=1`, FORM, 400, '__proto__', 20001),
    post('parameter named like an Object method', `${form(e.valid)}&constructor=x`, FORM, 400, 'constructor', 20001),
    // In JSON too (the form rows above cover the form parser, which drops the name itself).
    post('JSON parameter named __proto__', `${json(e.valid).slice(0, -1)},"__proto__":"x"}`, JSON_TYPE, 400, '__proto__', 20001),
    post('JSON parameter named hasOwnProperty', json({ ...e.valid, hasOwnProperty: 'x' }), JSON_TYPE, 400, 'hasOwnProperty', 20001),
    post('lower-case parameter name', form(Object.fromEntries(Object.entries(e.valid).map(([k, v]) => [k.toLowerCase(), v]))), FORM, 400, first.toLowerCase(), 20001),
    post(`repeated ${first}`, `${form(e.valid)}&${form({ [first]: firstValue })}`, FORM, 400, first, 20001),
    post('body over 1 MB', `${form(e.valid)}&FriendlyName=${long(1_100_000)}`, FORM, 413, undefined, 20413),
    post('text/plain body', form(e.valid), 'text/plain', 415, undefined, 20415),
    post('form with an unsupported charset', form(e.valid), `${FORM}; charset=utf-16`, 415, undefined, 20415),
    post('invalid JSON body', `${json(e.valid).slice(0, -1)},`, JSON_TYPE, 400, undefined, 20001),
    post('form parameter whose escapes are not UTF-8', `${form(e.valid)}&Garbled=%C0%AF`, FORM, 400, 'Garbled', 20001),
    { label: `${e.name}: query parameter whose escapes are not UTF-8`, method: 'POST', path: `${e.path}?Garbled=%FF`, body: form(e.valid), contentType: FORM, status: 400, mentions: 'Garbled', code: 20001 },
    post('JSON array body', json([e.valid]), JSON_TYPE, 400, 'body', 20001),
    post('JSON body with an unknown parameter', json({ ...e.valid, Bogus: 1 }), JSON_TYPE, 400, 'Bogus', 20001),
    post('gzip-encoded body that is not gzip', form(e.valid), FORM, 400, undefined, 20001, { 'content-encoding': 'gzip' }),
    post('unknown content encoding', form(e.valid), FORM, 415, undefined, 20415, { 'content-encoding': 'x-unknown' }),
    post('over 100 form parameters', [form(e.valid), ...Array.from({ length: 120 }, (_, i) => `P${i}=1`)].join('&'), FORM, 400, undefined, 20001),
    { label: `${e.name}: PUT`, method: 'PUT', path: e.path, body: form(e.valid), contentType: FORM, status: 405, code: 20004, mentions: 'PUT' },
    { label: `${e.name}: PATCH`, method: 'PATCH', path: e.path, body: form(e.valid), contentType: FORM, status: 405, code: 20004, mentions: 'PATCH' },
  ];
  if (e.stringParam !== undefined) {
    rows.push(post(`JSON object for string ${e.stringParam}`, json({ ...e.valid, [e.stringParam]: { nested: true } }), JSON_TYPE, 400, e.stringParam, 20001));
    rows.push(post(`JSON null for string ${e.stringParam}`, json({ ...e.valid, [e.stringParam]: null }), JSON_TYPE, 400, e.stringParam, 20001));
  }
  for (const name of e.required ?? []) {
    const rest = Object.fromEntries(Object.entries(e.valid).filter(([k]) => k !== name));
    rows.push(post(`missing ${name}`, form(rest), FORM, 400, name, 20001));
    rows.push(post(`missing ${name} (JSON)`, json(rest), JSON_TYPE, 400, name, 20001));
  }
  for (const path of e.unknownPaths ?? []) {
    const missing = path.split('/').find((s) => Object.values(DEAD).includes(s) || s.startsWith('no-such-'))!;
    rows.push({ label: `${e.name}: unknown ${missing} in the path`, method: 'POST', path, body: form(e.valid), contentType: FORM, status: 404, code: 20404, mentions: missing });
  }
  for (const path of e.badEscapePaths ?? []) {
    rows.push({ label: `${e.name}: malformed escape in ${path}`, method: 'POST', path, body: form(e.valid), contentType: FORM, status: 400, code: 20001 });
  }
  return rows;
}

/** A bad value for one parameter, on top of the endpoint's valid body. */
function bad(e: Endpoint, param: string, value: string, expect: { status?: number; code?: number; mentions?: string } = {}): Row {
  return {
    label: `${e.name}: ${param}=${value.length > 40 ? `${value.slice(0, 20)}…(${value.length} chars)` : JSON.stringify(value)}`,
    method: 'POST', path: e.path, body: form({ ...e.valid, [param]: value }), contentType: FORM,
    status: expect.status ?? 400, code: expect.code ?? 20001, mentions: expect.mentions ?? param,
  };
}

const endpoint = (name: string): Endpoint => {
  const found = ENDPOINTS.find((e) => e.name === name);
  if (found === undefined) throw new Error(name);
  return found;
};

const SID_LIKE_NAME = 'UA0123456789abcdef0123456789abcdef';
const INVALID_ACTIONS = 90100;
const IN_USE = { code: 90101, mentions: 'UniqueName already in use' };

function assistantRows(e: Endpoint): Row[] {
  return [
    bad(e, 'LogQueries', 'maybe'), bad(e, 'LogQueries', ''), bad(e, 'LogQueries', '1'),
    bad(e, 'UniqueName', long(65)), bad(e, 'UniqueName', SID_LIKE_NAME), bad(e, 'UniqueName', 'a/b'), bad(e, 'UniqueName', 'what?'), bad(e, 'UniqueName', 'x#y'), bad(e, 'UniqueName', 'tab\there'),
    bad(e, 'FriendlyName', long(256)),
    bad(e, 'CallbackUrl', 'notaurl'), bad(e, 'CallbackUrl', 'ftp://example.com/x'), bad(e, 'CallbackEvents', long(256)),
    bad(e, 'StyleSheet', '{"style_sheet": {'), bad(e, 'StyleSheet', json({ style_sheet: { voice: { say_voice: '' } } })),
    bad(e, 'StyleSheet', json({ style_sheet: { colour: 'red' } })), bad(e, 'StyleSheet', '[]'), bad(e, 'StyleSheet', 'null'),
    bad(e, 'Defaults', 'not json'), bad(e, 'Defaults', json({ defaults: { fallback: 'ftp://nope' } })),
    bad(e, 'Defaults', json({ defaults: { fallbak: 'task://order' } })), bad(e, 'Defaults', '42'),
    bad(e, 'Defaults', json({ defaults: { fallback: `https://example.com/${long(70_000)}` } })),
  ];
}

function actionsRows(e: Endpoint): Row[] {
  const invalid = (doc: unknown, mentions: string): Row => bad(e, 'Actions', json(doc), { code: INVALID_ACTIONS, mentions });
  return [
    bad(e, 'Actions', '{"actions": ['),
    bad(e, 'Actions', ''),
    invalid({ actions: [{ say: 'fine' }, { shout: 'not an action' }] }, 'actions[1]'),
    invalid({ actions: [{ say: 5 }] }, 'actions[0]'),
    invalid({ actions: [{ say: 'a', listen: true }] }, 'actions[0]'),
    invalid({ actions: [{ say: 'ok' }, { redirect: 'ftp://nowhere' }] }, 'actions[1]'),
    invalid({ actions: 'say hello' }, 'actions'),
    invalid({}, 'actions'),
    invalid([], 'Actions'),
    invalid({ actions: [], extra: true }, 'extra'),
    bad(e, 'Actions', json({ actions: Array.from({ length: 2000 }, () => ({ say: long(40) })) })),
    bad(e, 'Actions', `{"actions":${nested(10_000)}}`),
    bad(e, 'Actions', `{"actions":[{"remember":${deepMemory(64)}}]}`),
    {
      label: `${e.name}: JSON body with Actions nested 100000 deep`, method: 'POST', path: e.path, contentType: JSON_TYPE,
      body: withRawJson(e.valid, 'Actions', `{"actions":${nested(100_000)}}`), status: 400, code: 20001, mentions: 'Actions',
    },
  ];
}

function sampleRows(e: Endpoint): Row[] {
  return [
    bad(e, 'Language', 'english!'), bad(e, 'Language', ''), bad(e, 'Language', 'e'), bad(e, 'Language', 'en_US'),
    bad(e, 'SourceChannel', 'fax'), bad(e, 'SourceChannel', 'Voice '),
    bad(e, 'TaggedText', ''), bad(e, 'TaggedText', '   '), bad(e, 'TaggedText', long(2049)),
  ];
}

function webhookRows(e: Endpoint): Row[] {
  return [
    bad(e, 'WebhookUrl', 'notaurl'), bad(e, 'WebhookUrl', 'mailto:a@example.com'),
    bad(e, 'WebhookMethod', 'PUT'), bad(e, 'WebhookMethod', ''),
    bad(e, 'Events', 'onNothing'), bad(e, 'Events', 'onDialogueStart onNothing'), bad(e, 'Events', ''), bad(e, 'Events', '   '),
    bad(e, 'UniqueName', long(65)), bad(e, 'UniqueName', ''),
  ];
}

const SPECIFIC: readonly Row[] = [
  ...assistantRows(endpoint('Assistants create')),
  bad(endpoint('Assistants create'), 'UniqueName', 'bad-bot', IN_USE),
  bad(endpoint('Assistants create'), 'UniqueName', ''),
  bad(endpoint('Assistants create'), 'DevelopmentStage', 'in-production'),
  ...assistantRows(endpoint('Assistant update')),
  bad(endpoint('Assistant update'), 'UniqueName', 'other-bot', IN_USE),
  bad(endpoint('Assistant update'), 'UniqueName', ''),
  bad(endpoint('Assistant update'), 'DevelopmentStage', long(65)),
  bad(endpoint('Assistant update'), 'DevelopmentStage', 'in-testing'),
  { label: 'Assistant update: JSON LogQueries "maybe"', method: 'POST', path: A, body: json({ LogQueries: 'maybe' }), contentType: JSON_TYPE, status: 400, code: 20001, mentions: 'LogQueries' },
  { label: 'Assistant update: JSON LogQueries 1', method: 'POST', path: A, body: json({ LogQueries: 1 }), contentType: JSON_TYPE, status: 400, code: 20001, mentions: 'LogQueries' },

  bad(endpoint('Restore'), 'Assistant', 'never-existed', { status: 404, code: 20404, mentions: 'never-existed' }),
  bad(endpoint('Restore'), 'Assistant', 'bad-bot', { status: 404, code: 20404, mentions: 'bad-bot' }),
  bad(endpoint('Restore'), 'Assistant', ''),
  bad(endpoint('Restore'), 'Assistant', 'ghost-bot', IN_USE),

  bad(endpoint('Defaults'), 'Defaults', '{"defaults":'), bad(endpoint('Defaults'), 'Defaults', json({ defaults: { fallback: 'ftp://x' } })),
  bad(endpoint('Defaults'), 'Defaults', json({ defaults: { fallbak: 'task://x' } })), bad(endpoint('Defaults'), 'Defaults', '[]'),
  bad(endpoint('Defaults'), 'Defaults', 'null'), bad(endpoint('Defaults'), 'Defaults', ''),
  bad(endpoint('Defaults'), 'Defaults', `{"defaults":${nested(10_000)}}`),
  bad(endpoint('Defaults'), 'Defaults', json({ defaults: { fallback: `https://example.com/${long(70_000)}` } })),
  { label: 'Defaults: JSON body Defaults 42', method: 'POST', path: `${A}/Defaults`, body: json({ Defaults: 42 }), contentType: JSON_TYPE, status: 400, code: 20001, mentions: 'Defaults' },
  bad(endpoint('StyleSheet'), 'StyleSheet', '{"style_sheet":'), bad(endpoint('StyleSheet'), 'StyleSheet', json({ style_sheet: { voice: { say_voice: '' } } })),
  bad(endpoint('StyleSheet'), 'StyleSheet', json({ style_sheet: { collect: { validate: { max_attempts: 0 } } } })),
  bad(endpoint('StyleSheet'), 'StyleSheet', json({ style_sheet: { colour: 'red' } })), bad(endpoint('StyleSheet'), 'StyleSheet', '"text"'),
  bad(endpoint('StyleSheet'), 'StyleSheet', `{"style_sheet":${nested(10_000)}}`),
  { label: 'StyleSheet: JSON body StyleSheet []', method: 'POST', path: `${A}/StyleSheet`, body: json({ StyleSheet: [] }), contentType: JSON_TYPE, status: 400, code: 20001, mentions: 'StyleSheet' },

  ...['Tasks create', 'Task update'].flatMap((name) => {
    const e = endpoint(name);
    return [
      bad(e, 'UniqueName', long(65)), bad(e, 'UniqueName', ''), bad(e, 'UniqueName', 'a/b'), bad(e, 'UniqueName', SID_LIKE_NAME),
      bad(e, 'UniqueName', 'hello-world', IN_USE), bad(e, 'UniqueName', 'nul\u0000byte'),
      bad(e, 'FriendlyName', long(256)), bad(e, 'ActionsUrl', 'notaurl'), bad(e, 'ActionsUrl', 'javascript:alert(1)'),
      bad(e, 'ActionsUrl', `https://example.com/${long(2100)}`),
      ...actionsRows(e),
    ];
  }),
  ...actionsRows(endpoint('TaskActions')),
  { label: 'TaskActions: JSON body with an invalid Actions object', method: 'POST', path: `${A}/Tasks/order/Actions`, body: json({ Actions: { actions: [{ shout: 1 }] } }), contentType: JSON_TYPE, status: 400, code: INVALID_ACTIONS, mentions: 'actions[0]' },

  bad(endpoint('Fields create'), 'FieldType', 'Twilio.NOPE'), bad(endpoint('Fields create'), 'FieldType', ''),
  bad(endpoint('Fields create'), 'FieldType', DEAD.fieldType),
  bad(endpoint('Fields create'), 'UniqueName', long(65)), bad(endpoint('Fields create'), 'UniqueName', ''),
  bad(endpoint('Fields create'), 'UniqueName', 'size', IN_USE),

  ...sampleRows(endpoint('Samples create')),
  ...sampleRows(endpoint('Sample update')),

  ...['FieldTypes create', 'FieldType update'].flatMap((name) => {
    const e = endpoint(name);
    return [bad(e, 'UniqueName', long(65)), bad(e, 'UniqueName', ''), bad(e, 'UniqueName', 'x/y'), bad(e, 'FriendlyName', long(256)),
      bad(e, 'UniqueName', 'other-type', IN_USE)];
  }),

  bad(endpoint('FieldValues create'), 'Language', 'english!'), bad(endpoint('FieldValues create'), 'Language', ''),
  bad(endpoint('FieldValues create'), 'Value', ''), bad(endpoint('FieldValues create'), 'Value', long(256)),
  bad(endpoint('FieldValues create'), 'SynonymOf', 'nonexistent'),
  bad(endpoint('FieldValues create'), 'SynonymOf', 'UC0000000000000000000000000000dead'),
  bad(endpoint('FieldValues create'), 'Value', 'large', { code: 90101, mentions: 'FieldValue already in use' }),
  bad(endpoint('FieldValues create'), 'Value', 'LARGE', { code: 90101, mentions: 'FieldValue already in use' }),

  bad(endpoint('ModelBuilds create'), 'StatusCallback', 'notaurl'), bad(endpoint('ModelBuilds create'), 'StatusCallback', 'ftp://x'),
  bad(endpoint('ModelBuilds create'), 'UniqueName', long(65)), bad(endpoint('ModelBuilds create'), 'UniqueName', 'mb', IN_USE),
  bad(endpoint('ModelBuild update'), 'UniqueName', long(65)), bad(endpoint('ModelBuild update'), 'UniqueName', ''),
  bad(endpoint('ModelBuild update'), 'UniqueName', 'mb2', IN_USE), bad(endpoint('ModelBuild update'), 'StatusCallback', 'https://example.com'),

  bad(endpoint('Queries create'), 'Language', 'english!'), bad(endpoint('Queries create'), 'Language', ''),
  bad(endpoint('Queries create'), 'Query', ''), bad(endpoint('Queries create'), 'Query', long(2049)),
  bad(endpoint('Queries create'), 'ModelBuild', 'no-such-build'), bad(endpoint('Queries create'), 'ModelBuild', DEAD.build),
  bad(endpoint('Queries create'), 'Tasks', long(4097)),
  bad(endpoint('Query update'), 'Status', 'done'), bad(endpoint('Query update'), 'Status', ''), bad(endpoint('Query update'), 'Status', 'Reviewed'),
  bad(endpoint('Query update'), 'SampleSid', 'nope'), bad(endpoint('Query update'), 'SampleSid', DEAD.task),

  ...webhookRows(endpoint('Webhooks create')),
  bad(endpoint('Webhooks create'), 'UniqueName', 'hook', IN_USE),
  ...webhookRows(endpoint('Webhook update')),
  bad(endpoint('Webhook update'), 'UniqueName', 'hook2', IN_USE),
];

/** Methods no route takes: 405 with the Twilio body. */
const METHOD_ROWS: readonly Row[] = [
  ['DELETE', '/v1/Assistants'], ['DELETE', '/v1/Assistants/Restore'], ['GET', '/v1/Assistants/Restore'],
  ['DELETE', `${A}/Defaults`], ['DELETE', `${A}/StyleSheet`], ['DELETE', `${A}/Tasks/order/Actions`],
  ['POST', `${A}/Tasks/order/Statistics`], ['DELETE', `${A}/Tasks/order/Statistics`],
  ['POST', `${A}/Tasks/order/Fields/size`], ['POST', `${A}/FieldTypes/size/FieldValues/large`],
  ['POST', `${A}/Dialogues/UK0000000000000000000000000000dead`], ['DELETE', `${A}/Dialogues/UK0000000000000000000000000000dead`],
  ['PUT', `${A}/Tasks/order/Samples/{sample}`], ['PATCH', `${A}/Queries/{query}`], ['DELETE', `${A}/Tasks`],
].map(([method, path]) => ({ label: `${method} ${path}`, method: method!, path: path!, status: 405, code: 20004, mentions: method! }));

const ROWS: readonly Row[] = [...ENDPOINTS.flatMap(genericRows), ...SPECIFIC, ...METHOD_ROWS];

describe('REST bad input', () => {
  let server: TestServer;
  const sids: Record<string, string> = {};
  const statuses: number[] = [];

  const resolve = (path: string): string => path.replace(/\{(\w+)\}/g, (_, name: string) => sids[name] ?? `{${name}}`);

  async function send(row: Row): Promise<{ status: number; contentType: string; body: any }> {
    const response = await fetch(`${server.baseUrl}${resolve(row.path)}`, {
      method: row.method,
      headers: { authorization: authHeader(), ...(row.contentType === undefined ? {} : { 'content-type': row.contentType }), ...row.headers },
      body: row.body,
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: text === '' ? null : JSON.parse(text) };
  }

  /**
   * Every key under the server's prefix with its full value, but for BullMQ's stalled-check timer:
   * it expires and is set again every 30 s whatever requests come, so a case that straddles that
   * moment (a slow, loaded run) would see it change. The queue's jobs stay in the snapshot.
   */
  async function snapshot(): Promise<Record<string, unknown>> {
    await server.parley.builds.drain();
    const redis = server.redis!;
    const keys = (await scanKeys(redis, server.prefix)).filter((key) => !key.endsWith(':stalled-check'));
    const types = (await redis.pipeline(keys.map((k) => ['type', k])).exec()) ?? [];
    const reads = keys.map((key, i) => {
      const type = String(types[i]?.[1]);
      switch (type) {
        case 'hash': return ['hgetall', key];
        case 'zset': return ['zrange', key, '0', '-1', 'WITHSCORES'];
        case 'set': return ['smembers', key];
        case 'list': return ['lrange', key, '0', '-1'];
        case 'string': return ['get', key];
        default: return ['type', key];
      }
    });
    const values = (await redis.pipeline(reads).exec()) ?? [];
    const ttls = (await redis.pipeline(keys.map((k) => ['ttl', k])).exec()) ?? [];
    return Object.fromEntries(keys.map((key, i) => {
      const value = values[i]?.[1];
      return [key, { value: Array.isArray(value) && reads[i]![0] === 'smembers' ? [...value].sort() : value, persistent: ttls[i]?.[1] === -1 }];
    }));
  }

  beforeAll(async () => {
    server = await startTestServer('rest-bad-input');
    const ok = async (method: string, path: string, form?: Record<string, string>): Promise<any> => {
      const response = await rest(server, method, path, form);
      if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    };
    await ok('POST', '/v1/Assistants', { UniqueName: 'bad-bot', FriendlyName: 'Bad input target' });
    await ok('POST', '/v1/Assistants', { UniqueName: 'other-bot' });
    // A deleted assistant Restore could bring back, and one whose name was taken after deletion.
    await ok('POST', '/v1/Assistants', { UniqueName: 'gone-bot' });
    await ok('DELETE', '/v1/Assistants/gone-bot');
    await ok('POST', '/v1/Assistants', { UniqueName: 'ghost-bot' });
    await ok('DELETE', '/v1/Assistants/ghost-bot');
    await ok('POST', '/v1/Assistants', { UniqueName: 'ghost-bot' });

    await ok('POST', `${A}/FieldTypes`, { UniqueName: 'size' });
    await ok('POST', `${A}/FieldTypes`, { UniqueName: 'other-type' });
    await ok('POST', `${A}/FieldTypes/size/FieldValues`, { Language: 'en-US', Value: 'large' });
    await ok('POST', `${A}/Tasks`, { UniqueName: 'order', Actions: json({ actions: [{ say: 'Ordering.' }] }) });
    await ok('POST', `${A}/Tasks/order/Fields`, { FieldType: 'size', UniqueName: 'size' });
    sids.sample = (await ok('POST', `${A}/Tasks/order/Samples`, { Language: 'en-US', TaggedText: 'I want a {size} pizza' })).sid;
    await ok('POST', `${A}/ModelBuilds`, { UniqueName: 'mb' });
    await ok('POST', `${A}/ModelBuilds`, { UniqueName: 'mb2' });
    await server.parley.builds.drain();
    expect((await ok('GET', `${A}/ModelBuilds/mb2`)).status).toBe('completed');
    sids.query = (await ok('POST', `${A}/Queries`, { Language: 'en-US', Query: 'a large pizza please' })).sid;
    await ok('POST', `${A}/Webhooks`, { UniqueName: 'hook', Events: 'onDialogueStart', WebhookUrl: 'https://example.com/hook' });
    await ok('POST', `${A}/Webhooks`, { UniqueName: 'hook2', Events: 'onDialogueEnd', WebhookUrl: 'https://example.com/hook2' });
  });

  afterAll(async () => { await server.close(); });

  it.each(ROWS.map((row) => [`${row.label} -> ${row.status}`, row] as const))('%s', async (_name, row) => {
    const before = await snapshot();
    expect(Object.keys(before).length).toBeGreaterThan(10);
    const response = await send(row);
    statuses.push(response.status);

    expect(response.status, JSON.stringify(response.body)).toBe(row.status);
    expect(response.contentType).toMatch(/^application\/json/);
    const body = response.body as Record<string, unknown>;
    expect(Object.keys(body).filter((k) => k !== 'details').sort()).toEqual(['code', 'message', 'more_info', 'status']);
    expect(body.status).toBe(response.status);
    expect(typeof body.code).toBe('number');
    if (row.code !== undefined) expect(body.code).toBe(row.code);
    expect(body.more_info).toBe(`https://www.twilio.com/docs/errors/${String(body.code)}`);
    expect(typeof body.message).toBe('string');
    expect(String(body.message).length).toBeGreaterThan(0);
    if (row.mentions !== undefined) expect(body.message).toContain(row.mentions);

    expect(await snapshot()).toEqual(before);
  });

  it('never answered with a 5xx', () => {
    expect(statuses).toHaveLength(ROWS.length);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.every((s) => s >= 400 && s < 500)).toBe(true);
  });

  it('accepts the valid bodies the cases spoil, and the snapshot sees each change', async () => {
    // The control: each bad case differs from an accepted request by its defect alone, and a
    // stored change does show in the snapshot.
    for (const e of ENDPOINTS) {
      const before = await snapshot();
      const response = await send({ label: e.name, method: 'POST', path: e.path, body: form(e.valid), contentType: FORM, status: 200 });
      expect(response.status, `${e.name}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
      expect(await snapshot(), e.name).not.toEqual(before);
    }
  });
});
