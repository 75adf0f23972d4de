import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TrainModel } from '../run-model-build.js';
import type { TrainingSet } from '../training-set.js';

/** What the thread's entry (`training-thread-main`) receives and answers. */
export interface TrainingRequest {
  readonly id: number;
  readonly buildSid: string;
  readonly set: TrainingSet;
}
export type TrainingReply = { readonly id: number; readonly model: string } | { readonly id: number; readonly error: string };

/**
 * Trains models on a worker thread. Training is seconds of synchronous CPU for a large assistant
 * (150 tasks x 100 samples: ~12 s); on the main thread it would hold up every turn this process
 * serves for that long, past Twilio's 15 s webhook budget. The thread is started on first use and
 * kept (it loads the word vectors once); a thread that dies fails its build and the next build
 * starts a new one. One model at a time, in call order.
 */
export class TrainingThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (model: string) => void; reject: (error: Error) => void }>();

  readonly train: TrainModel = (buildSid, set) => new Promise<string>((resolve, reject) => {
    const id = this.nextId++;
    this.waiting.set(id, { resolve, reject });
    const worker = this.started();
    worker.ref(); // a build in hand keeps the process alive
    worker.postMessage({ id, buildSid, set } satisfies TrainingRequest);
  });

  /** Stops the thread; a build it was training fails. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker !== null) await worker.terminate();
    this.failAll(new Error('training stopped: the process is shutting down'));
  }

  private started(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(...threadEntry());
    worker.on('message', (reply: TrainingReply) => {
      const job = this.waiting.get(reply.id);
      if (job === undefined) return;
      this.waiting.delete(reply.id);
      if ('model' in reply) job.resolve(reply.model);
      else job.reject(new Error(reply.error));
      if (this.waiting.size === 0) worker.unref(); // idle: never the reason the process stays up
    });
    // A thread that dies (out of memory, a crash) takes its builds with it; the next build starts another.
    const lost = (error: Error): void => {
      if (this.worker === worker) this.worker = null;
      this.failAll(error);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`training thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const job of this.waiting.values()) job.reject(error);
    this.waiting.clear();
  }
}

/**
 * The thread's entry next to this module: compiled JavaScript in production. When Parley runs from
 * its sources (tests, `tsx src/main.ts`) the entry is TypeScript, which a new thread cannot load by
 * itself (Node 20 applies no `--import` loader to a worker's entry), so a two-line script registers
 * tsx (a dev dependency) in the thread first.
 */
function threadEntry(): [URL | string, { eval?: boolean }] {
  if (!import.meta.url.endsWith('.ts')) return [new URL('./training-thread-main.js', import.meta.url), {}];
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const esmApi = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!.import.default;
  const tsx = new URL(esmApi, pathToFileURL(manifest)).href;
  const entry = new URL('./training-thread-main.ts', import.meta.url).href;
  return [`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`, { eval: true }];
}
