import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Send `signal` (default SIGINT, as Ctrl-C) once stdout matches `when`. */
export interface CliInterrupt {
  readonly when: RegExp;
  readonly signal?: NodeJS.Signals;
}

/**
 * Run `parley` from source as a child process (through tsx), with only the given environment
 * (plus PATH/HOME), so the caller's REDIS_URL or credentials never leak in.
 */
export function runCli(args: readonly string[], env: Readonly<Record<string, string>>, cwd = projectRoot, interrupt?: CliInterrupt): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `${projectRoot}src/cli/parley.ts`, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (interrupt !== undefined && !sent && interrupt.when.test(stdout)) sent = child.kill(interrupt.signal ?? 'SIGINT');
    });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
