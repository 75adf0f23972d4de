import type { CompatibilityItem } from '../import-export/compatibility-report.js';

/** Paths longer than this overflow their column rather than being cut: the path is the point. */
const MAX_PATH_WIDTH = 60;

/** The compatibility report as a plain-text table (path, severity, message) with a count line. */
export function formatReportTable(report: readonly CompatibilityItem[]): string {
  if (report.length === 0) return 'No compatibility problems found.\n';
  const rows = report.map((item) => [item.path === '' ? '(document)' : item.path, item.severity, item.message] as const);
  const pathWidth = Math.min(MAX_PATH_WIDTH, Math.max(4, ...rows.map(([path]) => path.length)));
  const line = (path: string, severity: string, message: string): string =>
    `${path.padEnd(pathWidth)}  ${severity.padEnd(8)}  ${message}`.trimEnd();
  const errors = report.filter((item) => item.severity === 'error').length;
  const warnings = report.length - errors;
  return [
    line('PATH', 'SEVERITY', 'MESSAGE'),
    line('-'.repeat(pathWidth), '-'.repeat(8), '-'.repeat(7)),
    ...rows.map(([path, severity, message]) => line(path, severity, message)),
    '',
    `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
    '',
  ].join('\n');
}
