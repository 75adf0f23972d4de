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
  de: leadIn(['hallo', 'hi', 'hey', 'ja', 'also', 'na', 'äh', 'ähm', 'ok', 'okay', 'guten tag'], [
    'ich heiße', 'ich heisse', 'mein (?:vor|nach|familien)?name ist', 'ich bin (?:der|die)', 'ich bin', 'hier ist', 'man nennt mich',
    'ich wohne in', 'ich lebe in', 'ich komme aus', 'ich bin aus', 'ich bin in', 'aus', 'in']),
  pt: leadIn(['olá', 'ola', 'oi', 'bom dia', 'boa tarde', 'boa noite', 'bem', 'então', 'entao', 'sim', 'ok'], [
    'me chamo', 'eu me chamo', 'chamo-me', '(?:o )?meu (?:primeiro |último |ultimo )?nome é', '(?:o )?meu (?:primeiro |último |ultimo )?nome e',
    'meu sobrenome é', 'meu sobrenome e', 'eu sou (?:o|a)', 'eu sou', 'sou (?:o|a)', 'sou', 'aqui é', 'aqui e',
    'eu moro em', 'moro em', 'eu vivo em', 'vivo em', 'eu sou de', 'sou de', 'em']),
  fr: leadIn(['bonjour', 'bonsoir', 'salut', 'oui', 'alors', 'bon', 'euh', 'ok', "d['’]accord"], [
    "je m['’]appelle", 'mon (?:pré|pre)?nom est', 'mon nom de famille est', "moi,? c['’]est", "c['’]est", 'je suis',
    "j['’]habite (?:à|a)", "j['’]habite", 'je vis (?:à|a)', 'je suis de', 'je viens de', 'à']),
  it: leadIn(['ciao', 'salve', 'buongiorno', 'buonasera', 'sì', 'si', 'allora', 'beh', 'ecco', 'ok'], [
    'mi chiamo', 'il mio (?:nome|cognome) è', 'il mio (?:nome|cognome) e', 'io sono', 'sono',
    'abito (?:a|in)', 'vivo (?:a|in)', 'sono di', 'vengo da', 'in']),
};
const TAILS = /(?:\W+(?:please|thanks|thank\s+you|por\s+favor|gracias|obrigad[oa]|bitte|danke|s['’]il\s+vous\s+pla[iî]t|merci|per\s+favore|grazie))*[\s.!?,;]*$/i;

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
