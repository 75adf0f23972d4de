import type { AutopilotSchema } from '../import-export/autopilot-schema.js';
import type { CompatibilityItem } from '../import-export/compatibility-report.js';

export interface ImportOutcome {
  /** null on a dry run. */
  readonly assistant: { readonly sid: string; readonly uniqueName: string } | null;
  readonly report: readonly CompatibilityItem[];
}

/** Where the CLI's commands run: a Redis store directly, or a running engine over HTTP. */
export interface CliBackend {
  /** For messages: "Redis at …" or "the engine at …". */
  readonly description: string;
  /** `signal` aborts an import in progress; what it wrote is removed (where the backend writes itself). */
  importSchema(schema: unknown, dryRun: boolean, signal?: AbortSignal): Promise<ImportOutcome>;
  exportAssistant(sidOrName: string): Promise<AutopilotSchema>;
  /**
   * Waits for the model build an import started when it runs in this process (else null at once);
   * `signal` stops it: the build is then marked failed. Answers how the build ended.
   */
  finishBuild(assistantSid: string, signal: AbortSignal): Promise<BuildEnd | null>;
  close(): Promise<void>;
}

export interface BuildEnd {
  readonly sid: string;
  readonly status: string;
  readonly errorCode: number | null;
}

/** The import was refused before anything was written; the report says why. */
export class ImportRefused extends Error {
  override name = 'ImportRefused';

  constructor(message: string, readonly report: readonly CompatibilityItem[]) {
    super(message);
  }
}

/** A failure to report as one line, without a stack (bad environment, engine unreachable, …). */
export class CliFailure extends Error {
  override name = 'CliFailure';
}
