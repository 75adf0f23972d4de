#!/usr/bin/env node
/**
 * The `parley` command: import and export assistants in the Autopilot CLI schema
 * (docs/import-export.md), and run conversation specs (docs/conversation-specs.md). Like
 * main.ts, a composition root: it alone reads the environment here.
 */
import { writeFileSync } from 'node:fs';
import { NotUtf8Error, readUtf8File } from '../util/utf8-file.js';
import { hasErrors } from '../import-export/compatibility-report.js';
import { parseCliArgs, USAGE, UsageError, type CliCommand } from './cli-args.js';
import { CliFailure, ImportRefused, type CliBackend } from './cli-backend.js';
import { httpBackend } from './http-backend.js';
import { formatReportTable } from './report-table.js';
import { openStoreBackend } from './store-backend.js';
import { runTestCommand } from './test-command.js';

type Env = Readonly<Record<string, string | undefined>>;

const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;
const DEFAULT_ENGINE_URL = 'http://localhost:3000';

const out = (text: string): void => void process.stdout.write(text);
const err = (text: string): void => void process.stderr.write(text);

/** `--url` wins; then REDIS_URL (the store directly); else the engine at PARLEY_URL or the default. */
async function openBackend(env: Env, url: string | undefined): Promise<CliBackend> {
  if (url === undefined && env.REDIS_URL?.trim()) return openStoreBackend(env);
  return httpBackend(url ?? (env.PARLEY_URL?.trim() || DEFAULT_ENGINE_URL), env);
}

function readSchemaFile(file: string): unknown {
  let text: string;
  try {
    text = readUtf8File(file);
  } catch (error) {
    throw new CliFailure(error instanceof NotUtf8Error ? error.message : `cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliFailure(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

async function runImport(backend: CliBackend, schema: unknown, dryRun: boolean): Promise<number> {
  // Ctrl-C (or SIGTERM) stops a Redis import between two writes and removes what it wrote, so no half
  // assistant stays live under the name (a retry found it taken). Once imported, it stops the model
  // build this process runs, which is marked failed rather than left `building` for ever. A second
  // Ctrl-C ends the process at once (the handlers are `once`). An engine import runs in the engine.
  const interrupted = new AbortController();
  let imported = false;
  const stop = (): void => {
    err(imported ? 'parley: interrupted; stopping the model build\n' : 'parley: interrupted; removing the partly imported assistant\n');
    interrupted.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    let outcome;
    try {
      outcome = await backend.importSchema(schema, dryRun, interrupted.signal);
    } catch (error) {
      if (interrupted.signal.aborted) return EXIT.interrupted;
      throw error;
    }
    const { assistant, report } = outcome;
    if (dryRun || assistant === null) {
      out(formatReportTable(report));
      return hasErrors(report) ? EXIT.failure : EXIT.ok;
    }
    if (report.length > 0) out(formatReportTable(report));
    out(`Imported assistant "${assistant.uniqueName}" (${assistant.sid}) into ${backend.description}; its model build has started.\n`);
    imported = true;
    const build = await backend.finishBuild(assistant.sid, interrupted.signal);
    if (!interrupted.signal.aborted) {
      // Only a CLI that trains itself (the store backend) waits for the build; it says how it ended.
      if (build !== null) out(build.status === 'failed'
        ? `Model build ${build.sid} failed (error ${build.errorCode}); see docs/errors.md, then start a new build.\n`
        : `Model build ${build.sid} ${build.status}.\n`);
      return EXIT.ok;
    }
    err(build === null ? '' : build.status === 'failed'
      ? `parley: model build ${build.sid} stopped and marked failed (error ${build.errorCode}); start a new build to train the assistant\n`
      : `parley: model build ${build.sid} had already ended: ${build.status}\n`);
    return EXIT.interrupted;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

async function runExport(backend: CliBackend, assistant: string, file: string | undefined): Promise<number> {
  const text = `${JSON.stringify(await backend.exportAssistant(assistant), null, 2)}\n`;
  if (file === undefined) {
    out(text);
  } else {
    writeFileSync(file, text);
    err(`Exported assistant "${assistant}" from ${backend.description} to ${file}\n`);
  }
  return EXIT.ok;
}

async function run(command: Exclude<CliCommand, { kind: 'help' }>, env: Env): Promise<number> {
  if (command.kind === 'test') return runTestCommand(command.paths, command.verbose, env, out);
  // Read the file before connecting anywhere: a typo in its name should not need a store.
  const schema = command.kind === 'import' ? readSchemaFile(command.file) : undefined;
  const backend = await openBackend(env, command.url);
  try {
    return command.kind === 'import'
      ? await runImport(backend, schema, command.dryRun)
      : await runExport(backend, command.assistant, command.file);
  } finally {
    await backend.close();
  }
}

async function main(args: readonly string[], env: Env): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCliArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`parley: ${error.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (command.kind === 'help') {
    out(USAGE);
    return EXIT.ok;
  }
  try {
    return await run(command, env);
  } catch (error) {
    if (error instanceof ImportRefused) out(formatReportTable(error.report));
    err(`parley: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
}

main(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    err(`parley: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = EXIT.failure;
  },
);
