/**
 * Light stemmers in the style of Savoy (2006): they remove plural and gender endings only, which is
 * what helps short requests, and leave derivation to the character n-grams. Input is accent-folded.
 */

const VOWEL = /[aeiou]$/;

function stemFrench(w: string): string {
  if (w.length <= 4) return w;
  if (w.endsWith('aux')) return `${w.slice(0, -3)}al`;
  let s = w.endsWith('s') || w.endsWith('x') ? w.slice(0, -1) : w;
  if (s.endsWith('e') && s.length > 4) s = s.slice(0, -1);
  if (s.endsWith('e') && s.length > 4) s = s.slice(0, -1); // -ee (acceptee)
  return s;
}

function stemSpanish(w: string): string {
  if (w.length <= 4) return w;
  if (w.endsWith('ces')) return `${w.slice(0, -3)}z`;
  let s = w;
  if (s.endsWith('es') && !VOWEL.test(s.slice(0, -2))) s = s.slice(0, -2);
  else if (s.endsWith('s')) s = s.slice(0, -1);
  return s.length > 4 && /[aoe]$/.test(s) ? s.slice(0, -1) : s;
}

function stemPortuguese(w: string): string {
  if (w.length <= 4) return w;
  for (const [from, to] of [['oes', 'ao'], ['aes', 'ao'], ['ais', 'al'], ['eis', 'el'], ['ois', 'ol'], ['ns', 'm']] as const) {
    if (w.endsWith(from)) return w.slice(0, -from.length) + to;
  }
  const s = w.endsWith('s') ? w.slice(0, -1) : w;
  return s.length > 4 && /[aoe]$/.test(s) ? s.slice(0, -1) : s;
}

function stemItalian(w: string): string {
  if (w.length <= 4) return w;
  let s = w;
  if (/(?:chi|ghi|che|ghe)$/.test(s)) s = s.slice(0, -2);
  else if (/[aeio]$/.test(s)) s = s.slice(0, -1);
  return s;
}

export function stemRomance(word: string, language: string): string {
  if (/\d/.test(word)) return word;
  switch (language) {
    case 'fr': return stemFrench(word);
    case 'es': return stemSpanish(word);
    case 'pt': return stemPortuguese(word);
    case 'it': return stemItalian(word);
    default: return word;
  }
}

/** German: inflectional endings only (-ern, -em, -en, -er, -es, -e, -s, -n), keeping stems of 4+ letters. */
export function stemGerman(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  for (const suffix of ['ern', 'em', 'en', 'er', 'es', 'e', 's', 'n']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return word.slice(0, -suffix.length);
  }
  return word;
}
