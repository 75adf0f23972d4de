/**
 * Files a spec run reads: spec files found under directories, the assistant file, the shared
 * corpus (`corpus:` paths, never copied into the project), and the placeholders written in them.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
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

function specsUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return specsUnder(path);
      return entry.isFile() && entry.name.endsWith(SPEC_SUFFIX) ? [path] : [];
    });
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

const PLACEHOLDER = /\{\{\s*(webhooks|repeat\s+(\d{1,6})\s+([^{}\s]+))\s*\}\}/g;

/**
 * Every string in `value` with its placeholders filled in: `{{webhooks}}` is the stand-in's base
 * URL, `{{repeat N text}}` is `text` N times (for limits: large memory, oversized answers).
 */
export function expandPlaceholders<T>(value: T, webhooksUrl: string): T {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (_all, what: string, count?: string, text?: string) =>
      what === 'webhooks' ? webhooksUrl : (text ?? '').repeat(Number(count))) as T;
  }
  if (Array.isArray(value)) return value.map((v) => expandPlaceholders(v, webhooksUrl)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandPlaceholders(v, webhooksUrl)])) as T;
  }
  return value;
}
