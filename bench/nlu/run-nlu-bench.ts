/**
 * `npm run bench:nlu [-- --data <dir>] [--datasets a,b] [--systems parley,nlp.js] [--out file.json] [--timeout s]`
 *
 * Trains and scores Parley's task classifier and nlp.js side by side, each system x dataset in its
 * own child process (one at a time, so timings and peak RSS are that run's alone), then prints one
 * table and writes the results as JSON. See bench/nlu/README.md for the protocol.
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { slotEvalExists, type ChildJob, type ChildResult } from './bench-child.js';
import { DATASETS } from './datasets.js';
import { formatTable } from './format-table.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(process.env.PARLEY_SHARED_DIR ?? '../shared', 'nlu-data') },
    datasets: { type: 'string' },
    systems: { type: 'string', default: 'parley,nlp.js' },
    out: { type: 'string', default: 'bench/results/nlu.json' },
    timeout: { type: 'string', default: '300' },
  },
});

const CHILD = fileURLToPath(new URL('./bench-child.ts', import.meta.url));

function runChild(job: ChildJob, timeoutMs: number): Promise<ChildResult> {
  return new Promise((done) => {
    const child = fork(CHILD, [JSON.stringify(job)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [...process.execArgv, '--expose-gc'] });
    let stderr = '';
    let result: ChildResult | null = null;
    child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('message', (message) => { result = message as ChildResult; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result !== null) done(result);
      else if (signal === 'SIGKILL') done({ dataset: job.dataset, system: job.system, peakRssMb: 0, error: 'timeout' });
      else done({ dataset: job.dataset, system: job.system, peakRssMb: 0, error: `exit ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}` });
    });
  });
}

async function main(): Promise<void> {
  const wanted = args.datasets?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = wanted?.filter((n) => !DATASETS.some((d) => d.name === n)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown datasets: ${unknown.join(', ')} (known: ${DATASETS.map((d) => d.name).join(', ')})`);
  const datasets = DATASETS.filter((d) => wanted === undefined || wanted.includes(d.name));
  const systems = args.systems.split(',').map((s) => s.trim()).filter(Boolean);
  const timeoutMs = Number(args.timeout) * 1000;
  const withSlots = slotEvalExists();
  const jobs: ChildJob[] = datasets.flatMap((d) => [
    ...systems.map((system) => ({ dataset: d.name, system, dataDir: args.data })),
    ...(withSlots && d.slots ? [{ dataset: d.name, system: 'slots', dataDir: args.data }] : []),
  ]);
  const started = Date.now();
  const results: ChildResult[] = [];
  for (const job of jobs) {
    process.stderr.write(`${job.dataset} / ${job.system} ... `);
    const r = await runChild(job, timeoutMs);
    process.stderr.write(`${r.error ?? 'done'}\n`);
    results.push(r);
  }
  const table = formatTable(datasets.map((d) => d.name), systems, results);
  process.stdout.write(`${table}\n`);
  for (const r of results) {
    if (r.operatingPoints === undefined || Object.keys(r.operatingPoints).length === 0 || r.inScopeTop1 === undefined) continue;
    const points = Object.entries(r.operatingPoints)
      .map(([name, p]) => `${name} ${(p.inScope * 100).toFixed(1)} / ${(p.oosRecall * 100).toFixed(1)} @ ${p.threshold.toFixed(3)}`);
    process.stdout.write(`${r.dataset} ${r.system}: top-1 without rejection ${(r.inScopeTop1 * 100).toFixed(1)}; thresholds from valid.json by criterion: ${points.join('; ')}\n`);
  }
  const totalSeconds = (Date.now() - started) / 1000;
  process.stdout.write(`total ${totalSeconds.toFixed(0)} s, node ${process.version}\n`);
  mkdirSync(dirname(resolve(args.out)), { recursive: true });
  writeFileSync(resolve(args.out), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, totalSeconds, results }, null, 2)}\n`);
}

await main();
