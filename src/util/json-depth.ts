/**
 * Deepest nesting of objects and arrays Parley accepts in any JSON it keeps or passes on (Actions
 * documents, `Memory`, a webhook's answer). Real bots stay under ten levels; a few thousand overflow
 * the stack of JSON.stringify, which every save and every webhook request runs on memory.
 */
export const MAX_JSON_DEPTH = 64;

/** True when `value` nests objects and arrays deeper than `max`. Recurses at most `max` + 1 levels, so any depth is safe to measure. */
export function nestsDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  return deeperThan(value, 1, max);
}

function deeperThan(node: unknown, depth: number, max: number): boolean {
  if (typeof node !== 'object' || node === null) return false;
  if (depth > max) return true;
  const children = Array.isArray(node) ? node : Object.values(node);
  for (const child of children) if (deeperThan(child, depth + 1, max)) return true;
  return false;
}

/** The reason given for a value that nests too deeply, e.g. `Invalid parameter Memory: <this>`. */
export const TOO_DEEP = `must not nest objects and arrays more than ${MAX_JSON_DEPTH} levels deep`;
