import { parseArgs } from 'node:util';

export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'import'; readonly file: string; readonly dryRun: boolean; readonly url: string | undefined }
  | { readonly kind: 'export'; readonly assistant: string; readonly file: string | undefined; readonly url: string | undefined }
  | { readonly kind: 'test'; readonly paths: readonly string[]; readonly verbose: boolean };

/** The command line is wrong: the CLI prints the message with the usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage:
  parley import <schema.json> [--dry-run] [--url <engine>]
      Import an Autopilot CLI schema (what "twilio autopilot:export" wrote). --dry-run only
      prints the compatibility report (exit 1 if it has errors).
  parley export <assistant> [file] [--url <engine>]
      Export an assistant (SID or unique name) as an Autopilot CLI schema, to stdout or a file.
  parley test <spec files or directories...> [--verbose]
      Run conversation specs (docs/conversation-specs.md) offline on the embedded store, each
      with a local stand-in for its webhooks; directories are searched for *.spec.json. Exit 1
      if any spec fails. PARLEY_SHARED_DIR locates the shared corpus for corpus: paths.
      --verbose shows what every turn did, not only the failed ones.
  parley help

Where it works:
  --url <engine>   talk to that running engine over its REST API (Basic auth with
                   TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN)
  REDIS_URL        otherwise, when set: work on that Redis store directly (with REDIS_KEY_PREFIX
                   and the engine's TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN)
  PARLEY_URL       otherwise: the engine at PARLEY_URL (default http://localhost:3000), since
                   the embedded store lives inside the engine's process

Exit codes: 0 ok, 1 failure, 2 usage.
`;

export function parseCliArgs(args: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: { 'dry-run': { type: 'boolean' }, url: { type: 'string' }, verbose: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') return { kind: 'help' };
  if (command === undefined) throw new UsageError('no command given');
  const url = values.url;
  switch (command) {
    case 'import':
      if (values.verbose) throw new UsageError('--verbose only applies to test');
      if (rest.length !== 1) throw new UsageError('import takes one schema file');
      return { kind: 'import', file: rest[0]!, dryRun: values['dry-run'] ?? false, url };
    case 'export':
      if (rest.length < 1 || rest.length > 2) throw new UsageError('export takes an assistant and, optionally, a file');
      if (values['dry-run']) throw new UsageError('--dry-run only applies to import');
      if (values.verbose) throw new UsageError('--verbose only applies to test');
      return { kind: 'export', assistant: rest[0]!, file: rest[1], url };
    case 'test':
      if (rest.length < 1) throw new UsageError('test takes spec files or directories');
      if (values['dry-run'] || url !== undefined) throw new UsageError('test runs offline: --dry-run and --url do not apply');
      return { kind: 'test', paths: rest, verbose: values.verbose ?? false };
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}
