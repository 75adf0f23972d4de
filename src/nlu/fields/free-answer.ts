import type { RecogniseContext } from './recognition-types.js';
import { primaryLanguage, tokenise, type Token } from './text-tokens.js';

// Lead-ins and tails around a bare name in an answer ("my name is ...", "I live in ..., please").
const leadIn = (fillers: readonly string[], phrases: readonly string[]): RegExp => new RegExp(
  `^(?:(?:${fillers.join('|')})\\W+)*(?:(?:${[...phrases].sort((a, b) => b.length - a.length).map((p) => p.replace(/ /g, '\\s+')).join('|')})\\s+)?`, 'i');
const LEAD_INS: Readonly<Record<string, RegExp>> = {
  en: leadIn(['well', 'so', 'hi', 'hello', 'hey', 'yes', 'yeah', 'ok', 'okay', 'sure', 'um', 'uh'], [
    'my (?:first |last |family |given |sur)?name is', "my (?:first |last )?name's", 'the name is', 'name is', 'i am', "i'm", 'im',
    'it is', "it's", 'its', 'this is', 'call me', 'they call me', 'i live in', "i'm in", 'i am in', "i'm from", 'i am from',
    'i come from', 'from', 'in', 'the city of', 'city of']),
  es: leadIn(['hola', 'bueno', 'pues', 'sí', 'si'], ['me llamo', 'mi nombre es', 'mi apellido es', 'soy', 'es', 'vivo en', 'soy de', 'en', 'de', 'desde']),
};
const TAILS = /(?:\W+(?:please|thanks|thank\s+you|por\s+favor|gracias))*[\s.!?,;]*$/i;

/** The words of an answer once lead-ins ("my name is") and tails ("please") are taken off. */
export function bareAnswer(text: string, ctx: RecogniseContext): { readonly words: Token[]; readonly start: number; readonly end: number } {
  const lead = (LEAD_INS[primaryLanguage(ctx.language)] ?? LEAD_INS.en!).exec(text)?.[0].length ?? 0;
  const tail = TAILS.exec(text.slice(lead))?.index ?? text.length - lead;
  const core = text.slice(lead, lead + tail);
  const words = tokenise(core).filter((t) => t.isWord).map((t) => ({ ...t, start: t.start + lead, end: t.end + lead }));
  return { words, start: words[0]?.start ?? lead, end: words[words.length - 1]?.end ?? lead };
}

/**
 * `john` -> `John`, `JOHNSON` -> `Johnson`; mixed spellings (`McDonald`, `van Dyke`) are kept as typed, and so is a
 * word of 2 to 4 capitals (`NYC`, `Washington DC`, `JR`: an abbreviation) while `capitalsTell`: pass false when
 * the whole value was typed in capitals over several words (`PALO ALTO` is `Palo Alto`).
 */
export function properCase(word: string, capitalsTell = true): string {
  if (capitalsTell && /^\p{Lu}{2,4}$/u.test(word)) return word;
  const mixed = word !== word.toLowerCase() && word !== word.toUpperCase();
  return mixed ? word : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}
