/**
 * `npm run bench:turns [-- --duration 5] [--rounds 3] [--warmup 3] [--concurrency 10,50,100] [--scenarios many,many+url,hot,hot+url]
 *   [--bot twilio-autopilot-templates__Hospitality.json] [--out bench/results/turns.json]`
 *
 * Full Parley turns (Redis store, a real shared bot, signed SMS webhooks) against a bare baseline
 * (express 5 + urlencoded + signature check + ioredis GET/SET of a 2 KB session + TwiML), each in
 * its own child process, driven by autocannon in this process over 127.0.0.1. Prints one table,
 * writes JSON, removes its Redis keys and stops its own children (by PID). Protocol, scenarios and
 * targets: docs/benchmarks.md.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import twilio from 'twilio';

const { values: args } = parseArgs({
  options: {
    // Per round and server: a cell is `rounds` alternating runs (Parley, baseline, Parley, ...), so
    // both see the same spells of noise on a shared machine.
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '10,50,100' },
    scenarios: { type: 'string', default: 'many,many+url,hot,hot+url' },
    bot: { type: 'string', default: 'twilio-autopilot-templates__Hospitality.json' },
    out: { type: 'string', default: 'bench/results/turns.json' },
    redis: { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    // dist: build, then run dist/main.js as `npm start` and the Dockerfile do; src: src/main.ts under tsx
    // (esbuild's output keeps function names with a helper call per closure made, ~a few % of a turn).
    parley: { type: 'string', default: 'dist' },
  },
});

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const SHARED = resolve(ROOT, process.env.PARLEY_SHARED_DIR ?? '../shared');
const BOT_FILE = resolve(SHARED, 'bots', args.bot);
const DURATION_S = Number(args.duration);
const WARMUP_S = Number(args.warmup);
const ROUNDS = Math.max(1, Math.round(Number(args.rounds)));
if (args.parley !== 'dist' && args.parley !== 'src') throw new Error(`--parley must be dist or src, not ${args.parley}`);
const CONCURRENCY = args.concurrency.split(',').map((s) => Number(s.trim()));
const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'bench-turns-auth-token-0001';
const TO = '+15005550006';
const RUN_TAG = randomBytes(3).toString('hex');
/**
 * Node flags both servers run with: Parley's production flags (package.json `start`, Dockerfile),
 * given to the baseline too so the comparison is of the code, not of the runtime settings.
 */
const RUNTIME_FLAGS = ['--max-semi-space-size=64'] as const;

/**
 * Extra Node flags for one server, e.g. BENCH_PARLEY_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/turns/scratch/parley"
 * (BENCH_BASELINE_NODE_ARGS for the baseline) to profile it, so both servers' profiles of one run can be compared.
 */
function nodeArgs(variable: string): string[] {
  return (process.env[variable] ?? '').split(' ').filter(Boolean);
}

const PREFIX = `bench-turns-${process.pid}-${RUN_TAG}:`;

// ---------------------------------------------------------------------------------------------
// Scenarios. "many": each autocannon connection walks a dialogue of the shared Hospitality bot
// (NLU -> greeting; NLU -> deliver_roomitems with a two-question collect; a Custom.ROOMITEMS
// answer; a Twilio.NUMBER answer -> on_complete redirect) then starts a new dialogue with a new
// From, so concurrent requests are for different dialogues. "hot": every request, from every
// connection, is "hello" in one dialogue. "+url": the same against a second import of the bot
// whose tasks greeting, deliver_roomitems and complete_collect_roomitems have an ActionsUrl on
// the local stand-in (which serves the tasks' own actions plus a remember of a turn counter).
// ---------------------------------------------------------------------------------------------

interface Step { readonly body: string; readonly expect: string }
const MANY_SCRIPT: readonly Step[] = [
  { body: 'hello', expect: 'How can I help?' },
  { body: 'missing items', expect: 'What would you like?' },
  { body: 'towels', expect: 'How many do you need?' },
  { body: '2', expect: 'Your items will be dropped off' },
];
const HOT_SCRIPT: readonly Step[] = [{ body: 'hello', expect: 'How can I help?' }];

type ScenarioName = 'many' | 'many+url' | 'hot' | 'hot+url';
const SCENARIOS = args.scenarios.split(',').map((s) => s.trim()) as ScenarioName[];
const REMOTE_TASKS = ['greeting', 'deliver_roomitems', 'complete_collect_roomitems'];

interface Target { readonly kind: 'parley' | 'baseline'; readonly port: number; readonly path: string; readonly pid: number }

interface CellResult {
  readonly turnsPerSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly ok: number;
  readonly unexpected: number;
  readonly cpuUsPerTurn: number | null;
  /** Redis's CPU (INFO cpu, every client's) per 2xx turn: the store's share of the same two cores. */
  readonly redisUsPerTurn: number | null;
  readonly answered: Set<string>;
  readonly from: string | null;
}

let fromCounter = 0;
let sidCounter = 0;
const newFrom = (): string => `+1555${RUN_TAG.slice(0, 2)}${(fromCounter++).toString().padStart(7, '0')}`.slice(0, 16);
const newMessageSid = (): string => `SM${RUN_TAG}${(sidCounter++).toString(16).padStart(26, '0')}`;

function webhookBody(from: string, text: string, sid: string): Record<string, string> {
  // Twilio's inbound-SMS form, field for field (about 600 bytes encoded).
  return {
    ToCountry: 'US', ToState: 'CA', SmsMessageSid: sid, NumMedia: '0', ToCity: 'SAN FRANCISCO', FromZip: '94105',
    SmsSid: sid, FromState: 'CA', SmsStatus: 'received', FromCity: 'SAN FRANCISCO', Body: text, FromCountry: 'US',
    To: TO, MessagingServiceSid: 'MG0123456789abcdef0123456789abcdef', ToZip: '94105', NumSegments: '1',
    MessageSid: sid, AccountSid: ACCOUNT_SID, From: from, ApiVersion: '2010-04-01',
  };
}

/** One autocannon request per script step; autocannon resets a connection's context after the last one. */
function buildRequests(target: Target, script: readonly Step[], hotFrom: string | null, answered: Set<string>, counters: { unexpected: number }): autocannon.Request[] {
  const url = `http://127.0.0.1:${target.port}${target.path}`;
  const expectOf = (step: Step): string => (target.kind === 'parley' ? step.expect : '<Message>');
  return script.map((step, index) => ({
    method: 'POST',
    path: target.path,
    setupRequest: (req: autocannon.Request, ctx: object): autocannon.Request => {
      const context = ctx as Record<string, unknown>;
      if (index === 0 || typeof context.from !== 'string') context.from = hotFrom ?? newFrom();
      const sid = newMessageSid();
      context.sid = sid;
      const form = webhookBody(context.from as string, step.body, sid);
      return {
        ...req,
        method: 'POST' as const,
        path: target.path,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, form),
        },
        body: new URLSearchParams(form).toString(),
      };
    },
    onResponse: (status: number, body: string, ctx?: object) => {
      const context = (ctx ?? {}) as Record<string, unknown>;
      if (status >= 200 && status < 300) {
        answered.add(context.sid as string);
        if (!body.includes(expectOf(step))) counters.unexpected += 1;
      }
    },
  }));
}

/** Redis's own CPU seconds so far (user + system), or NaN when INFO cannot be read. */
async function redisCpuSeconds(redis: Redis): Promise<number> {
  try {
    const info = await redis.info('cpu');
    const field = (name: string): number => Number(new RegExp(`^${name}:([0-9.]+)`, 'm').exec(info)?.[1] ?? Number.NaN);
    return field('used_cpu_user') + field('used_cpu_sys');
  } catch {
    return Number.NaN;
  }
}

function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime, in 1/100 s
  } catch {
    return Number.NaN;
  }
}

async function runCell(target: Target, redis: Redis, scenario: ScenarioName, connections: number, durationS: number): Promise<CellResult> {
  const hot = scenario.startsWith('hot');
  const hotFrom = hot ? newFrom() : null;
  const answered = new Set<string>();
  const counters = { unexpected: 0 };
  const requests = buildRequests(target, hot ? HOT_SCRIPT : MANY_SCRIPT, hotFrom, answered, counters);
  const before = cpuTicks(target.pid);
  const redisBefore = await redisCpuSeconds(redis);
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}`,
    connections,
    duration: durationS,
    pipelining: 1,
    timeout: 20,
    requests,
  });
  const cpu = cpuTicks(target.pid) - before;
  const redisCpu = (await redisCpuSeconds(redis)) - redisBefore;
  const ok = result['2xx'];
  return {
    turnsPerSec: ok / durationS,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    non2xx: result.non2xx,
    ok,
    unexpected: counters.unexpected,
    cpuUsPerTurn: Number.isFinite(cpu) && ok > 0 ? Math.round((cpu * 10_000) / ok) : null,
    redisUsPerTurn: Number.isFinite(redisCpu) && ok > 0 ? Math.round((redisCpu * 1_000_000) / ok) : null,
    answered,
    from: hotFrom,
  };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * One server's rounds of a cell as one result: throughput over all rounds (turns / total time),
 * latency percentiles as the median of the rounds' (autocannon gives percentiles, not histograms),
 * errors and unexpected replies summed, CPU per turn over all rounds.
 */
function combineRounds(rounds: readonly CellResult[]): Omit<CellResult, 'answered' | 'from'> {
  const ok = rounds.reduce((n, r) => n + r.ok, 0);
  const cpuKnown = rounds.every((r) => r.cpuUsPerTurn !== null);
  const redisKnown = rounds.every((r) => r.redisUsPerTurn !== null);
  return {
    turnsPerSec: ok / (rounds.length * DURATION_S),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    non2xx: rounds.reduce((n, r) => n + r.non2xx, 0),
    ok,
    unexpected: rounds.reduce((n, r) => n + r.unexpected, 0),
    cpuUsPerTurn: cpuKnown && ok > 0 ? Math.round(rounds.reduce((n, r) => n + r.cpuUsPerTurn! * r.ok, 0) / ok) : null,
    redisUsPerTurn: redisKnown && ok > 0 ? Math.round(rounds.reduce((n, r) => n + r.redisUsPerTurn! * r.ok, 0) / ok) : null,
  };
}

/** The hot checks of a cell's rounds (each round drives its own hot dialogue): all must hold. */
function combineHotChecks(checks: readonly HotCheck[]): HotCheck {
  const sum = (pick: (c: HotCheck) => number): number => checks.reduce((n, c) => n + pick(c), 0);
  const withCounter = checks.every((c) => c.counter !== null);
  return {
    answered: sum((c) => c.answered), committed: sum((c) => c.committed), answeredNotCommitted: sum((c) => c.answeredNotCommitted),
    inFlightAtStop: sum((c) => c.inFlightAtStop), counter: withCounter ? sum((c) => c.counter!) : null,
    ok: checks.every((c) => c.ok),
    note: checks.length === 1 ? checks[0]!.note : checks.map((c, i) => `round ${i + 1}: ${c.note}`).join('; '),
  };
}

// ---------------------------------------------------------------------------------------------
// Children, ports, Redis.
// ---------------------------------------------------------------------------------------------

const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

function startChild(name: string, script: string, env: Record<string, string>, ready: (line: string) => boolean, nodeArgs: string[] = []): Promise<ChildProcess> {
  return new Promise((done, fail) => {
    const compiled = script.endsWith('.js');
    const child = spawn(process.execPath, [...nodeArgs, ...(compiled ? [] : ['--import', 'tsx']), script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stderr = '';
    let started = false;
    const timer = setTimeout(() => fail(new Error(`${name} did not start within 60 s: ${stderr.slice(-500)}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (!started && chunk.toString().split('\n').some(ready)) {
        started = true;
        clearTimeout(timer);
        done(child);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
      if (started) process.stderr.write(`[${name}] ${chunk.toString()}`);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!started) fail(new Error(`${name} exited (${code ?? signal}) before it was ready: ${stderr.slice(-1000)}`));
    });
  });
}

async function stopChildren(): Promise<void> {
  await Promise.all(children.map((child) => new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
      done();
      return;
    }
    const kill = setTimeout(() => { try { process.kill(child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 5_000);
    child.once('exit', () => { clearTimeout(kill); done(); });
    try { process.kill(child.pid, 'SIGTERM'); } catch { clearTimeout(kill); done(); }
  })));
}

async function deleteKeys(redis: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}

async function scanKeys(redis: Redis, pattern: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 2000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found;
}

// ---------------------------------------------------------------------------------------------
// Parley REST helpers.
// ---------------------------------------------------------------------------------------------

const AUTH = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;

async function rest(base: string, method: string, path: string, body?: Record<string, string> | object, json = false): Promise<any> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: AUTH, ...(body === undefined ? {} : { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' }) },
    ...(body === undefined ? {} : { body: json ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>).toString() }),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
  return text === '' ? null : JSON.parse(text);
}

async function importBot(base: string, schema: Record<string, unknown>, uniqueName: string): Promise<string> {
  const imported = await rest(base, 'POST', '/v1/Parley/Import', { ...schema, uniqueName }, true);
  const sid = imported.assistant.sid as string;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const builds = await rest(base, 'GET', `/v1/Assistants/${sid}/ModelBuilds`);
    const status = builds.model_builds?.[0]?.status as string | undefined;
    if (status === 'completed') return sid;
    if (status === 'failed' || status === 'canceled') throw new Error(`model build of ${uniqueName}: ${status}`);
    if (Date.now() > deadline) throw new Error(`model build of ${uniqueName} not done after 120 s (status ${status})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function signedPost(port: number, path: string, form: Record<string, string>): Promise<{ status: number; body: string }> {
  const url = `http://127.0.0.1:${port}${path}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, form) },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: await response.text() };
}

/** One dialogue through the script by hand: proves the bot answers as the load test expects. */
async function smoke(target: Target, script: readonly Step[]): Promise<void> {
  const from = newFrom();
  for (const step of script) {
    const reply = await signedPost(target.port, target.path, webhookBody(from, step.body, newMessageSid()));
    const expect = target.kind === 'parley' ? step.expect : '<Message>';
    if (reply.status !== 200 || !reply.body.includes(expect)) {
      throw new Error(`smoke test of ${target.kind} ${target.path}: "${step.body}" answered ${reply.status} ${reply.body.slice(0, 300)} (expected "${expect}")`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Hot-dialogue check: every answered turn committed once, and (with the stand-in) the counter
// it remembers equals the number of committed turns.
// ---------------------------------------------------------------------------------------------

interface HotCheck {
  readonly answered: number;
  readonly committed: number;
  readonly answeredNotCommitted: number;
  readonly inFlightAtStop: number;
  readonly counter: number | null;
  readonly ok: boolean;
  readonly note: string;
}

async function checkHot(redis: Redis, base: string, assistantSid: string, cell: CellResult, connections: number, withCounter: boolean): Promise<HotCheck> {
  const conversation = `messaging:${cell.from!}:${TO}`;
  const pattern = `${PREFIX}{${assistantSid}}:val:reply:${conversation.replace(/[*?[\]\\]/g, '\\$&')}:*`;
  // Turns queued when autocannon stopped still run server-side (up to `connections` of them, one at
  // a time): wait until the committed count stops moving before comparing anything.
  let replyKeys = await scanKeys(redis, pattern);
  for (let stable = 0, waited = 0; stable < 2 && waited < 30_000; waited += 500) {
    await new Promise((r) => setTimeout(r, 500));
    const again = await scanKeys(redis, pattern);
    stable = again.length === replyKeys.length ? stable + 1 : 0;
    replyKeys = again;
  }
  const committedSids = new Set(replyKeys.map((k) => k.slice(k.lastIndexOf(':') + 1)));
  let answeredNotCommitted = 0;
  for (const sid of cell.answered) if (!committedSids.has(sid)) answeredNotCommitted += 1;
  const inFlightAtStop = committedSids.size - (cell.answered.size - answeredNotCommitted);
  let counter: number | null = null;
  if (withCounter) {
    // The conversation's key holds its dialogue's state (src/domain/dialogues.ts); the counter is read through the REST API.
    const state = await redis.get(`${PREFIX}{${assistantSid}}:val:conversation:${conversation}`);
    const dialogueSid = state === null ? null : (JSON.parse(state) as { sid?: string }).sid ?? null;
    if (dialogueSid !== null) {
      const dialogue = await rest(base, 'GET', `/v1/Assistants/${assistantSid}/Dialogues/${dialogueSid}`);
      counter = Number(dialogue.data?.bench_turns ?? Number.NaN);
    }
  }
  const problems: string[] = [];
  if (answeredNotCommitted > 0) problems.push(`${answeredNotCommitted} answered turns not committed`);
  if (inFlightAtStop < 0 || inFlightAtStop > connections) problems.push(`${inFlightAtStop} committed beyond the answered ones (max ${connections} in flight)`);
  if (withCounter && counter !== committedSids.size) problems.push(`memory counter ${counter} != ${committedSids.size} committed turns`);
  const note = problems.length > 0 ? problems.join('; ')
    : `${cell.answered.size} answered = committed${inFlightAtStop > 0 ? ` (+${inFlightAtStop} in flight at stop, also committed)` : ''}${withCounter ? `; counter ${counter} = committed` : ''}`;
  return { answered: cell.answered.size, committed: committedSids.size, answeredNotCommitted, inFlightAtStop, counter, ok: problems.length === 0, note };
}

// ---------------------------------------------------------------------------------------------
// Table.
// ---------------------------------------------------------------------------------------------

interface Row {
  scenario: ScenarioName;
  concurrency: number;
  parley: Omit<CellResult, 'answered' | 'from'>;
  baseline: Omit<CellResult, 'answered' | 'from'>;
  /** Each round's own figures, Parley and baseline, in the order they ran. */
  rounds: Array<{ parley: Omit<CellResult, 'answered' | 'from'>; baseline: Omit<CellResult, 'answered' | 'from'> }>;
  throughputRatio: number;
  p99Ratio: number;
  hotCheck: HotCheck | null;
  targets: { throughput: boolean; p99: boolean | null; errors: boolean; hot: boolean | null };
}

const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');

function formatTable(rows: readonly Row[]): string {
  const header = ['scenario', 'conc', 'P turns/s', 'P p50', 'P p99', 'P err', 'P µs/turn', 'P redis µs', 'B turns/s', 'B p50', 'B p99', 'B err', 'B µs/turn', 'B redis µs', 'thr ratio', 'p99 ratio', 'targets'];
  const lines = rows.map((r) => {
    const marks = [
      `thr≥0.60 ${r.targets.throughput ? 'met' : 'MISSED'}`,
      ...(r.targets.p99 === null ? [] : [`p99≤1.5x ${r.targets.p99 ? 'met' : 'MISSED'}`]),
      `errors ${r.targets.errors ? 'met' : 'MISSED'}`,
      ...(r.targets.hot === null ? [] : [`turns ${r.targets.hot ? 'met' : 'MISSED'}`]),
    ];
    return [r.scenario, String(r.concurrency), fmt(r.parley.turnsPerSec, 0), fmt(r.parley.p50), fmt(r.parley.p99), String(r.parley.errors), String(r.parley.cpuUsPerTurn ?? '-'), String(r.parley.redisUsPerTurn ?? '-'),
      fmt(r.baseline.turnsPerSec, 0), fmt(r.baseline.p50), fmt(r.baseline.p99), String(r.baseline.errors), String(r.baseline.cpuUsPerTurn ?? '-'), String(r.baseline.redisUsPerTurn ?? '-'),
      fmt(r.throughputRatio, 2), fmt(r.p99Ratio, 2), marks.join(', ')];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]): string => `| ${cells.map((c, i) => (i < 1 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [row(header), `|${widths.map((w, i) => (i < 1 || i === widths.length - 1 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...lines.map(row)].join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = Date.now();
  const schema = JSON.parse(readFileSync(BOT_FILE, 'utf8')) as Record<string, unknown>;
  const redis = new Redis(args.redis, { maxRetriesPerRequest: 1 });
  await redis.ping();
  const [parleyPort, baselinePort, standInPort] = [await freePort(), await freePort(), await freePort()];
  const standInUrl = `http://127.0.0.1:${standInPort}`;
  const rows: Row[] = [];
  try {
    await startChild('stand-in', resolve(HERE, 'actions-stand-in.ts'), { PORT: String(standInPort), BOT_FILE }, (l) => l.startsWith('listening'));
    const baselineChild = await startChild('baseline', resolve(HERE, 'baseline-server.ts'), {
      PORT: String(baselinePort), PUBLIC_BASE_URL: `http://127.0.0.1:${baselinePort}`, TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      REDIS_URL: args.redis, REDIS_KEY_PREFIX: PREFIX, STAND_IN_URL: `${standInUrl}/baseline`,
    }, (l) => l.startsWith('listening'), [...RUNTIME_FLAGS, ...nodeArgs('BENCH_BASELINE_NODE_ARGS')]);
    if (args.parley === 'dist') {
      process.stdout.write('building Parley (npm run build) to run dist/main.js as production does...\n');
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    const parleyChild = await startChild('parley', resolve(ROOT, args.parley === 'dist' ? 'dist/main.js' : 'src/main.ts'), {
      PORT: String(parleyPort), HOST: '127.0.0.1', PUBLIC_BASE_URL: `http://127.0.0.1:${parleyPort}`,
      REDIS_URL: args.redis, REDIS_KEY_PREFIX: PREFIX, TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      OUTBOUND_ALLOW_PRIVATE: '127.0.0.1', LOG_LEVEL: 'warn', PARLEY_DEMO: 'false', NODE_ENV: 'production',
    }, (l) => l.startsWith('Parley is up'),
    [...RUNTIME_FLAGS, ...nodeArgs('BENCH_PARLEY_NODE_ARGS')]);
    const base = `http://127.0.0.1:${parleyPort}`;

    process.stdout.write(`importing ${args.bot} twice (plain, and with ActionsUrl on the stand-in) and building the models...\n`);
    const uniqueName = String(schema.uniqueName ?? 'bot');
    const plainSid = await importBot(base, schema, `${uniqueName}_bench`);
    const remoteSid = await importBot(base, schema, `${uniqueName}_bench_url`);
    for (const task of REMOTE_TASKS) {
      await rest(base, 'POST', `/v1/Assistants/${remoteSid}/Tasks/${task}`, { ActionsUrl: `${standInUrl}/actions/${task}` });
    }
    const targets = (scenario: ScenarioName): { parley: Target; baseline: Target } => {
      const remote = scenario.endsWith('+url');
      return {
        parley: { kind: 'parley', port: parleyPort, pid: parleyChild.pid!, path: `/v1/${ACCOUNT_SID}/${remote ? remoteSid : plainSid}/twilio-messaging` },
        baseline: { kind: 'baseline', port: baselinePort, pid: baselineChild.pid!, path: `/v1/${ACCOUNT_SID}/baseline/twilio-messaging${remote ? '-remote' : ''}` },
      };
    };
    for (const scenario of SCENARIOS) {
      const { parley, baseline } = targets(scenario);
      await smoke(parley, MANY_SCRIPT);
      await smoke(baseline, MANY_SCRIPT);
    }
    const runs = SCENARIOS.length * CONCURRENCY.length * 2 * ROUNDS;
    process.stdout.write(`${cpus().length} CPUs shared by autocannon, Parley, the baseline, the stand-in and Redis. `
      + `${SCENARIOS.length * CONCURRENCY.length} cells x ${ROUNDS} rounds x (Parley ${DURATION_S} s, baseline ${DURATION_S} s), ${WARMUP_S} s warm-up per scenario and server `
      + `(about ${Math.ceil((runs * (DURATION_S + 1) + SCENARIOS.length * 2 * WARMUP_S) / 60)} min)\n`);

    for (const scenario of SCENARIOS) {
      const { parley, baseline } = targets(scenario);
      const hot = scenario.startsWith('hot');
      await runCell(parley, redis, scenario, 10, WARMUP_S);
      await runCell(baseline, redis, scenario, 10, WARMUP_S);
      for (const connections of CONCURRENCY) {
        const parleyRounds: CellResult[] = [];
        const baselineRounds: CellResult[] = [];
        const hotChecks: HotCheck[] = [];
        for (let round = 0; round < ROUNDS; round += 1) {
          const p = await runCell(parley, redis, scenario, connections, DURATION_S);
          parleyRounds.push(p);
          if (hot) hotChecks.push(await checkHot(redis, base, scenario.endsWith('+url') ? remoteSid : plainSid, p, connections, scenario.endsWith('+url')));
          await new Promise((r) => setTimeout(r, 500));
          baselineRounds.push(await runCell(baseline, redis, scenario, connections, DURATION_S));
          await new Promise((r) => setTimeout(r, 500));
        }
        const p = combineRounds(parleyRounds);
        const b = combineRounds(baselineRounds);
        const hotCheck = hot ? combineHotChecks(hotChecks) : null;
        const strip = ({ answered: _a, from: _f, ...figures }: CellResult): Omit<CellResult, 'answered' | 'from'> => figures;
        const throughputRatio = p.turnsPerSec / b.turnsPerSec;
        const p99Ratio = p.p99 / b.p99;
        const row: Row = {
          scenario, concurrency: connections, parley: p, baseline: b, throughputRatio, p99Ratio, hotCheck,
          rounds: parleyRounds.map((r, i) => ({ parley: strip(r), baseline: strip(baselineRounds[i]!) })),
          targets: {
            throughput: throughputRatio >= 0.6,
            p99: connections === 50 ? p99Ratio <= 1.5 : null,
            errors: p.errors === 0 && p.unexpected === 0,
            hot: hotCheck === null ? null : hotCheck.ok,
          },
        };
        rows.push(row);
        process.stdout.write(`  ${scenario} c=${connections}: Parley ${fmt(p.turnsPerSec, 0)}/s p99 ${fmt(p.p99)} ms (${p.cpuUsPerTurn ?? '-'} µs CPU/turn, Redis ${p.redisUsPerTurn ?? '-'} µs, ${p.errors} errors, ${p.unexpected} unexpected replies) | `
          + `baseline ${fmt(b.turnsPerSec, 0)}/s p99 ${fmt(b.p99)} ms (${b.cpuUsPerTurn ?? '-'} µs CPU/turn, Redis ${b.redisUsPerTurn ?? '-'} µs)${hotCheck ? ` | ${hotCheck.note}` : ''}\n`);
      }
    }
  } finally {
    await stopChildren();
    const deleted = await deleteKeys(redis, `${PREFIX}*`).catch(() => -1);
    redis.disconnect();
    process.stdout.write(`stopped ${children.length} child processes; deleted ${deleted} Redis keys under ${PREFIX}\n`);
  }

  if (rows.length === 0) return;
  process.stdout.write(`\nTurns of ${args.bot} over signed SMS webhooks, ${ROUNDS} alternating rounds of ${DURATION_S} s per server and cell, ${cpus().length} CPUs shared by load generator, Parley, baseline, stand-in and Redis.\n`);
  process.stdout.write('P = Parley, B = baseline; turns/s over all rounds; latencies in ms, median of the rounds; µs/turn = server CPU per 2xx turn, redis µs = the Redis server CPU (all its clients) per 2xx turn; ratios Parley / baseline.\n\n');
  process.stdout.write(`${formatTable(rows)}\n\n`);
  for (const r of rows) if (r.hotCheck) process.stdout.write(`hot check ${r.scenario} c=${r.concurrency}: ${r.hotCheck.ok ? 'OK' : 'FAILED'}: ${r.hotCheck.note}\n`);
  for (const r of rows) if (r.parley.unexpected > 0) process.stdout.write(`unexpected replies ${r.scenario} c=${r.concurrency}: ${r.parley.unexpected}\n`);
  const all = rows.flatMap((r) => [r.targets.throughput, r.targets.p99, r.targets.errors, r.targets.hot]).filter((t): t is boolean => t !== null);
  process.stdout.write(`\ntargets: ${all.filter(Boolean).length} of ${all.length} met; run took ${Math.round((Date.now() - started) / 1000)} s\n`);

  const out = resolve(ROOT, args.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({
    date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, bot: args.bot,
    durationS: DURATION_S, rounds: ROUNDS, warmupS: WARMUP_S, rows,
  }, null, 2)}\n`);
  process.stdout.write(`wrote ${out}\n`);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    void stopChildren().finally(() => process.exit(130));
  });
}

main().catch(async (error: unknown) => {
  process.stderr.write(`bench:turns: ${(error as Error).stack ?? String(error)}\n`);
  await stopChildren();
  process.exit(1);
});
