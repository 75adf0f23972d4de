/**
 * Dev only (CLINC150 train -> valid.json, never test): for each SIF constant given, the top-1 accuracy, the AUROC of
 * the top probability (in-scope vs oos) and the operating points the bench would take: Larson's criterion (best plain
 * accuracy on valid), 0.5 and the product's default 0.65. Usage: npx tsx bench/nlu/clinc-valid-operating-point.ts 0.001 0.005
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HYPERPARAMETERS, trainIntentModel } from '../../src/nlu/classifier/train-intent-model.js';
import { rankIntents } from '../../src/nlu/classifier/rank-intents.js';
import { preloadWordVectors } from '../../src/nlu/classifier/intent-classifier.js';
type U = { text: string; intent: string };
const read = (f: string) => JSON.parse(readFileSync(join(process.env.PARLEY_SHARED_DIR ?? '../shared', 'nlu-data/clinc150', f), 'utf8')) as U[];
const train = read('train.json').filter((u) => u.intent !== 'oos');
const valid = read('valid.json');
await preloadWordVectors();
for (const sif of process.argv.slice(2).map(Number)) {
  const model = trainIntentModel(train.map((u) => ({ text: u.text, label: u.intent })), { language: 'en-US' }, { ...HYPERPARAMETERS, sif });
  const items = valid.map((u) => { const r = rankIntents(model, u.text)[0]!; return { gold: u.intent, label: r.label, p: r.probability }; });
  const ins = items.filter((i) => i.gold !== 'oos'), oos = items.filter((i) => i.gold === 'oos');
  const at = (t: number) => ({ in: ins.filter((i) => i.p >= t && i.label === i.gold).length / ins.length, oos: oos.filter((i) => i.p < t).length / oos.length });
  let best = { t: 0, v: -1 };
  for (const t of [0, ...new Set(items.map((i) => i.p))].sort((a, b) => a - b)) { const m = at(t); const v = (ins.length * m.in + oos.length * m.oos) / items.length; if (v > best.v + 1e-12) best = { t, v }; }
  let auc = 0; for (const a of ins) for (const b of oos) auc += a.p > b.p ? 1 : a.p === b.p ? 0.5 : 0; auc /= ins.length * oos.length;
  const m = at(best.t), m65 = at(0.65), m5 = at(0.5);
  console.log(`sif ${sif}: top1 ${(100 * at(0).in).toFixed(2)} AUROC ${auc.toFixed(4)} | Larson t=${best.t.toFixed(3)} in ${(100 * m.in).toFixed(1)} oos ${(100 * m.oos).toFixed(1)} | t=0.5 ${(100 * m5.in).toFixed(1)}/${(100 * m5.oos).toFixed(1)} | t=0.65 ${(100 * m65.in).toFixed(1)}/${(100 * m65.oos).toFixed(1)}`);
}
