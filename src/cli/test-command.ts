/**
 * `parley test <spec files or directories...>`: runs conversation specs offline (embedded store,
 * local webhook stand-in), prints each spec's turns as it finishes and a closing count.
 */
import { destination, pino } from 'pino';
import { LOG_LEVELS } from '../config/config.js';
import { formatSpecReport, formatSummary } from '../conversation-specs/format-report.js';
import { defaultSharedDir, runSpecFile } from '../conversation-specs/run-spec.js';
import { findSpecFiles } from '../conversation-specs/spec-files.js';
import type { SpecReport } from '../conversation-specs/spec-types.js';
import { CliFailure } from './cli-backend.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Exit code 0 when every spec passed or was skipped, 1 when one failed (or none was found). */
export async function runTestCommand(paths: readonly string[], verbose: boolean, env: Env, out: (text: string) => void): Promise<number> {
  let files: string[];
  try {
    files = findSpecFiles(paths);
  } catch (error) {
    throw new CliFailure((error as Error).message);
  }
  if (files.length === 0) throw new CliFailure(`no *.spec.json files under ${paths.join(', ')}`);
  // Parley's own logs only when asked for (LOG_LEVEL), on stderr so the report stays readable.
  const level = env.LOG_LEVEL?.trim().toLowerCase() ?? '';
  const logger = pino({ level: (LOG_LEVELS as readonly string[]).includes(level) ? level : 'silent', base: { service: 'parley-test' } },
    destination({ dest: 2, sync: true }));
  const sharedDir = defaultSharedDir(env);
  const reports: SpecReport[] = [];
  for (const file of files) {
    const report = await runSpecFile(file, { sharedDir, logger });
    reports.push(report);
    out(formatSpecReport(report, { verbose }));
  }
  out(formatSummary(reports));
  return reports.some((r) => r.status === 'failed') ? 1 : 0;
}
