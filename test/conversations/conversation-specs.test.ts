/**
 * Every conversation spec under test/conversations runs as one test, offline on the embedded
 * store. Specs of the template bots read the shared corpus (PARLEY_SHARED_DIR, default ../shared)
 * and are skipped, saying so, where it is absent. The runner itself is checked to fail wrong
 * expectations, and the `parley test` command to report and exit as documented.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTurn, describeInput } from '../../src/conversation-specs/check-turn.js';
import { formatSpecReport } from '../../src/conversation-specs/format-report.js';
import { parseSpec, SpecFormatError } from '../../src/conversation-specs/parse-spec.js';
import { matchCall, partialMatch } from '../../src/conversation-specs/partial-match.js';
import { defaultSharedDir, runSpec, runSpecFile } from '../../src/conversation-specs/run-spec.js';
import { expandPlaceholders, findSpecFiles } from '../../src/conversation-specs/spec-files.js';
import type { SpecReport } from '../../src/conversation-specs/spec-types.js';
import { WebhookStandIn } from '../../src/conversation-specs/webhook-stand-in.js';
import type { TurnResult } from '../../src/dialogue/turn-types.js';
import { parseCliArgs, UsageError } from '../../src/cli/cli-args.js';
import { runCli } from '../support/run-cli.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const sharedDir = defaultSharedDir(process.env);
const specFiles = findSpecFiles([here]);

describe('conversation specs', () => {
  it('finds the specs of every area', () => {
    const areas = new Set(specFiles.map((f) => f.slice(here.length).split('/')[0]));
    expect([...areas].sort()).toEqual(['actions', 'collect', 'defaults', 'failures', 'handlers', 'templates']);
  });

  for (const file of specFiles) {
    it(file.slice(here.length), async (ctx) => {
      const report = await runSpecFile(file, { sharedDir });
      if (report.status === 'skipped') {
        console.log(`[conversation specs] skipped ${file.slice(here.length)}: ${report.reason}`);
        ctx.skip();
      }
      expect(report.status, formatSpecReport(report)).toBe('passed');
    });
  }
});

/** A spec written here, beside the real ones, so its relative assistant path resolves. */
const spec = (raw: Record<string, unknown>) => parseSpec({ assistant: 'bots/actions-bot.json', ...raw }, join(here, 'inline.spec.json'));
const failedTurn = (report: SpecReport) => report.turns.find((t) => t.status === 'failed');

describe('docs/conversation-specs.md', () => {
  it('shows an example that passes (on test/conversations/bots/hotel.json)', async () => {
    const doc = readFileSync(join(here, '../../docs/conversation-specs.md'), 'utf8');
    const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? 'null') as Record<string, unknown>;
    expect(example.assistant).toBe('bots/hotel.json');
    const report = await runSpec(parseSpec(example, join(here, 'docs-example.spec.json')));
    expect(report.status, formatSpecReport(report)).toBe('passed');
  });
});

describe('the spec runner fails what does not hold', () => {
  it('fails a wrong reply, with expected beside actual, and does not run the turns after it', async () => {
    const report = await runSpec(spec({ turns: [
      { say: 'hello', replies: ['Welcome to the showroom.'] },
      { say: 'hello', task: 'greeting' },
    ] }));
    expect(report.status).toBe('failed');
    expect(report.turns.map((t) => t.status)).toEqual(['failed', 'not-run']);
    expect(failedTurn(report)?.mismatches).toEqual([{ path: 'replies[0]', expected: '"Welcome to the showroom."', actual: '"Welcome to the showcase."' }]);
    expect(formatSpecReport(report)).toMatch(/✗ 1\. say "hello"\n\s+replies\[0\]:\n\s+expected: "Welcome to the showroom\."\n\s+actual:\s+"Welcome to the showcase\."/);
  });

  it.each([
    ['task', { task: 'sales' }, 'task'],
    ['reply count', { replies: [] }, 'replies'],
    ['contains', { replies: [{ contains: 'showroom' }] }, 'replies[0]'],
    ['matches', { replies: [{ matches: '^Goodbye' }] }, 'replies[0]'],
    ['next kind', { next: 'end' }, 'next'],
    ['next details', { next: { kind: 'listen', listen: { tasks: ['sales'] } } }, 'next.listen.tasks'],
    ['question', { question: 'What size?' }, 'question'],
    ['memory', { memory: { twilio: { sms: { From: '+19999999999' } } } }, 'memory.twilio.sms.From'],
    ['absent memory key', { memory: { twilio: { absent: true } } }, 'memory.twilio'],
    ['webhook calls', { webhookCalls: [{ path: '/never' }] }, 'webhookCalls'],
    ['problems', { problems: [90107] }, 'problems'],
    ['outputs', { outputs: [{ kind: 'play' }] }, 'outputs[0].kind'],
  ])('fails a wrong %s', async (_label, expectation, path) => {
    const report = await runSpec(spec({ turns: [{ say: 'hello', ...expectation }] }));
    expect(report.status).toBe('failed');
    expect(failedTurn(report)?.mismatches.map((m) => m.path)).toEqual([path]);
  });

  it('fails a spec whose webhook call does not match, naming the parameter', async () => {
    const report = await runSpec(spec({
      webhooks: { '/next-post': { actions: [{ say: 'Posted.' }] } },
      turns: [{ say: 'go', targetTask: 'redirect_post', webhookCalls: [{ path: '/next-post', params: { CurrentTask: 'other', Memory: { step: 'after' } } }] }],
    }));
    expect(failedTurn(report)?.mismatches.map((m) => m.path)).toEqual(['webhookCalls[0].params.CurrentTask', 'webhookCalls[0].params.Memory.step']);
  });

  it('fails a turn whose webhook call does not carry a valid Twilio signature', async () => {
    const standIn = await new WebhookStandIn('the-auth-token').start();
    standIn.serve({ '/check': [{ body: { valid: true }, status: 200, delayMs: 0, down: false }] });
    try {
      const response = await fetch(`${standIn.baseUrl}/check`, { method: 'POST', body: new URLSearchParams({ ValidateFieldAnswer: 'x' }) });
      expect(await response.json()).toEqual({ valid: true });
    } finally {
      await standIn.stop();
    }
    expect(standIn.calls).toMatchObject([{ method: 'POST', path: '/check', params: { ValidateFieldAnswer: 'x' }, signatureValid: false }]);
    const quietTurn = { outputs: [], next: { kind: 'end' }, memory: {}, trace: { task: null, problems: [] } } as unknown as TurnResult;
    expect(checkTurn({}, quietTurn, standIn.calls).map((m) => m.path)).toEqual(['webhookCalls[0].signatureValid']);
  });

  it('fails, with a reason, a spec whose assistant cannot be read or imported', async () => {
    const missing = await runSpec(spec({ assistant: 'bots/no-such-bot.json', turns: [{ say: 'hi' }] }));
    expect(missing).toMatchObject({ status: 'failed', reason: expect.stringContaining('no-such-bot.json') });
    const badUrl = await runSpec(spec({ actionsUrls: { no_such_task: 'http://127.0.0.1:1/x' }, turns: [{ say: 'hi' }] }));
    expect(badUrl).toMatchObject({ status: 'failed', reason: expect.stringContaining('actionsUrls.no_such_task') });
  });

  it('skips, saying why, a spec whose corpus is absent', async () => {
    const report = await runSpec(spec({ assistant: 'corpus:bots/x.json', turns: [{ say: 'hi' }] }), { sharedDir: join(here, 'no-corpus-here') });
    expect(report).toMatchObject({ status: 'skipped', reason: expect.stringContaining('PARLEY_SHARED_DIR') });
  });

  it('refuses a malformed spec with the JSON path of the problem', () => {
    const bad = (raw: Record<string, unknown>) => () => spec(raw);
    expect(bad({ turns: [] })).toThrow(/turns: expected a non-empty array/);
    expect(bad({ turns: [{ say: 'a', press: '1' }] })).toThrow(/turns\[0\]: a turn has exactly one input/);
    expect(bad({ turns: [{ say: 'a', replys: [] }] })).toThrow(/turns\[0\]: unknown key "replys"/);
    expect(bad({ turns: [{ press: 'one' }] })).toThrow(SpecFormatError);
    expect(bad({ webhooks: { '/x': { actions: [], valid: true } }, turns: [{ say: 'a' }] })).toThrow(/webhooks\["\/x"\]: a reply has exactly one of/);
    expect(bad({ channel: 'fax', turns: [{ say: 'a' }] })).toThrow(/channel: expected one of sms, voice, chat, custom/);
    expect(bad({ turns: [{ say: 'a', replies: [{ contains: 'x', bogus: 1 }] }] })).toThrow(/turns\[0\]\.replies\[0\]: expected the reply text or one matcher/);
    expect(bad({ turns: [{ say: 'a', replies: ['ok', { contain: 'x' }] }] })).toThrow(/turns\[0\]\.replies\[1\]: expected the reply text or one matcher/);
    expect(bad({ turns: [{ say: 'a', replies: [{ matches: '((' }] }] })).toThrow(/turns\[0\]\.replies\[0\]\.matches: not a regular expression/);
  });
});

describe('the spec is read as the channels would send it', () => {
  const turns = [{ say: 'hello' }];

  it('reads a `now` without an offset in the spec\'s time zone (default UTC), never the machine\'s', () => {
    expect(spec({ now: '2024-03-14T23:30:00', turns }).now).toBe('2024-03-14T23:30:00.000Z');
    expect(spec({ now: '2024-03-14T23:30:00', timeZone: 'America/Los_Angeles', turns }).now).toBe('2024-03-15T06:30:00.000Z');
    expect(spec({ now: '2024-07-01T12:00:00.5', timeZone: 'Europe/Paris', turns }).now).toBe('2024-07-01T10:00:00.500Z');
    expect(spec({ now: '2024-03-14T23:30:00+01:00', timeZone: 'America/Los_Angeles', turns }).now).toBe('2024-03-14T22:30:00.000Z');
  });

  it('refuses a `now` that is not an ISO-8601 date and time, and a `timeZone` that is not IANA, naming the key', () => {
    for (const now of ['1', '2024-03-14', '2024-02-30T10:00:00Z', '2024-03-14T24:00:00Z', 'March 14, 2024 10:00']) {
      expect(() => spec({ now, turns }), now).toThrow(/^now: expected an ISO-8601 date and time/);
    }
    expect(() => spec({ timeZone: 'Mars/Olympus', turns })).toThrow(/^timeZone: "Mars\/Olympus" is not an IANA time zone/);
  });

  it('refuses voice-only inputs on channels other than voice, with the JSON path', () => {
    for (const channel of ['sms', 'chat', 'custom']) {
      expect(() => spec({ channel, turns: [{ say: 'a' }, { press: '1' }] })).toThrow(/^turns\[1\]\.press: only a call sends press/);
      expect(() => spec({ channel, turns: [{ start: true }] })).toThrow(/^turns\[0\]\.start: only a call/);
      expect(() => spec({ channel, turns: [{ noInput: true }] })).toThrow(/^turns\[0\]\.noInput: only a call/);
    }
    expect(spec({ channel: 'voice', turns: [{ start: true }, { press: '1' }, { noInput: true }] }).turns).toHaveLength(3);
  });

  it('hears a call\'s speech as the voice webhook does: trimmed, and nothing said is silence', async () => {
    const report = await runSpec(spec({
      channel: 'voice',
      webhooks: { '/next-post': { actions: [{ say: 'Posted.' }] } },
      turns: [
        { start: true },
        { say: '  ', note: 'silence: the no-input re-prompt', replies: ['Welcome to the showcase.'], next: 'listen' },
        { say: '  go  ', targetTask: 'redirect_post', webhookCalls: [{ path: '/next-post', params: { CurrentInput: 'go' } }] },
      ],
    }));
    expect(report.status, formatSpecReport(report)).toBe('passed');
  });

  it('refuses a webhook reply status below 100 (no HTTP answer has one)', () => {
    for (const status of [0, 99]) {
      expect(() => spec({ webhooks: { '/x': { actions: [], status } }, turns })).toThrow(/^webhooks\["\/x"\]\.status: expected an HTTP status from 100 to 599/);
    }
    expect(spec({ webhooks: { '/x': { actions: [], status: 100 } }, turns }).webhooks['/x']?.[0]?.status).toBe(100);
  });

  it('reads a string as JSON only in webhook call parameters (Memory), never in memory or replies', async () => {
    expect(partialMatch({ order: { size: 'large' } }, { order: '{"size":"large"}' }, 'memory')).toEqual([
      { path: 'memory.order', expected: '{"size":"large"}', actual: '"{\\"size\\":\\"large\\"}"' },
    ]);
    const report = await runSpec(spec({
      webhooks: { '/next-post': { actions: [{ remember: { order: '{"size":"large"}' } }, { say: 'ok' }] } },
      turns: [{ say: 'go', targetTask: 'redirect_post', replies: ['ok'], memory: { order: { size: 'large' } } }],
    }));
    expect(failedTurn(report)?.mismatches.map((m) => m.path)).toEqual(['memory.order']);
  });
});

describe('a spec whose bot cannot be built, or that asks too much', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'parley-spec-limits-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('fails naming the model build\'s error and reason, with the import\'s warnings', async () => {
    writeFileSync(join(scratch, 'bad-build.json'), JSON.stringify({ uniqueName: 'bb', tasks: [
      { uniqueName: 'greeting', actions: { actions: [{ say: 'Hi!' }] }, samples: [{ language: 'en-US', taggedText: 'hello {name}' }, { language: 'en-US', taggedText: 'hi there' }] },
    ] }));
    const report = await runSpec(parseSpec({ assistant: 'bad-build.json', turns: [{ say: 'hi there', task: 'greeting' }] }, join(scratch, 'c.spec.json')));
    expect(report.status).toBe('failed');
    expect(report.reason).toMatch(/^the assistant's model build failed \(error 90201\): a sample of task greeting tags \{name\}/);
    expect(report.reason).toContain('import warning: tasks[0].samples[0]');
    expect(formatSpecReport(report)).toMatch(/\n {4}error: the assistant's model build failed \(error 90201\).*\n {6}import warning: /);
  });

  it('shortens a huge input in the report', () => {
    const line = describeInput({ kind: 'say', text: 'hello_'.repeat(200_000) });
    expect(line.length).toBeLessThan(420);
    expect(line).toMatch(/^say "hello_hello_.*\.\.\.$/);
  });

  it('refuses {{repeat}}s that would fill more than 1 MB in one file, before filling them', () => {
    const started = performance.now();
    expect(() => expandPlaceholders({ say: `{{repeat 999999 ${'x'.repeat(200)}}}` }, '')).toThrow(/\{\{repeat 999999 …\}\}: the repeats of one file may fill at most 1048576 characters/);
    expect(() => expandPlaceholders(['{{repeat 600000 a}}', '{{repeat 600000 b}}'], '')).toThrow(/at most 1048576 characters/);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(expandPlaceholders(['{{repeat 500000 a}}', '{{repeat 500000 b}}'], '').join('').length).toBe(1_000_000);
    expect(() => expandPlaceholders({ say: '{{repeat 2000000 a}}' }, '')).toThrow(/at most 1048576 characters/);
    expect(expandPlaceholders({ say: '{{ repeat 3 ab }}' }, '')).toEqual({ say: 'ababab' });
  });

  it.each([['{{repeat x a}}'], ['{{repeat 3 a b}}'], ['{{repeat 3}}'], ['{{ repeat }}']])('refuses the malformed placeholder %s instead of sending it as text', (text) => {
    expect(() => expandPlaceholders({ say: `before ${text} after` }, '')).toThrow(/expected \{\{repeat N text\}\}/);
  });
});

describe('partial matching', () => {
  it('matches only what is written, and arrays by length and element', () => {
    expect(partialMatch({ a: { b: 1 } }, { a: { b: 1, c: 2 }, d: 3 }, 'x')).toEqual([]);
    expect(partialMatch([1, 2], [1, 2, 3], 'x')).toEqual([{ path: 'x', expected: '[1,2]', actual: '[1,2,3]' }]);
    expect(matchCall({ params: { Memory: { k: 'v' } } }, { params: { Memory: '{"k":"v","twilio":{}}' } }, 'p')).toEqual([]);
    expect(partialMatch({ 'odd key': { absent: true } }, { 'odd key': 1 }, 'm')).toEqual([{ path: 'm["odd key"]', expected: '{"absent":true}', actual: '1' }]);
    expect(partialMatch({ matches: '(' }, 'x', 'r')[0]?.expected).toMatch(/valid regular expression/);
  });
});

describe('parley test (the CLI)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'parley-specs-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('prints ✓/✗ per turn with the difference, and exits 1 when a spec fails', async () => {
    const bot = join(here, 'bots', 'actions-bot.json');
    writeFileSync(join(scratch, 'good.spec.json'), JSON.stringify({ assistant: bot, turns: [{ say: 'hello', task: 'greeting' }, { say: 'goodbye', next: 'end' }] }));
    writeFileSync(join(scratch, 'bad.spec.json'), JSON.stringify({ assistant: bot, turns: [{ say: 'hello', replies: ['Hi!'] }, { say: 'hello' }] }));
    writeFileSync(join(scratch, 'not-a-spec.json'), '{}');
    const run = await runCli(['test', scratch], { PARLEY_SHARED_DIR: sharedDir });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain(`✗ ${join(scratch, 'bad.spec.json')}  `);
    expect(run.stdout).toContain([
      '    ✗ 1. say "hello"',
      '        replies[0]:',
      '          expected: "Hi!"',
      '          actual:   "Welcome to the showcase."',
      '        the turn: task=greeting next=listen replies=["Welcome to the showcase."]',
      '    – 2. say "hello" (not run)',
    ].join('\n'));
    expect(run.stdout).toMatch(/✓ \S*good\.spec\.json  \d+ ms\n {4}✓ 1\. say "hello"\n {4}✓ 2\. say "goodbye"\n/);
    expect(run.stdout).toMatch(/\n2 specs: 1 passed, 1 failed \(2 turns passed\)\n$/);
  });

  it('gives an offset-less `now` the same dates on a machine in any time zone (TZ=America/Los_Angeles)', async () => {
    const dir = join(scratch, 'clock');
    mkdirSync(dir);
    writeFileSync(join(dir, 'tomorrow.spec.json'), JSON.stringify({ assistant: join(here, 'bots', 'collect-bot.json'), now: '2024-03-14T23:30:00', turns: [
      { say: 'i want a large pizza', question: 'How many?' },
      { say: '2', question: 'For which day?' },
      { say: 'tomorrow', memory: { twilio: { collected_data: { pizza_order: { answers: { day: { answer: '2024-03-15' } } } } } } },
    ] }));
    const run = await runCli(['test', dir], { PARLEY_SHARED_DIR: sharedDir, TZ: 'America/Los_Angeles' });
    expect(run.code, run.stdout).toBe(0);
  });

  it('follows symlinked spec files and folders, and a link loop only once', async () => {
    const dir = join(scratch, 'links');
    const elsewhere = join(scratch, 'elsewhere');
    mkdirSync(join(elsewhere, 'sub'), { recursive: true });
    mkdirSync(dir);
    const good = JSON.stringify({ assistant: join(here, 'bots', 'actions-bot.json'), turns: [{ say: 'hello', task: 'greeting' }] });
    writeFileSync(join(elsewhere, 'a.spec.json'), good);
    writeFileSync(join(elsewhere, 'sub', 'b.spec.json'), good);
    symlinkSync(join(elsewhere, 'a.spec.json'), join(dir, 'linked.spec.json'));
    symlinkSync(join(elsewhere, 'sub'), join(dir, 'linked-folder'));
    symlinkSync(dir, join(dir, 'loop'));
    symlinkSync(join(scratch, 'nowhere'), join(dir, 'dangling.spec.json'));
    expect(findSpecFiles([dir])).toEqual([join(dir, 'linked-folder', 'b.spec.json'), join(dir, 'linked.spec.json')]);
    const run = await runCli(['test', dir], { PARLEY_SHARED_DIR: sharedDir });
    expect(run.stdout).toMatch(/\n2 specs: 2 passed, 0 failed/);
  });

  it('takes spec files or directories, and nothing else', () => {
    expect(parseCliArgs(['test', 'a.spec.json', 'dir'])).toEqual({ kind: 'test', paths: ['a.spec.json', 'dir'], verbose: false });
    expect(parseCliArgs(['test', 'dir', '--verbose'])).toMatchObject({ kind: 'test', verbose: true });
    expect(() => parseCliArgs(['test'])).toThrow(UsageError);
    expect(() => parseCliArgs(['test', 'dir', '--url', 'http://x'])).toThrow(UsageError);
    expect(() => findSpecFiles([join(scratch, 'nowhere')])).toThrow(/no such file or directory/);
  });
});
