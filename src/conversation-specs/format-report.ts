/**
 * The human-readable report of spec runs: one line per spec and per turn (✓ passed, ✗ failed,
 * – not run, ○ skipped) and, under a failed turn, what was expected beside what happened.
 */
import { basename, relative } from 'node:path';
import { show } from './partial-match.js';
import type { ActualTurn, SpecReport, TurnReport } from './spec-types.js';

const MARK = { passed: '✓', failed: '✗', skipped: '○', 'not-run': '–' } as const;

export interface FormatOptions {
  /** Show what every turn did, not only the failed ones (for writing a spec). */
  readonly verbose?: boolean;
  readonly cwd?: string;
}

export function formatSpecReport(report: SpecReport, options: FormatOptions = {}): string {
  const near = relative(options.cwd ?? process.cwd(), report.file);
  const file = near === '' || near.startsWith('..') ? report.file : near;
  const title = report.name === basename(report.file) || report.name === report.file ? file : `${report.name} (${file})`;
  const lines = [`${MARK[report.status]} ${title}${report.status === 'skipped' ? '' : `  ${report.durationMs} ms`}`];
  if (report.reason !== undefined) {
    const [first, ...more] = report.reason.split('\n');
    lines.push(`    ${report.status === 'skipped' ? 'skipped' : 'error'}: ${first}`, ...more.map((line) => `    ${line}`));
  }
  for (const turn of report.turns) lines.push(...formatTurn(turn, options.verbose ?? false));
  return `${lines.join('\n')}\n`;
}

function formatTurn(turn: TurnReport, verbose: boolean): string[] {
  const lines = [`    ${MARK[turn.status]} ${turn.index + 1}. ${turn.input}${turn.status === 'not-run' ? ' (not run)' : ''}`];
  if (turn.error !== undefined) lines.push(...indent(`the runtime threw: ${turn.error}`, 8));
  for (const m of turn.mismatches) {
    lines.push(`        ${m.path}:`, `          expected: ${m.expected}`, `          actual:   ${m.actual}`);
  }
  if ((turn.status === 'failed' || verbose) && turn.actual !== undefined) lines.push(`        the turn: ${summary(turn.actual)}`);
  return lines;
}

function summary(actual: ActualTurn): string {
  const parts = [
    `task=${actual.task ?? 'none'}`,
    `next=${actual.next}`,
    ...(actual.question === null ? [] : [`question=${show(actual.question)}`]),
    `replies=${show(actual.replies)}`,
    ...(actual.problems.length === 0 ? [] : [`problems=${actual.problems.join(',')}`]),
    ...(actual.webhookCalls.length === 0 ? [] : [`calls=${actual.webhookCalls.map((c) => `${c.method} ${c.path}`).join(', ')}`]),
  ];
  return parts.join(' ');
}

function indent(text: string, spaces: number): string[] {
  return text.split('\n').slice(0, 8).map((line) => `${' '.repeat(spaces)}${line}`);
}

/** The closing line: counts, and how to read them. */
export function formatSummary(reports: readonly SpecReport[]): string {
  const count = (status: SpecReport['status']): number => reports.filter((r) => r.status === status).length;
  const turns = reports.reduce((n, r) => n + r.turns.filter((t) => t.status === 'passed').length, 0);
  const skipped = count('skipped') > 0 ? `, ${count('skipped')} skipped` : '';
  return `\n${reports.length} spec${reports.length === 1 ? '' : 's'}: ${count('passed')} passed, ${count('failed')} failed${skipped} (${turns} turns passed)\n`;
}
