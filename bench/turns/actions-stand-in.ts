/**
 * The local stand-in for a customer's `actions_url` in `npm run bench:turns` (bench/turns/README.md).
 * Bare `node:http`, so it costs as little CPU as a webhook can.
 *
 * - `POST /actions/<task>`: the Actions of task <task> of the shared bot (read from BOT_FILE at
 *   start, never copied), with `{"remember": {"bench_turns": n + 1}}` in front, n being
 *   `bench_turns` of the request's `Memory` (0 when absent). Each task run through the stand-in
 *   therefore adds exactly one to a counter in the dialogue's memory: the hot-dialogue check.
 * - `POST /baseline`: a one-`say` Actions document for the baseline server's remote variant.
 *
 * Env: PORT (0 for any), BOT_FILE. Prints `listening <port>` on stdout.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

interface SchemaTask { uniqueName: string; actions?: { actions?: unknown[] } }

const botFile = process.env.BOT_FILE;
if (botFile === undefined) throw new Error('actions-stand-in: BOT_FILE is not set');
const schema = JSON.parse(readFileSync(botFile, 'utf8')) as { tasks?: SchemaTask[] };
const tasks = new Map<string, unknown[]>((schema.tasks ?? []).map((t) => [t.uniqueName, t.actions?.actions ?? []]));
let calls = 0;

function memoryCount(body: string): number {
  const raw = new URLSearchParams(body).get('Memory');
  if (raw === null) return 0;
  try {
    const value = (JSON.parse(raw) as { bench_turns?: unknown }).bench_turns;
    return typeof value === 'number' ? value : Number.parseInt(String(value ?? '0'), 10) || 0;
  } catch {
    return 0;
  }
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    calls += 1;
    const body = Buffer.concat(chunks).toString('utf8');
    const url = req.url ?? '/';
    let document: unknown;
    if (url === '/baseline') {
      document = { actions: [{ say: 'Hi from the stand-in.' }] };
    } else if (url === '/calls') {
      document = { calls };
    } else if (url.startsWith('/actions/') && tasks.has(url.slice('/actions/'.length))) {
      const actions = tasks.get(url.slice('/actions/'.length))!;
      document = { actions: [{ remember: { bench_turns: memoryCount(body) + 1 } }, ...actions] };
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such task');
      return;
    }
    const json = JSON.stringify(document);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) }).end(json);
  });
});
server.keepAliveTimeout = 10_000;
server.listen(Number(process.env.PORT ?? '0'), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address !== null ? address.port : '?'}\n`);
});
process.once('SIGTERM', () => { server.close(); setTimeout(() => process.exit(0), 200).unref(); });
