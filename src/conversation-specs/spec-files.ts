/**
 * Files a spec run reads: spec files found under directories, the assistant file, the shared
 * corpus (`corpus:` paths, never copied into the project), and the placeholders written in them.
 */
import { existsSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { NotUtf8Error, readUtf8File } from '../util/utf8-file.js';
import { dirname, join, resolve } from 'node:path';

/** The suffix that marks a spec file in a directory (bots and other JSON beside it are left alone). */
export const SPEC_SUFFIX = '.spec.json';
const CORPUS_PREFIX = 'corpus:';

/** A `corpus:` path while the corpus is not there: the spec is skipped, not failed. */
export class CorpusMissing extends Error {
  override name = 'CorpusMissing';
}

/** Spec files named, or found (recursively, sorted) under directories named. Throws for a path that does not exist. */
export function findSpecFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    const full = resolve(path);
    if (!existsSync(full)) throw new Error(`no such file or directory: ${path}`);
    if (statSync(full).isDirectory()) files.push(...specsUnder(full));
    else files.push(full);
  }
  return [...new Set(files)];
}

/** Symlinked files and folders count as what they point at; a folder already walked (a link loop) is not walked again. */
function specsUnder(dir: string, walked = new Set<string>()): string[] {
  const real = realpathSync(dir);
  if (walked.has(real)) return [];
  walked.add(real);
  return readdirSync(dir)
    .sort((a, b) => a.localeCompare(b))
    .flatMap((name) => {
      const path = join(dir, name);
      const stat = statOrNull(path);
      if (stat?.isDirectory()) return specsUnder(path, walked);
      return stat?.isFile() && name.endsWith(SPEC_SUFFIX) ? [path] : [];
    });
}

/** null for a link that leads nowhere (dangling, or a loop of links). */
function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readUtf8File(path);
  } catch (error) {
    if (error instanceof NotUtf8Error) throw new Error(`the ${what} ${error.message}`);
    throw new Error(`cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`the ${what} ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** A path written in a spec: relative to the spec's file, or `corpus:<path>` in the shared corpus. */
export function specPath(written: string, specFile: string, sharedDir: string): string {
  if (!written.startsWith(CORPUS_PREFIX)) return resolve(dirname(specFile), written);
  const path = resolve(sharedDir, written.slice(CORPUS_PREFIX.length));
  if (!existsSync(sharedDir)) throw new CorpusMissing(`the shared corpus is not at ${sharedDir} (set PARLEY_SHARED_DIR)`);
  return path;
}

/** The value at `<file>#<JSON pointer>` in the shared corpus. */
export function corpusValue(ref: string, sharedDir: string): unknown {
  const [file = '', pointer = ''] = ref.split('#', 2);
  const path = specPath(`${CORPUS_PREFIX}${file}`, '', sharedDir);
  let value: unknown = readJsonFile(path, 'corpus file');
  for (const token of pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, token)) throw new Error(`corpus ${ref}: nothing at "${token}"`);
    value = (value as Record<string, unknown>)[token];
  }
  return value;
}

// Any `{{repeat …}}`, so that a malformed one is an error rather than text sent as it is.
const PLACEHOLDER = /\{\{\s*(webhooks|repeat(?:\s[^{}]*)?)\s*\}\}/g;
const REPEAT = /^repeat\s+(\d+)\s+([^{}\s]+)$/;

/** What `{{repeat}}`s may add up to in one file: enough for every limit (16 KB answers and memory), never gigabytes. */
export const MAX_REPEAT_CHARS = 1_048_576;

/**
 * Every string in `value` with its placeholders filled in: `{{webhooks}}` is the stand-in's base
 * URL, `{{repeat N text}}` is `text` N times (for limits: large memory, oversized answers). Throws
 * when the repeats would pass MAX_REPEAT_CHARS in all.
 */
export function expandPlaceholders<T>(value: T, webhooksUrl: string): T {
  let repeated = 0;
  const fill = (text: string): string => text.replace(PLACEHOLDER, (all, what: string) => {
    if (what === 'webhooks') return webhooksUrl;
    const [, count = '', piece = ''] = REPEAT.exec(what.trim()) ?? [];
    if (piece === '') throw new Error(`${all}: expected {{repeat N text}}, N a whole number and text without spaces or braces`);
    repeated += piece.length * Number(count);
    if (repeated > MAX_REPEAT_CHARS) {
      throw new Error(`{{repeat ${count} …}}: the repeats of one file may fill at most ${MAX_REPEAT_CHARS} characters (this one brings them to ${repeated})`);
    }
    return piece.repeat(Number(count));
  });
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return fill(v);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
