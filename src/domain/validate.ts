import { invalidParameter } from '../errors/error-catalogue.js';

// Checks shared by the REST API and the importer; messages name the Autopilot parameter.

const CONTROL = /[\u0000-\u001f\u007f]/;
const SID_LIKE = /^[A-Z]{2}[0-9a-fA-F]{32}$/;
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export function checkUniqueName(param: string, value: string, max = 64): string {
  if (value === '') throw invalidParameter(param, 'must not be empty');
  if (value.length > max) throw invalidParameter(param, `must be at most ${max} characters (got ${value.length})`);
  if (CONTROL.test(value) || value.includes('/')) throw invalidParameter(param, 'must not contain "/" or control characters');
  if (SID_LIKE.test(value)) throw invalidParameter(param, 'must not look like a SID (two letters and 32 hex digits)');
  return value;
}

export function checkText(param: string, value: string, max: number): string {
  if (value.length > max) throw invalidParameter(param, `must be at most ${max} characters (got ${value.length})`);
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
