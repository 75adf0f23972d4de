import { primaryLanguage } from './text-tokens.js';
import { lookupTable } from '../../util/lookup-table.js';

const EN_IRREGULAR: Readonly<Record<string, string>> = lookupTable({
  men: 'man', women: 'woman', children: 'child', feet: 'foot', teeth: 'tooth', mice: 'mouse', geese: 'goose',
  people: 'person', knives: 'knife', wives: 'wife', lives: 'life', leaves: 'leaf', halves: 'half', loaves: 'loaf',
});

function englishSingulars(word: string): string[] {
  const irregular = EN_IRREGULAR[word];
  if (irregular) return [irregular];
  const out: string[] = [];
  if (word.endsWith('ies') && word.length > 4) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('ves') && word.length > 4) out.push(`${word.slice(0, -3)}f`, `${word.slice(0, -3)}fe`);
  if (/(s|x|z|ch|sh|o)es$/.test(word)) out.push(word.slice(0, -2));
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) out.push(word.slice(0, -1));
  return out;
}

function romanceSingulars(word: string): string[] {
  const out: string[] = [];
  if (word.endsWith('ces')) out.push(`${word.slice(0, -3)}z`); // luces -> luz
  if (word.endsWith('es')) out.push(word.slice(0, -2)); // ciudades -> ciudad
  if (word.endsWith('s') || word.endsWith('x')) out.push(word.slice(0, -1)); // tacos -> taco, bateaux -> bateau
  return out;
}

/**
 * The word itself plus the singulars it may be a regular plural of, by language (English rules with a few
 * irregulars; Spanish/Portuguese/French/Italian-style `-s`/`-es`; `-s` elsewhere). Input is folded text.
 */
export function singularForms(word: string, language: string): string[] {
  if (word.length < 3 || /\d/.test(word)) return [word];
  const lang = primaryLanguage(language);
  const candidates = lang === 'en' ? englishSingulars(word)
    : ['es', 'pt', 'fr', 'it', 'ca'].includes(lang) ? romanceSingulars(word)
      : word.endsWith('s') ? [word.slice(0, -1)] : [];
  return [word, ...candidates.filter((w) => w.length >= 2)];
}

/** Two folded words are the same up to a regular plural. */
export function samePlural(a: string, b: string, language: string): boolean {
  if (a === b) return true;
  const fa = singularForms(a, language);
  const fb = singularForms(b, language);
  return fa.some((x) => fb.includes(x));
}
