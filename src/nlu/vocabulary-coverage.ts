import { foldAccents } from './classifier/text-tokens.js';
import { functionWordsOf } from './function-words.js';

/*
 * How much of an input the model has ever seen: the share of its content words (not the function
 * words of the assistant's language: function-words.ts) that occur in the assistant's samples. A linear classifier
 * always names some task, however foreign the input; with a bot's few samples, words it has never
 * seen are the clearest sign that an input belongs to no task.
 */

const WORD = /[\p{L}\p{N}]+/gu;
const TAG = /\{[^{}]*\}/g;

/** Case, width forms and accents do not count: users type `reservacion` and `strasse` for the samples' `reservación`, `Straße`. */
const wordForm = (word: string): string => foldAccents(word.normalize('NFKC').toLowerCase());

/**
 * The word and its forms without one plural, inflection or verb ending (English, German and Romance
 * alike), so that `lattes` / `latte`, `orders` / `order`, `Rechnungen` / `Rechnung`, `booked` /
 * `booking` meet: two words match when these sets share a form.
 */
const ENDINGS = ['ings', 'ing', 'ed', 'es', 'en', 'er', 's', 'e', 'n'];
function forms(word: string): string[] {
  const out = [word];
  for (const ending of ENDINGS) if (word.length - ending.length >= 3 && word.endsWith(ending)) out.push(word.slice(0, -ending.length));
  return out;
}

/** The words of the samples in the form the coverage compares, and the function words it leaves out. */
export interface Vocabulary {
  readonly forms: ReadonlySet<string>;
  readonly functionWords: ReadonlySet<string>;
}

/** The distinct words of the samples, for the model (sorted, so models stay deterministic). */
export function sampleVocabulary(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const text of texts) for (const m of text.replace(TAG, ' ').matchAll(WORD)) seen.add(m[0].normalize('NFKC').toLowerCase());
  return [...seen].sort();
}

/**
 * The lookup form of a model's stored vocabulary (stored models keep the plain lower-cased words),
 * for inputs in the language the model was trained in (`modelLanguage`): the samples' language
 * decides which words are function words, so `de`, `la`, `ang` count in English but not in French
 * or Filipino.
 */
export function vocabularyOf(words: readonly string[], language = 'en-US'): Vocabulary {
  return { forms: new Set(words.flatMap((w) => forms(wordForm(w)))), functionWords: functionWordsOf(language) };
}

/**
 * Share in [0, 1] of the input's content words found in the vocabulary; 1 when it has none to judge
 * by. A word inside one of `knownSpans` (character offsets of `text`, e.g. field values recognised
 * in it) counts as that span's `weight` (1 unless said) of a seen word, if it is not seen anyway.
 */
export function vocabularyCoverage(
  vocabulary: Vocabulary, text: string, knownSpans: ReadonlyArray<{ start: number; end: number; weight?: number }> = [],
): number {
  let content = 0;
  let known = 0;
  for (const m of text.replace(TAG, (tag) => ' '.repeat(tag.length)).matchAll(WORD)) {
    const word = wordForm(m[0]);
    if (vocabulary.functionWords.has(word)) continue;
    content += 1;
    if (forms(word).some((f) => vocabulary.forms.has(f))) {
      known += 1;
      continue;
    }
    const start = m.index!;
    let credit = 0;
    for (const span of knownSpans) if (start >= span.start && start < span.end) credit = Math.max(credit, span.weight ?? 1);
    known += credit;
  }
  return content === 0 ? 1 : known / content;
}
