/**
 * Which canonical value each field value of a schema is a synonym of. Pure: what the store knows
 * comes in as `knownValueSids`.
 *
 * `synonymOf` comes in three spellings (autopilot.md §8.4): the canonical value's text (templates,
 * Parley's export), null / '' (a canonical value), or a UC SID (autopilot-core's export, which
 * copies the API's `synonym_of`). A UC SID names a value of the assistant the file was exported
 * from, which the file itself does not carry (values have no SID in the schema). It is resolved:
 * 1. through the store, when that assistant lives in this Parley (`knownValueSids`: SID -> text);
 * 2. to the only canonical value of that language, when the type has one (nothing else fits);
 * 3. by position, as a guess the report flags: autopilot-core writes values newest first, and a
 *    synonym can only be created after its canonical value, so each SID's synonyms are given the
 *    nearest canonical value that follows them in the file and that no other SID has taken.
 */
import { isSid } from '../util/sid.js';
import type { SchemaFieldValue } from './autopilot-schema.js';

export type SynonymHow = 'text' | 'store' | 'single' | 'position';

export type SynonymResolution =
  | { readonly kind: 'canonical' }
  | { readonly kind: 'synonym'; readonly canonical: string; readonly how: SynonymHow }
  | { readonly kind: 'unresolved'; readonly reason: string };

/** Field values are unique per language, case-insensitively (src/domain/field-values.ts). */
export const valueKey = (language: string, value: string): string => `${language.toLowerCase()}:${value.toLowerCase()}`;

export const isCanonicalValue = (v: SchemaFieldValue): boolean =>
  v.synonymOf === undefined || v.synonymOf === null || v.synonymOf === '';

/** One resolution per value, in the values' order. */
export function resolveSynonyms(
  values: readonly SchemaFieldValue[], knownValueSids: ReadonlyMap<string, string> = new Map(),
): SynonymResolution[] {
  const byText = new Map<string, number>();
  values.forEach((v, i) => {
    if (!byText.has(valueKey(v.language, v.value))) byText.set(valueKey(v.language, v.value), i);
  });
  const byPosition = assignByPosition(values, byText, knownValueSids);
  const target = (i: number): { index: number; how: SynonymHow } | string => {
    const v = values[i]!;
    const ref = v.synonymOf ?? '';
    const byValue = byText.get(valueKey(v.language, ref));
    if (byValue !== undefined) return { index: byValue, how: 'text' };
    if (!isSid(ref, 'UC')) return `"${ref}" is not a value of this field type in ${v.language}`;
    const known = knownValueSids.get(ref);
    if (known !== undefined) {
      const index = byText.get(valueKey(v.language, known));
      return index === undefined ? `${ref} is the value "${known}" here, which this field type does not list` : { index, how: 'store' };
    }
    const canonicals = canonicalIndexes(values, v.language);
    if (canonicals.length === 1) return { index: canonicals[0]!, how: 'single' };
    const guessed = byPosition.get(groupKey(v.language, ref));
    if (guessed !== undefined) return { index: guessed, how: 'position' };
    return `${ref} is a value SID of the assistant this file was exported from, and no canonical value is left to match it by position`;
  };
  // A loop, not recursion: a long chain of synonyms of synonyms must not exhaust the stack.
  const resolve = (i: number): SynonymResolution => {
    if (isCanonicalValue(values[i]!)) return { kind: 'canonical' };
    const seen = new Set([i]);
    let how: SynonymHow | undefined;
    for (let current = i; ;) {
      const found = target(current);
      if (typeof found === 'string') return { kind: 'unresolved', reason: found };
      if (seen.has(found.index)) return { kind: 'unresolved', reason: 'the synonyms form a cycle' };
      seen.add(found.index);
      // The first step says how it was resolved, unless a guess anywhere along the chain makes it one.
      how = how === 'position' || found.how === 'position' ? 'position' : (how ?? found.how);
      // A synonym of a synonym: the domain stores it against the canonical value, so follow the chain here.
      if (isCanonicalValue(values[found.index]!)) return { kind: 'synonym', canonical: values[found.index]!.value, how };
      current = found.index;
    }
  };
  return values.map((_, i) => resolve(i));
}

const groupKey = (language: string, sid: string): string => `${language.toLowerCase()}\u0000${sid}`;

function canonicalIndexes(values: readonly SchemaFieldValue[], language: string): number[] {
  return values.flatMap((v, i) => (isCanonicalValue(v) && v.language.toLowerCase() === language.toLowerCase() ? [i] : []));
}

/** Rule 3 above, for the SIDs rules 1 and 2 leave open; SIDs are taken in order of first appearance. */
function assignByPosition(
  values: readonly SchemaFieldValue[], byText: ReadonlyMap<string, number>, knownValueSids: ReadonlyMap<string, string>,
): Map<string, number> {
  const lastMember = new Map<string, number>();
  values.forEach((v, i) => {
    const ref = v.synonymOf ?? '';
    if (!isSid(ref, 'UC') || knownValueSids.has(ref) || byText.has(valueKey(v.language, ref))) return;
    lastMember.set(groupKey(v.language, ref), i);
  });
  const claimed = new Set<number>();
  const assigned = new Map<string, number>();
  for (const [group, last] of lastMember) {
    const language = group.slice(0, group.indexOf('\u0000'));
    const next = canonicalIndexes(values, language).find((i) => i > last && !claimed.has(i));
    if (next === undefined) continue;
    claimed.add(next);
    assigned.set(group, next);
  }
  return assigned;
}
