// Measures slot F1 on the SNIPS sets: `npx tsx bench/nlu/run-slot-eval.ts` (test splits) or `... --tune`
// (development splits only: snips2017 first 70 per intent -> the rest of train.json; snips-joint train -> valid).
import { readFileSync } from 'node:fs';
import { evaluateSlots, type SlotUtterance } from './slot-eval.js';

const DATA = process.env.PARLEY_NLU_DATA ?? '/work/shared/nlu-data';
const load = (file: string): SlotUtterance[] => JSON.parse(readFileSync(`${DATA}/${file}`, 'utf8')) as SlotUtterance[];

function firstPerIntent(items: readonly SlotUtterance[], n: number): { head: SlotUtterance[]; rest: SlotUtterance[] } {
  const seen = new Map<string, number>();
  const head: SlotUtterance[] = [];
  const rest: SlotUtterance[] = [];
  for (const u of items) {
    const k = seen.get(u.intent) ?? 0;
    seen.set(u.intent, k + 1);
    (k < n ? head : rest).push(u);
  }
  return { head, rest };
}

async function run(name: string, train: SlotUtterance[], test: SlotUtterance[]): Promise<void> {
  const t0 = performance.now();
  const scores = await evaluateSlots(train, test);
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`${name}: train ${train.length}, test ${test.length} -> F1 ${scores.f1} (P ${scores.precision}, R ${scores.recall}) in ${seconds} s`);
}

const tune = process.argv.includes('--tune');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const snips2017 = firstPerIntent(load('snips2017/train.json'), 70);
if (only !== 'joint') {
  await run(tune ? 'snips2017 70/intent -> rest of train' : 'snips2017 70/intent -> test', snips2017.head, tune ? snips2017.rest : load('snips2017/test.json'));
}
if (only !== '2017') {
  await run(tune ? 'snips-joint train -> valid' : 'snips-joint train -> test', load('snips-joint/train.json'), load(tune ? 'snips-joint/valid.json' : 'snips-joint/test.json'));
}
