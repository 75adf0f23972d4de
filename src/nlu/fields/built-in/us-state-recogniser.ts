import { states } from 'states-us';
import { buildGazetteer, gazetteerMatches } from '../gazetteer.js';
import { selectPhraseMatches } from '../phrase-matcher.js';
import type { Recogniser } from '../recognition-types.js';
import { recogniseYesNo } from './yes-no-recogniser.js';

// states-us spells "District Of Columbia"; names read better with lower-case joining words.
const displayName = (name: string): string => name.replace(/\b(Of|And|The)\b/g, (w) => w.toLowerCase());

const STATES = buildGazetteer(states.flatMap((s) => [
  { phrase: s.name, value: displayName(s.name) },
  { phrase: s.abbreviation, value: displayName(s.name), strictness: 'code' as const },
]).concat([{ phrase: 'Washington DC', value: 'District of Columbia' }, { phrase: 'D.C.', value: 'District of Columbia', strictness: 'code' }]), 'en');

/**
 * Twilio.US_STATE: the state's full English name (`California`, `District of Columbia`, `Puerto Rico`) from its
 * name or USPS abbreviation (in capitals inside a sentence). The 50 states, DC and the five inhabited territories
 * are known (states-us).
 */
export const recogniseUsState: Recogniser = (text, ctx, mode) => {
  // A bare lower-case "ok" or "hi" answering "which state?" is more likely a reply than Oklahoma or Hawaii.
  const lowercaseCodesInAnswers = recogniseYesNo(text, ctx, 'answer').length === 0;
  return selectPhraseMatches(gazetteerMatches(STATES, text, mode, { typosInAnswers: true, lowercaseCodesInAnswers }))
    .map(({ value, start, end }) => ({ value, start, end }));
};
