/**
 * The partial deep match behind every expectation: only what is written is checked. Pure.
 *
 * - a string, number, boolean or null matches an equal value;
 * - `{"contains": "…"}` matches a string containing it, `{"matches": "regex"}` a string it matches,
 *   `{"absent": true}` a missing key;
 * - an object matches an object having each of its keys, matched in turn (extra keys are fine);
 * - an array matches an array of the same length, element by element.
 */
import type { Mismatch } from './spec-types.js';

type Matcher = { readonly contains: string } | { readonly matches: string } | { readonly absent: true };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function asMatcher(expected: unknown): Matcher | null {
  if (!isPlainObject(expected)) return null;
  const keys = Object.keys(expected);
  if (keys.length !== 1) return null;
  if (typeof expected.contains === 'string' || typeof expected.matches === 'string' || expected.absent === true) return expected as Matcher;
  return null;
}

/** Every way `actual` fails `expected`, with the path to it (`path` names the root). */
export function partialMatch(expected: unknown, actual: unknown, path: string): Mismatch[] {
  const matcher = asMatcher(expected);
  if (matcher !== null) return matchWith(matcher, actual, path);
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [mismatch(path, expected, actual)];
    return expected.flatMap((e, i) => partialMatch(e, actual[i], `${path}[${i}]`));
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return [mismatch(path, expected, actual)];
    return Object.entries(expected).flatMap(([key, e]) => partialMatch(e, actual[key], joinPath(path, key)));
  }
  return expected === actual ? [] : [mismatch(path, expected, actual)];
}

/**
 * A webhook call (`{method, path, params}`) as an expectation reads it: a parameter that carries
 * JSON (`Memory`) is matched as the value it encodes where an object is expected of it. Only
 * there: a string elsewhere (a remembered value, a reply) is never read as JSON.
 */
export function matchCall(expected: unknown, call: { readonly params: Readonly<Record<string, string>> }, path: string): Mismatch[] {
  if (!isPlainObject(expected) || !isPlainObject(expected.params)) return partialMatch(expected, call, path);
  const wanted = expected.params;
  const params = Object.fromEntries(Object.entries(call.params).map(([key, value]) => [
    key, isPlainObject(wanted[key]) && asMatcher(wanted[key]) === null ? parsedJson(value) : value,
  ]));
  return partialMatch(expected, { ...call, params }, path);
}

/** Each expected call against the call made at its place; the counts must agree. */
export function matchCalls(expected: unknown, calls: ReadonlyArray<{ readonly params: Readonly<Record<string, string>> }>, path: string): Mismatch[] {
  if (!Array.isArray(expected) || expected.length !== calls.length) return partialMatch(expected, calls, path);
  return expected.flatMap((e, i) => matchCall(e, calls[i]!, `${path}[${i}]`));
}

function matchWith(matcher: Matcher, actual: unknown, path: string): Mismatch[] {
  if ('absent' in matcher) return actual === undefined ? [] : [mismatch(path, matcher, actual)];
  if (typeof actual !== 'string') return [mismatch(path, matcher, actual)];
  if ('contains' in matcher) return actual.includes(matcher.contains) ? [] : [mismatch(path, matcher, actual)];
  let regex: RegExp;
  try {
    regex = new RegExp(matcher.matches);
  } catch (error) {
    return [{ path, expected: `a valid regular expression (${(error as Error).message})`, actual: show(actual) }];
  }
  return regex.test(actual) ? [] : [mismatch(path, matcher, actual)];
}

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const joinPath = (path: string, key: string): string => {
  const part = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
  if (path === '') return part;
  return /^[A-Za-z_$]/.test(part) ? `${path}.${part}` : `${path}[${part}]`;
};

function mismatch(path: string, expected: unknown, actual: unknown): Mismatch {
  return { path, expected: show(expected), actual: show(actual) };
}

/** A value as the report prints it: JSON, shortened; a missing value reads "(absent)". */
export function show(value: unknown, max = 400): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
