import ISO6391 from 'iso-639-1';
import { buildGazetteer, gazetteerMatches, type Gazetteer, type GazetteerEntry } from '../gazetteer.js';
import { selectPhraseMatches } from '../phrase-matcher.js';
import type { Recogniser, RecognisedValue } from '../recognition-types.js';
import { primaryLanguage } from '../text-tokens.js';
import { recogniseYesNo } from './yes-no-recogniser.js';
import { lookupTable } from '../../../util/lookup-table.js';

const ENGLISH = new Intl.DisplayNames(['en'], { type: 'language' });
const ALIASES: Readonly<Record<string, string>> = lookupTable({ Mandarin: 'zh', Farsi: 'fa', Castilian: 'es', Flemish: 'nl', Tagalog: 'tl', Filipino: 'tl' });
const TAG = /\b([a-z]{2})[-_]([A-Z]{2}|[a-z]{2})\b/g;
const cache = new Map<string, Gazetteer>();

/** ISO 639-1 languages by their English name, native name (iso-639-1) and name in the context language (CLDR). */
function languageGazetteer(language: string): Gazetteer {
  const lang = primaryLanguage(language);
  let g = cache.get(lang);
  if (g !== undefined) return g;
  const local = new Intl.DisplayNames([lang], { type: 'language' });
  const entries: GazetteerEntry[] = ISO6391.getAllCodes().flatMap((code) =>
    [ENGLISH.of(code), ISO6391.getName(code), ...ISO6391.getNativeName(code).split(/\s*[,;]\s*/), local.of(code)]
      .filter((n): n is string => n !== undefined && n !== code)
      .map((phrase) => ({ phrase, value: code })));
  for (const [phrase, value] of Object.entries(ALIASES)) entries.push({ phrase, value });
  g = buildGazetteer(entries, lang);
  cache.set(lang, g);
  return g;
}

const englishName = (code: string): string => ENGLISH.of(code) ?? code;

/**
 * Twilio.LANGUAGE: the language's English name (`Spanish`, `German`) from its name in English, in itself
 * (`Deutsch`) or in the context language, or from a language tag (`pt-BR` -> `Portuguese`). A whole answer
 * may be a bare ISO 639-1 code (`fr`), unless it is also a yes/no word (`no`).
 */
export const recogniseLanguage: Recogniser = (text, ctx, mode) => {
  const found: RecognisedValue[] = selectPhraseMatches(gazetteerMatches(languageGazetteer(ctx.language), text, mode, { typosInAnswers: true }))
    .map(({ value, start, end }) => ({ value: englishName(value), start, end }));
  for (const m of text.matchAll(TAG)) {
    const code = m[1]!.toLowerCase();
    if (ISO6391.validate(code) && found.every((f) => f.end <= m.index || f.start >= m.index + m[0].length)) {
      found.push({ value: englishName(code), start: m.index, end: m.index + m[0].length });
    }
  }
  const bare = text.trim();
  const bareCode = /^[a-z]{2}$/i.test(bare) && ISO6391.validate(bare.toLowerCase());
  if (mode === 'answer' && found.length === 0 && bareCode && recogniseYesNo(bare, ctx, 'answer').length === 0) {
    const start = text.indexOf(bare);
    found.push({ value: englishName(bare.toLowerCase()), start, end: start + 2 });
  }
  return found.sort((a, b) => a.start - b.start);
};
