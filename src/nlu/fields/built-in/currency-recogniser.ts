import { buildGazetteer, gazetteerMatches, type Gazetteer, type GazetteerEntry } from '../gazetteer.js';
import { parseNumberAt } from '../number-words.js';
import { selectPhraseMatches } from '../phrase-matcher.js';
import type { Recogniser, RecognisedValue } from '../recognition-types.js';
import { likelyRegion, primaryLanguage, tokenise, type Token } from '../text-tokens.js';
import { lookupTable } from '../../../util/lookup-table.js';

// Where `$` is not the US dollar: other dollars, and the pesos and reais written with it.
const DOLLAR_BY_REGION: Readonly<Record<string, string>> = lookupTable({
  CA: 'CAD', AU: 'AUD', NZ: 'NZD', SG: 'SGD', HK: 'HKD', MX: 'MXN', AR: 'ARS', CL: 'CLP', CO: 'COP', BR: 'BRL',
});
const DOLLAR_CURRENCIES: ReadonlySet<string> = new Set(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD']);
// Everyday words for currencies, which CLDR's display names ("US Dollar") do not cover.
const COMMON: Readonly<Record<string, string>> = lookupTable({
  euro: 'EUR', pound: 'GBP', 'pound sterling': 'GBP', sterling: 'GBP', quid: 'GBP', yen: 'JPY', yuan: 'CNY', renminbi: 'CNY',
  rupee: 'INR', peso: 'MXN', franc: 'CHF', real: 'BRL', reais: 'BRL', ruble: 'RUB', rouble: 'RUB', won: 'KRW', krona: 'SEK',
  kronor: 'SEK', krone: 'NOK', rand: 'ZAR', shekel: 'ILS', lira: 'TRY', baht: 'THB', dirham: 'AED', riyal: 'SAR',
  ringgit: 'MYR', zloty: 'PLN', forint: 'HUF', koruna: 'CZK', dong: 'VND', rupiah: 'IDR', naira: 'NGN', dólar: '$', libra: 'GBP',
});
const NEEDS_AMOUNT = new Set(['won', 'real', 'rand', 'dong', 'buck', 'bucks', 'quid']);
const SYMBOLS: Readonly<Record<string, string>> = lookupTable({
  '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR', '₩': 'KRW', '₽': 'RUB', '₺': 'TRY', '₪': 'ILS', '₱': 'PHP', '฿': 'THB', '₫': 'VND', '₦': 'NGN',
});
const DOLLAR_PREFIXES: Readonly<Record<string, string>> = lookupTable({
  us: 'USD', c: 'CAD', ca: 'CAD', a: 'AUD', au: 'AUD', nz: 'NZD', hk: 'HKD', r: 'BRL', s: 'SGD', mx: 'MXN',
});
const SUBUNITS = new Set(['cent', 'cents', 'pence', 'penny', 'centavos', 'centimos', 'centimes']);
const cache = new Map<string, Gazetteer>();

function currencyGazetteer(language: string, dollar: string): Gazetteer {
  const lang = primaryLanguage(language);
  const key = `${lang}:${dollar}`;
  let g = cache.get(key);
  if (g !== undefined) return g;
  const entries: GazetteerEntry[] = [];
  for (const l of new Set(['en', lang])) {
    const names = new Intl.DisplayNames([l], { type: 'currency' });
    for (const code of Intl.supportedValuesOf('currency')) entries.push({ phrase: names.of(code) ?? code, value: code });
  }
  for (const code of Intl.supportedValuesOf('currency')) entries.push({ phrase: code, value: code, strictness: 'code' });
  // The word "dollars" is the region's `$` only where that is a dollar: "20 dólares" in Mexico are US dollars.
  const dollarWord = DOLLAR_CURRENCIES.has(dollar) ? dollar : 'USD';
  for (const [word, code] of Object.entries({ ...COMMON, dollar: '$', buck: '$' })) entries.push({ phrase: word, value: code === '$' ? dollarWord : code });
  g = buildGazetteer(entries, lang);
  cache.set(key, g);
  return g;
}

/** A number whose last token is just before `at`: the longest one, e.g. "twenty five" in "twenty five dollars". */
function amountBefore(tokens: readonly Token[], at: number, language: string): { value: string; from: number } | null {
  for (let j = Math.max(0, at - 8); j < at; j++) {
    const n = parseNumberAt(tokens, j, language);
    if (n !== null && n.end === at) return { value: n.value, from: j };
  }
  return null;
}

const withCents = (amount: string, cents: string): string => (Number(amount) + Number(cents) / 100).toFixed(2);

/**
 * Twilio.CURRENCY: the ISO 4217 code, then the amount when one was said: `USD 20.50`, `EUR 5`, `JPY`.
 * Reads symbols (`$20`, `20 €`, `C$5`; a bare `$` is the region's dollar, US by default), codes, CLDR names
 * ("British pounds") and everyday words ("bucks", "euros", "twenty dollars and fifty cents").
 */
export const recogniseCurrency: Recogniser = (text, ctx, mode) => {
  const region = (ctx.region ?? likelyRegion(ctx.language)).toUpperCase();
  const dollar = DOLLAR_BY_REGION[region] ?? 'USD';
  const tokens = tokenise(text);
  const indexAt = (offset: number): number => tokens.findIndex((t) => t.start === offset);
  const mentions: Array<{ code: string; first: number; last: number; symbol: boolean; needsAmount: boolean }> = [];
  for (const m of selectPhraseMatches(gazetteerMatches(currencyGazetteer(ctx.language, dollar), text, mode, { plurals: true, typosInAnswers: true }))) {
    const first = indexAt(m.start);
    const last = tokens.findIndex((t) => t.end === m.end);
    mentions.push({ code: m.value, first, last, symbol: false, needsAmount: NEEDS_AMOUNT.has(tokens[first]!.norm) });
  }
  tokens.forEach((t, i) => {
    const prefix = tokens[i - 1]?.end === t.start ? DOLLAR_PREFIXES[tokens[i - 1]!.norm] : undefined;
    const code = t.text === '$' ? prefix ?? dollar : SYMBOLS[t.text];
    if (code !== undefined) mentions.push({ code, first: prefix !== undefined ? i - 1 : i, last: i, symbol: true, needsAmount: false });
  });
  const found: RecognisedValue[] = [];
  for (const m of mentions) {
    const before = amountBefore(tokens, m.first, ctx.language);
    const after = before === null && (m.symbol || /^[A-Z]{3}$/.test(tokens[m.first]!.text)) ? parseNumberAt(tokens, m.last + 1, ctx.language) : null;
    let amount = before?.value ?? after?.value ?? null;
    let end = after !== null ? after.end - 1 : m.last;
    const k = tokens[end + 1]?.norm === 'and' ? end + 2 : end + 1;
    const cents = amount !== null ? parseNumberAt(tokens, k, ctx.language) : null;
    if (cents !== null && SUBUNITS.has(tokens[cents.end]?.norm ?? '')) { amount = withCents(amount!, cents.value); end = cents.end; }
    if (amount === null && m.needsAmount) continue;
    found.push({ value: amount === null ? m.code : `${m.code} ${amount}`, start: tokens[before?.from ?? m.first]!.start, end: tokens[end]!.end });
  }
  return found.sort((a, b) => a.start - b.start);
};
