import { invalidParameter } from '../errors/error-catalogue.js';

// Checks shared by the REST API and the importer; messages name the Autopilot parameter.

const CONTROL = /[\u0000-\u001f\u007f]/;
const SID_LIKE = /^[A-Z]{2}[0-9a-fA-F]{32}$/;
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** Nothing a reader could see: white space and format characters (zero-width space, joiners, …). */
const INVISIBLE = /^[\s\p{Cf}\p{Z}]*$/u;
const EDGE_SPACE = /^\s|\s$/u;

/**
 * Characters as people count them (code points), not UTF-16 units: an emoji is one, as in
 * Autopilot's "up to 64 characters".
 */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

/** At most `max` characters of `value`, never cutting a character in two. */
export function firstCharacters(value: string, max: number): string {
  return value.length <= max ? value : Array.from(value).slice(0, max).join('');
}

function checkLength(param: string, value: string, max: number): void {
  // A string of at most `max` UTF-16 units has at most `max` characters: the usual case, counted for free.
  if (value.length > max && characterCount(value) > max) throw invalidParameter(param, `must be at most ${max} characters (got ${characterCount(value)})`);
}

export function checkUniqueName(param: string, value: string, max = 64): string {
  if (INVISIBLE.test(value)) throw invalidParameter(param, 'must not be empty or invisible (white space, zero-width characters)');
  if (EDGE_SPACE.test(value)) throw invalidParameter(param, 'must not start or end with white space');
  checkLength(param, value, max);
  if (CONTROL.test(value) || value.includes('/')) throw invalidParameter(param, 'must not contain "/" or control characters');
  // A name is a path segment: twilio-node puts it in the URL as it is, where `?` and `#` end the path.
  if (/[?#]/.test(value)) throw invalidParameter(param, 'must not contain "?" or "#" (a name is a URL path segment; clients do not encode it)');
  // HTTP clients (fetch, curl, twilio) rewrite `.` and `..` in a URL path: `DELETE …/Tasks/..` would reach the assistant.
  if (value === '.' || value === '..') throw invalidParameter(param, 'must not be "." or ".." (URL paths rewrite them)');
  if (SID_LIKE.test(value)) throw invalidParameter(param, 'must not look like a SID (two letters and 32 hex digits)');
  return value;
}

export function checkText(param: string, value: string, max: number): string {
  checkLength(param, value, max);
  return value;
}

export function checkNonEmptyText(param: string, value: string, max: number): string {
  if (value.trim() === '') throw invalidParameter(param, 'must not be empty');
  return checkText(param, value, max);
}

export function checkLanguage(param: string, value: string): string {
  if (!LANGUAGE.test(value)) throw invalidParameter(param, `"${value}" is not a language tag such as en-US`);
  return value;
}

/** An absolute http(s) URL, as every customer callback must be. */
export function checkUrl(param: string, value: string): string {
  if (value.length > 2048) throw invalidParameter(param, 'must be at most 2048 characters');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidParameter(param, `"${value}" is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidParameter(param, 'must be an http or https URL');
  return value;
}

export function checkOneOf<T extends string>(param: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidParameter(param, `"${value}" is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}
