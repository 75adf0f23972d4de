import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAutopilotSchema, type AutopilotSchema } from '../../src/import-export/autopilot-schema.js';
import { compatibilityReport, hasErrors } from '../../src/import-export/compatibility-report.js';
import { resolveSynonyms } from '../../src/import-export/synonym-resolution.js';

const fixture = (name: string): AutopilotSchema =>
  readAutopilotSchema(JSON.parse(readFileSync(new URL(`../fixtures/bots/${name}`, import.meta.url), 'utf8')));

const sid = (digit: string): string => `UC${digit.repeat(32)}`;

describe('compatibility report', () => {
  it.each(['cafe-bot.json', 'plain-bot.json'])('finds nothing in the clean fixture %s', (name) => {
    expect(compatibilityReport(fixture(name))).toEqual([]);
  });

  it('finds nothing in the demo bot', () => {
    const demo = readAutopilotSchema(JSON.parse(readFileSync(new URL('../../src/demo/demo-assistant.json', import.meta.url), 'utf8')));
    expect(compatibilityReport(demo)).toEqual([]);
  });

  it('names every broken construct of the broken fixture by path, in document order', () => {
    const report = compatibilityReport(fixture('broken-bot.json'));
    expect(report.map((item) => [item.path, item.severity])).toEqual([
      ['assistantSid', 'warning'],
      ['defaults.defaults.fallback', 'warning'],
      ['defaults.defaults.collect.validate_on_failure', 'warning'],
      ['styleSheet', 'warning'],
      ['fieldTypes[0].values[2].synonymOf', 'error'],
      ['fieldTypes[0].values[3].value', 'error'],
      ['fieldTypes[1].uniqueName', 'warning'],
      ['tasks[0].actions.actions[1].listen.tasks[1]', 'warning'],
      ['tasks[0].actions.actions[1].listen.voice_digits.redirects["9"]', 'warning'],
      ['tasks[1].actions.actions[0].collect.on_complete.redirect.uri', 'warning'],
      ['tasks[1].actions.actions[0].collect.questions[0].type', 'warning'],
      ['tasks[1].actions.actions[1].redirect', 'warning'],
      ['tasks[1].fields[1].fieldType', 'error'],
      ['tasks[1].samples[1].taggedText', 'warning'],
      ['tasks[2].actions.actions[0].play.url', 'warning'],
      ['tasks[2].actions.actions[1].handoff.uri', 'warning'],
      ['tasks[3].actions.actions[1].redirect', 'error'],
      ['tasks[4].uniqueName', 'error'],
      ['modelBuild.uniqueName', 'warning'],
    ]);
    expect(hasErrors(report)).toBe(true);
    const message = (path: string): string => report.find((item) => item.path === path)?.message ?? '';
    expect(message('defaults.defaults.fallback')).toContain('"nowhere" names no task');
    expect(message('tasks[1].actions.actions[0].collect.on_complete.redirect.uri')).toContain('did you mean "welcome"');
    expect(message('tasks[1].actions.actions[1].redirect')).toContain('placeholder');
    expect(message('tasks[2].actions.actions[1].handoff.uri')).toContain('workflow SID');
    expect(message('fieldTypes[0].values[2].synonymOf')).toContain('"rouge"');
    expect(message('tasks[1].fields[1].fieldType')).toContain('"Custom.SIZE"');
    expect(message('tasks[3].actions.actions[1].redirect')).toContain('got number 42');
  });

  it('accepts a handoff to a TaskRouter workflow SID and plain http(s) URLs', () => {
    const schema: AutopilotSchema = {
      uniqueName: 'routing',
      tasks: [{
        uniqueName: 'agent',
        actions: { actions: [
          { handoff: { channel: 'voice', uri: `taskrouter://WW${'a'.repeat(32)}?TaskAttributes=%7B%7D`, wait_url: 'https://example.com/hold' } },
          { redirect: { uri: 'http://example.com/next', method: 'POST' } },
        ] },
        samples: [{ language: 'en-US', taggedText: 'agent please' }],
      }],
    };
    expect(compatibilityReport(schema)).toEqual([]);
  });

  it('refuses an Actions document over the REST API\'s size limit, at the document\'s path', () => {
    const schema: AutopilotSchema = {
      uniqueName: 'chatty',
      tasks: [{ uniqueName: 'speech', actions: { actions: [{ say: 'blah '.repeat(14_000) }] }, samples: [{ language: 'en-US', taggedText: 'talk' }] }],
    };
    expect(compatibilityReport(schema)).toEqual([
      { path: 'tasks[0].actions', severity: 'error', message: expect.stringContaining('bytes of JSON') },
    ]);
  });

  it('refuses names and texts the REST API refuses', () => {
    const schema: AutopilotSchema = {
      uniqueName: `UD${'0'.repeat(32)}`,
      tasks: [{ uniqueName: 'a/b', actions: { actions: [] }, samples: [{ language: 'english', taggedText: '  ' }] }],
    };
    expect(compatibilityReport(schema).map((item) => [item.path, item.severity])).toEqual([
      ['uniqueName', 'error'],
      ['tasks[0].uniqueName', 'error'],
      ['tasks[0].samples[0].language', 'error'],
      ['tasks[0].samples[0].taggedText', 'error'],
    ]);
    // An assistant's own SID as its name (an export of an assistant never named) only names nothing.
    const unnamed = compatibilityReport({ uniqueName: `UA${'0'.repeat(32)}`, tasks: [] });
    expect(unnamed.filter((item) => item.path === 'uniqueName').map((item) => item.severity)).toEqual(['warning']);
  });
});

describe('synonymOf resolution', () => {
  it('follows value text, case-insensitively and through synonyms of synonyms', () => {
    const resolved = resolveSynonyms([
      { language: 'en-US', value: 'ristretto', synonymOf: 'short black' },
      { language: 'en-US', value: 'short black', synonymOf: 'Espresso' },
      { language: 'en-US', value: 'espresso', synonymOf: null },
    ]);
    expect(resolved).toEqual([
      { kind: 'synonym', canonical: 'espresso', how: 'text' },
      { kind: 'synonym', canonical: 'espresso', how: 'text' },
      { kind: 'canonical' },
    ]);
  });

  it('maps a source SID to the only canonical value of its language', () => {
    const resolved = resolveSynonyms([
      { language: 'en-US', value: 'yep', synonymOf: sid('a') },
      { language: 'en-US', value: 'yes', synonymOf: null },
    ]);
    expect(resolved[0]).toEqual({ kind: 'synonym', canonical: 'yes', how: 'single' });
  });

  it('uses the store when it knows the SID', () => {
    const values = [
      { language: 'en-US', value: 'big', synonymOf: sid('b') },
      { language: 'en-US', value: 'small', synonymOf: null },
      { language: 'en-US', value: 'large', synonymOf: null },
    ];
    expect(resolveSynonyms(values, new Map([[sid('b'), 'large']]))[0]).toEqual({ kind: 'synonym', canonical: 'large', how: 'store' });
  });

  it('guesses by position otherwise (autopilot-core exports newest first), and reports the guess', () => {
    // As autopilot-core exports a type whose values were created small, tiny, large, big, huge.
    const values = [
      { language: 'en-US', value: 'huge', synonymOf: sid('c') },
      { language: 'en-US', value: 'big', synonymOf: sid('c') },
      { language: 'en-US', value: 'large', synonymOf: null },
      { language: 'en-US', value: 'tiny', synonymOf: sid('d') },
      { language: 'en-US', value: 'small', synonymOf: null },
    ];
    expect(resolveSynonyms(values).map((r) => (r.kind === 'synonym' ? `${r.canonical}/${r.how}` : r.kind))).toEqual([
      'large/position', 'large/position', 'canonical', 'small/position', 'canonical',
    ]);
    const report = compatibilityReport({ uniqueName: 'sizes', fieldTypes: [{ uniqueName: 'Custom.SIZE', values }], tasks: [] });
    expect(report.filter((item) => item.path.startsWith('fieldTypes')).map((item) => [item.path, item.severity])).toEqual([
      ['fieldTypes[0].values[0].synonymOf', 'warning'],
      ['fieldTypes[0].values[1].synonymOf', 'warning'],
      ['fieldTypes[0].values[3].synonymOf', 'warning'],
    ]);
  });

  it('reports a SID it cannot place and a cycle as errors', () => {
    const orphan = resolveSynonyms([
      { language: 'en-US', value: 'a', synonymOf: null },
      { language: 'en-US', value: 'b', synonymOf: null },
      { language: 'en-US', value: 'c', synonymOf: sid('e') },
    ]);
    expect(orphan[2]?.kind).toBe('unresolved');
    const cycle = resolveSynonyms([
      { language: 'en-US', value: 'a', synonymOf: 'b' },
      { language: 'en-US', value: 'b', synonymOf: 'a' },
    ]);
    expect(cycle.map((r) => r.kind)).toEqual(['unresolved', 'unresolved']);
  });
});

describe('reading a schema', () => {
  it.each([
    [[], 'document: expected a JSON object, got an array'],
    [{ friendlyName: 3, uniqueName: 'x' }, 'friendlyName: expected a string, got a number'],
    [{ logQueries: 'yes', uniqueName: 'x' }, 'logQueries: expected true or false'],
    [{ tasks: [] }, 'a "uniqueName" and/or "friendlyName" must be given'],
    [{ uniqueName: 'x', tasks: {} }, 'tasks: expected an array, got an object'],
    [{ uniqueName: 'x', tasks: [{ uniqueName: 'a', samples: [{ language: 'en-US', taggedText: 5 }] }] }, 'tasks[0].samples[0].taggedText: expected a string'],
    [{ uniqueName: 'x', tasks: [{ uniqueName: 'a', actions: [] }] }, 'tasks[0].actions: expected an object, got an array'],
    [{ uniqueName: 'x', fieldTypes: [{ uniqueName: 't', values: [{ language: 'en-US', value: 'v', synonymOf: 1 }] }] }, 'fieldTypes[0].values[0].synonymOf'],
    [{ uniqueName: 'x', defaults: 'task://a' }, 'defaults: expected an object, got a string'],
  ])('refuses %j naming the path', (value, expected) => {
    expect(() => readAutopilotSchema(value)).toThrow(expected);
  });

  it('returns the schema as given, unknown keys included (the report names them)', () => {
    const value = { uniqueName: 'x', extra: true, tasks: [] };
    expect(readAutopilotSchema(value)).toBe(value);
  });
});
