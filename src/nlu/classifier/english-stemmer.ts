import { lookupTable } from '../../util/lookup-table.js';
/**
 * A light English stemmer: steps 1a-1c and 5b of Porter (1980), i.e. plurals, `-ed` / `-ing`, final
 * `y` and `-ll`, plus a short list of irregular forms common in requests. The later Porter steps
 * (`-ational`, `-ness`, ...) are left to the character n-grams, which degrade more gracefully.
 */

const IRREGULAR: Readonly<Record<string, string>> = lookupTable({
  is: 'be', are: 'be', was: 'be', were: 'be', am: 'be', been: 'be',
  has: 'have', had: 'have', did: 'do', does: 'do', done: 'do',
  went: 'go', gone: 'go', goes: 'go', said: 'say', says: 'say',
  bought: 'buy', paid: 'pay', sent: 'send', got: 'get', gotten: 'get',
  made: 'make', took: 'take', taken: 'take', lost: 'lose', stolen: 'steal', stole: 'steal',
  left: 'leave', told: 'tell', knew: 'know', known: 'know', found: 'find', gave: 'give', given: 'give',
  children: 'child', men: 'man', women: 'woman', people: 'person', feet: 'foot', teeth: 'tooth',
});

const isVowelAt = (w: string, i: number): boolean => {
  const c = w[i];
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return true;
  return c === 'y' && i > 0 && !isVowelAt(w, i - 1);
};

/** Porter's m: the number of vowel-consonant sequences in `w`. */
function measure(w: string): number {
  let m = 0;
  let i = 0;
  while (i < w.length && !isVowelAt(w, i)) i++;
  while (i < w.length) {
    while (i < w.length && isVowelAt(w, i)) i++;
    if (i >= w.length) break;
    m++;
    while (i < w.length && !isVowelAt(w, i)) i++;
  }
  return m;
}

const hasVowel = (w: string): boolean => {
  for (let i = 0; i < w.length; i++) if (isVowelAt(w, i)) return true;
  return false;
};

const endsDoubleConsonant = (w: string): boolean =>
  w.length >= 2 && w[w.length - 1] === w[w.length - 2] && !isVowelAt(w, w.length - 1);

/** consonant-vowel-consonant ending, the last not w, x or y (`hop`, not `snow`). */
const endsCvc = (w: string): boolean => {
  const n = w.length;
  if (n < 3) return false;
  const last = w[n - 1]!;
  return !isVowelAt(w, n - 3) && isVowelAt(w, n - 2) && !isVowelAt(w, n - 1) && !'wxy'.includes(last);
};

function step1a(w: string): string {
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ies')) return w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
  if (w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) return w;
  if (w.endsWith('s') && w.length > 3) return w.slice(0, -1);
  return w;
}

function step1b(w: string): string {
  if (w.endsWith('eed')) return measure(w.slice(0, -3)) > 0 ? w.slice(0, -1) : w;
  let stem: string | null = null;
  if (w.endsWith('ed') && hasVowel(w.slice(0, -2))) stem = w.slice(0, -2);
  else if (w.endsWith('ing') && hasVowel(w.slice(0, -3))) stem = w.slice(0, -3);
  if (stem === null || stem.length < 2) return w;
  if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return `${stem}e`;
  if (endsDoubleConsonant(stem) && !/[lsz]$/.test(stem)) return stem.slice(0, -1);
  if (measure(stem) === 1 && endsCvc(stem)) return `${stem}e`;
  return stem;
}

/** Porter step 5b: `-ll` after a long stem loses one `l` (`cancell` -> `cancel`, but `call`, `fill` stay). */
const step5b = (w: string): string => (w.endsWith('ll') && measure(w.slice(0, -1)) > 1 ? w.slice(0, -1) : w);

const step1c = (w: string): string =>
  w.length > 2 && w.endsWith('y') && hasVowel(w.slice(0, -1)) ? `${w.slice(0, -1)}i` : w;

export function stemEnglish(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return irregular;
  if (word.length <= 3 || /\d/.test(word)) return word;
  return step5b(step1c(step1b(step1a(word))));
}
