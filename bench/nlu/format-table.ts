import type { ChildResult } from './bench-child.js';
import { DATASETS } from './datasets.js';

const HEADER = ['dataset', 'system', 'acc %', 'macro-F1 %', 'in-scope / OOS %', 'slot F1 %', 'train s', 'median ms', 'p99 ms', 'peak RSS MB'];

const pct = (v: number | undefined): string => (v === undefined ? '-' : (v * 100).toFixed(1));
/** slot-eval.ts reports F1 in % (0-100); accept a 0-1 fraction too. */
const slotPct = (v: number | undefined): string => (v === undefined ? '-' : (v > 1 ? v : v * 100).toFixed(1));
const num = (v: number | undefined, digits: number): string => (v === undefined ? '-' : v.toFixed(digits));

function row(dataset: string, system: string, results: readonly ChildResult[]): string[] {
  const r = results.find((x) => x.dataset === dataset && x.system === system);
  if (r === undefined) return [dataset, system, 'not run', '-', '-', '-', '-', '-', '-', '-'];
  if (r.error !== undefined) {
    const what = r.error === 'timeout' ? 'timeout' : 'error';
    return [dataset, system, what, '-', '-', '-', '-', '-', '-', r.peakRssMb > 0 ? num(r.peakRssMb, 0) : '-'];
  }
  const oos = r.inScope === undefined ? '-' : `${pct(r.inScope)} / ${pct(r.oosRecall)}`;
  // SLOT-F1 HOOK: filled from bench/nlu/slot-eval.ts (run as its own child, system "slots") on the
  // Parley row of datasets with slots; '-' when that module does not exist yet or for other systems.
  const hasSlots = DATASETS.find((d) => d.name === dataset)?.slots === true;
  const slots = results.find((x) => x.dataset === dataset && x.system === 'slots');
  const slotCell = system === 'parley' && hasSlots && slots !== undefined
    ? (slots.error !== undefined ? (slots.error === 'timeout' ? 'timeout' : 'error') : slotPct(slots.slotF1))
    : '-';
  return [
    dataset, system, pct(r.accuracy), pct(r.macroF1), oos, slotCell,
    num(r.trainSeconds, 2), num(r.queryMedianMs, 3), num(r.queryP99Ms, 3), num(r.peakRssMb, 0),
  ];
}

/** One plain-text table, a row per dataset x system, in dataset order. */
export function formatTable(datasets: readonly string[], systems: readonly string[], results: readonly ChildResult[]): string {
  const rows = [HEADER, ...datasets.flatMap((d) => systems.map((s) => row(d, s, results)))];
  const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]): string => cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ');
  return [line(HEADER), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.slice(1).map(line)].join('\n');
}
