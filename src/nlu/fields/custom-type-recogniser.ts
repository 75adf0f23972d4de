import { compilePhrases, matchPhrases, selectPhraseMatches, type PhraseMatch, type PhraseMatcher } from './phrase-matcher.js';
import type { CustomFieldType, RecogniseContext, RecognisedValue } from './recognition-types.js';
import { foldText, primaryLanguage, wordTokens } from './text-tokens.js';

const compiled = new WeakMap<CustomFieldType, Map<string, PhraseMatcher>>();

/**
 * The type's values for the language (by primary subtag; all values when none is tagged with it), each
 * phrase standing for its canonical value: a synonym's `synonymOf` names the canonical value text, matched
 * case- and accent-insensitively so the canonical spelling stored on the type is returned.
 */
function matcherFor(type: CustomFieldType, language: string): PhraseMatcher {
  const lang = primaryLanguage(language);
  let perLanguage = compiled.get(type);
  if (perLanguage === undefined) compiled.set(type, perLanguage = new Map());
  const cached = perLanguage.get(lang);
  if (cached !== undefined) return cached;
  const inLanguage = type.values.filter((v) => primaryLanguage(v.language) === lang);
  const values = inLanguage.length > 0 ? inLanguage : type.values;
  const canonical = new Map<string, string>();
  for (const v of values) if (v.synonymOf === null && !canonical.has(foldText(v.value))) canonical.set(foldText(v.value), v.value);
  const entries = values.map((v) => ({
    phrase: v.value,
    value: v.synonymOf === null ? v.value : canonical.get(foldText(v.synonymOf)) ?? v.synonymOf,
  }));
  const matcher = compilePhrases(entries, lang);
  perLanguage.set(lang, matcher);
  return matcher;
}

/** Every value of a custom type in the text, before overlap resolution, exact matches first. */
export function customTypeMatches(type: CustomFieldType, text: string, ctx: RecogniseContext): PhraseMatch[] {
  const matches = matchPhrases(matcherFor(type, ctx.language), wordTokens(text), { typos: true, plurals: true });
  return matches.sort((a, b) => a.cost - b.cost);
}

/** Non-overlapping values of a custom type: longest match wins, then the most exact. */
export function recogniseCustomType(type: CustomFieldType, text: string, ctx: RecogniseContext): RecognisedValue[] {
  return selectPhraseMatches(customTypeMatches(type, text, ctx)).map(({ value, start, end }) => ({ value, start, end }));
}
