import type { RedirectValue } from '../actions/action-types.js';
import type { ResolvedTarget } from './turn-types.js';

/** `task://name`, `{uri, method}` or a URL: one shape, method defaulting to POST. */
export function resolveTarget(value: RedirectValue | undefined): ResolvedTarget | null {
  if (value === undefined) return null;
  const uri = (typeof value === 'string' ? value : value.uri).trim();
  if (uri === '') return null;
  const method = typeof value === 'object' && value.method?.toUpperCase() === 'GET' ? 'GET' : 'POST';
  return { uri, method };
}

/** The task a `task://` target names, or null for a URL. */
export function taskOf(target: ResolvedTarget): string | null {
  return target.uri.startsWith('task://') ? target.uri.slice('task://'.length) : null;
}

/** Say text of the grammar's forms (`"x"`, `{speech: "x"}`, `{say: …}`). */
export function sayText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const v = value as { speech?: unknown; say?: unknown };
    if (typeof v.speech === 'string') return v.speech;
    if (v.say !== undefined) return sayText(v.say);
  }
  return '';
}
