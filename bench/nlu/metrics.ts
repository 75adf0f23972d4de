/** Share of predictions equal to gold. */
export function accuracy(gold: readonly string[], predicted: readonly string[]): number {
  let ok = 0;
  gold.forEach((g, i) => { if (predicted[i] === g) ok++; });
  return gold.length === 0 ? 0 : ok / gold.length;
}

/** Unweighted mean of per-intent F1 over the intents present in gold (a missed intent counts 0). */
export function macroF1(gold: readonly string[], predicted: readonly string[]): number {
  const labels = [...new Set(gold)];
  const f1s = labels.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const p = predicted[i];
      if (g === label && p === label) tp++;
      else if (p === label) fp++;
      else if (g === label) fn++;
    });
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  return f1s.reduce((a, b) => a + b, 0) / Math.max(1, f1s.length);
}

/** Nearest-rank percentile (p in [0, 100]) of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export interface ScoredPrediction {
  readonly gold: string;
  readonly label: string;
  readonly confidence: number;
}

/** In-scope accuracy (a rejected in-scope query counts as wrong) and out-of-scope recall at a threshold. */
export function oosMetrics(items: readonly ScoredPrediction[], threshold: number, oos: string): { inScope: number; oosRecall: number } {
  let inTotal = 0;
  let inOk = 0;
  let oosTotal = 0;
  let oosOk = 0;
  for (const it of items) {
    const rejected = it.confidence < threshold;
    if (it.gold === oos) {
      oosTotal++;
      if (rejected) oosOk++;
    } else {
      inTotal++;
      if (!rejected && it.label === it.gold) inOk++;
    }
  }
  return { inScope: inTotal === 0 ? 0 : inOk / inTotal, oosRecall: oosTotal === 0 ? 0 : oosOk / oosTotal };
}

/**
 * The rejection threshold that maximises, on validation items only, the accuracy over a mix with
 * share `oosShare` of out-of-scope queries: `(1 - oosShare) * inScope + oosShare * oosRecall`.
 * With the validation set's own share this is plain validation accuracy (Larson et al.'s criterion);
 * 0.5 weighs in-scope accuracy and OOS recall equally. Ties go to the lower threshold. `weights`
 * (default 1 each) count items several times or not at all, as a bootstrap resample does.
 */
export function chooseThreshold(valid: readonly ScoredPrediction[], oos: string, oosShare: number, weights?: readonly number[]): number {
  const weight = (i: number): number => weights?.[i] ?? 1;
  let inTotal = 0;
  let inKept = 0;
  let oosTotal = 0;
  let oosRejected = 0;
  valid.forEach((it, i) => {
    if (it.gold === oos) oosTotal += weight(i);
    else {
      inTotal += weight(i);
      if (it.label === it.gold) inKept += weight(i);
    }
  });
  // Candidates in ascending order; each one rejects the items below it, so one pass over the items sorted by confidence.
  const order = valid.map((_, i) => i).sort((a, b) => valid[a]!.confidence - valid[b]!.confidence);
  const candidates = [0, ...new Set(valid.map((v) => v.confidence))].sort((a, b) => a - b);
  let best = { threshold: 0, value: -1 };
  let next = 0;
  for (const t of candidates) {
    for (; next < order.length && valid[order[next]!]!.confidence < t; next++) {
      const it = valid[order[next]!]!;
      if (it.gold === oos) oosRejected += weight(order[next]!);
      else if (it.label === it.gold) inKept -= weight(order[next]!);
    }
    const inScope = inTotal === 0 ? 0 : inKept / inTotal;
    const oosRecall = oosTotal === 0 ? 0 : oosRejected / oosTotal;
    const value = (1 - oosShare) * inScope + oosShare * oosRecall;
    if (value > best.value + 1e-12) best = { threshold: t, value };
  }
  return best.threshold;
}
