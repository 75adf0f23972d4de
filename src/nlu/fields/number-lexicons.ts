import { lookupTable } from '../../util/lookup-table.js';
import { primaryLanguage } from './text-tokens.js';

// The number words of each language the NUMBER converter reads (number-words.ts parses with them).

/** What the number read so far ends with. */
export type Last = 'none' | 'digits' | 'unit' | 'teen' | 'tens' | 'hundred' | 'scale';

/** Number words of one language, folded (lower case, no accents). */
export interface NumberLexicon {
  /** Words with a value below the tens, which cannot follow one another (0-19; Spanish also 21-29). */
  readonly units: Readonly<Record<string, number>>;
  readonly tens: Readonly<Record<string, number>>;
  /** Words that multiply what precedes them by 100 (`hundred`); Spanish uses additive words instead. */
  readonly hundred: ReadonlySet<string>;
  readonly hundreds: Readonly<Record<string, number>>;
  readonly scales: Readonly<Record<string, number>>;
  /** `and` in "one hundred and five", `y` in "treinta y dos". */
  readonly connectors: ReadonlySet<string>;
  /**
   * Indefinite articles: `a hundred`; in Spanish also units (`un`, `una` are 1), which a sentence uses
   * as articles far more often (`quiero una mesa`), so alone inside one they are no number.
   */
  readonly article: ReadonlySet<string>;
  readonly point: ReadonlySet<string>;
  readonly minus: ReadonlySet<string>;
  /** Digits as said one at a time ("oh" for zero in English). */
  readonly digits: Readonly<Record<string, number>>;
  readonly repeat: Readonly<Record<string, number>>;
  /** A `hundred` word alone is 100 (fr `cent`, de `hundert`, it `cento`); English needs "a" or "one" before it. */
  readonly hundredAlone: boolean;
  /** `hundred` words only after a spelled-out number (fr "deux cents"; "50 cents" is money, "cents" alone no number). */
  readonly spelledHundred: ReadonlySet<string>;
  /** Scale words that alone are one of it (es `mil`, fr `mille`, de `tausend`; not English "thousand", it `mila`). */
  readonly scaleAlone: ReadonlySet<string>;
  /** What a connector may follow (`hundred and five`, `treinta y dos`, `vingt et un`). */
  readonly connectorAfter: ReadonlySet<Last>;
  /** Only these words may follow a connector (fr `et` in "vingt et un", "soixante et onze"); null: any number word. */
  readonly connectorBefore: ReadonlySet<string> | null;
  /**
   * German says the unit first, joined by the connector inside one word ("zweiundzwanzig"), and never a unit
   * after the tens ("zwanzig drei" is two numbers).
   */
  readonly unitFirst: boolean;
  /** Tens followed by 10-19 (French 60 and 80: "soixante-dix" 70, "quatre-vingt-onze" 91). */
  readonly teensAfterTens: ReadonlySet<number>;
  /** 7-9 after a bare ten (French "dix-sept" 17, "soixante-dix-neuf" 79). */
  readonly tenThenUnit: boolean;
  /** Words that make 80 after "quatre" (French "quatre-vingts"). */
  readonly twentyTimesFour: ReadonlySet<string>;
  /** A hyphen between two words is only glue (French "deux-cent-trois", "vingt-et-un"). */
  readonly hyphenGlue: boolean;
  /**
   * Number words written as one word ("dreihundertfünfzig", "duecentocinquanta") split into these parts
   * (a part -> the word it stands for: Italian elides "vent'" in "ventotto"); null where numbers are spaced.
   */
  readonly compoundParts: Readonly<Record<string, string>> | null;
  /**
   * A `hundred` multiplies only what is below 100 and scales come largest first, else the number ends before the
   * connector ("cento e duecento", "mil e dois mil" are two numbers). English and Spanish read as they always did.
   */
  readonly checkOrder: boolean;
  /** Words before a minus word that make it no sign (fr "au moins deux" is "at least two"). */
  readonly minusNotAfter: ReadonlySet<string>;
  /** Digit sequences read two-digit words ("zéro six, trente-quatre", "zweiundzwanzig") as the pair they name. */
  readonly spokenPairs: boolean;
}

/** What English and Spanish do; the newer lexicons set their own. */
const PLAIN = {
  hundredAlone: false,
  spelledHundred: new Set<string>(),
  scaleAlone: new Set<string>(),
  connectorAfter: new Set<Last>(['hundred', 'scale', 'tens']),
  connectorBefore: null,
  unitFirst: false,
  teensAfterTens: new Set<number>(),
  tenThenUnit: false,
  twentyTimesFour: new Set<string>(),
  hyphenGlue: false,
  compoundParts: null,
  checkOrder: false,
  minusNotAfter: new Set<string>(),
  spokenPairs: false,
} as const;

const EN_UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ES_UNITS = ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce',
  'trece', 'catorce', 'quince', 'dieciseis', 'diecisiete', 'dieciocho', 'diecinueve', 'veinte', 'veintiuno', 'veintidos',
  'veintitres', 'veinticuatro', 'veinticinco', 'veintiseis', 'veintisiete', 'veintiocho', 'veintinueve'];
const ES_TENS = ['treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa'];
const ES_HUNDREDS = ['ciento', 'doscientos', 'trescientos', 'cuatrocientos', 'quinientos', 'seiscientos', 'setecientos',
  'ochocientos', 'novecientos'];
// Feminine forms, as said before a feminine noun ("doscientas personas", "veintiuna noches").
const ES_HUNDREDS_FEMININE = ES_HUNDREDS.slice(1).map((w) => w.replace(/os$/, 'as'));
// French 17-19 are "dix-sept", "dix-huit", "dix-neuf" (tenThenUnit); 70-99 are 60 + 10-19 and 4 x 20 + 0-19.
const FR_UNITS = ['zero', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze',
  'treize', 'quatorze', 'quinze', 'seize'];
const FR_TENS = ['vingt', 'trente', 'quarante', 'cinquante', 'soixante'];
const DE_UNITS = ['null', 'eins', 'zwei', 'drei', 'vier', 'funf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwolf',
  'dreizehn', 'vierzehn', 'funfzehn', 'sechzehn', 'siebzehn', 'achtzehn', 'neunzehn'];
const DE_TENS = ['zwanzig', 'dreißig', 'vierzig', 'funfzig', 'sechzig', 'siebzig', 'achtzig', 'neunzig'];
const PT_UNITS = ['zero', 'um', 'dois', 'tres', 'quatro', 'cinco', 'seis', 'sete', 'oito', 'nove', 'dez', 'onze', 'doze',
  'treze', 'catorze', 'quinze', 'dezesseis', 'dezessete', 'dezoito', 'dezenove'];
const PT_TENS = ['vinte', 'trinta', 'quarenta', 'cinquenta', 'sessenta', 'setenta', 'oitenta', 'noventa'];
const PT_HUNDREDS = ['cento', 'duzentos', 'trezentos', 'quatrocentos', 'quinhentos', 'seiscentos', 'setecentos',
  'oitocentos', 'novecentos'];
const PT_HUNDREDS_FEMININE = PT_HUNDREDS.slice(1).map((w) => w.replace(/os$/, 'as'));
const IT_UNITS = ['zero', 'uno', 'due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove', 'dieci', 'undici', 'dodici',
  'tredici', 'quattordici', 'quindici', 'sedici', 'diciassette', 'diciotto', 'diciannove'];
const IT_TENS = ['venti', 'trenta', 'quaranta', 'cinquanta', 'sessanta', 'settanta', 'ottanta', 'novanta'];

const indexed = (words: readonly string[], offset = 0, step = 1): Record<string, number> =>
  Object.fromEntries(words.map((w, i) => [w, offset + i * step]));

/** Every number word of a lexicon as a part of compounds, with the `elided` forms only compounds use. */
function partsOf(lx: Omit<NumberLexicon, 'compoundParts'>, elided: Readonly<Record<string, string>> = {}): Readonly<Record<string, string>> {
  const words = [...Object.keys(lx.units), ...Object.keys(lx.tens), ...lx.hundred, ...Object.keys(lx.scales), ...lx.connectors];
  return lookupTable({ ...Object.fromEntries(words.map((w) => [w, w])), ...elided });
}

const EN: NumberLexicon = {
  ...PLAIN,
  units: lookupTable(indexed(EN_UNITS)),
  tens: lookupTable(indexed(EN_TENS, 20, 10)),
  hundred: new Set(['hundred']),
  hundreds: lookupTable({}),
  scales: lookupTable({ thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 }),
  connectors: new Set(['and']),
  article: new Set(['a', 'an']),
  point: new Set(['point']),
  minus: new Set(['minus', 'negative']),
  digits: lookupTable({ ...indexed(EN_UNITS.slice(0, 10)), oh: 0, o: 0 }),
  repeat: lookupTable({ double: 2, triple: 3 }),
};

const ES: NumberLexicon = {
  ...PLAIN,
  units: lookupTable({ ...indexed(ES_UNITS), un: 1, una: 1, veintiun: 21, veintiuna: 21 }),
  tens: lookupTable(indexed(ES_TENS, 30, 10)),
  hundred: new Set(),
  hundreds: lookupTable({ ...indexed(ES_HUNDREDS, 100, 100), ...indexed(ES_HUNDREDS_FEMININE, 200, 100), cien: 100 }),
  scales: lookupTable({ mil: 1e3, millon: 1e6, millones: 1e6 }),
  connectors: new Set(['y']),
  article: new Set(['un', 'una']),
  point: new Set(['coma', 'punto']),
  minus: new Set(['menos']),
  digits: lookupTable({ ...indexed(ES_UNITS.slice(0, 10)), un: 1, una: 1 }),
  repeat: lookupTable({ doble: 2, triple: 3 }),
  scaleAlone: new Set(['mil']),
};

const FR: NumberLexicon = {
  ...PLAIN,
  units: lookupTable({ ...indexed(FR_UNITS), une: 1 }),
  // Belgian and Swiss 70, 80, 90.
  tens: lookupTable({ ...indexed(FR_TENS, 20, 10), septante: 70, huitante: 80, octante: 80, nonante: 90 }),
  hundred: new Set(['cent', 'cents']),
  hundreds: lookupTable({}),
  scales: lookupTable({ mille: 1e3, mil: 1e3, million: 1e6, millions: 1e6, milliard: 1e9, milliards: 1e9 }),
  connectors: new Set(['et']),
  article: new Set(['un', 'une']),
  point: new Set(['virgule']),
  minus: new Set(['moins']),
  digits: lookupTable({ ...indexed(FR_UNITS.slice(0, 10)), une: 1 }),
  repeat: lookupTable({}),
  hundredAlone: true,
  spelledHundred: new Set(['cents']),
  scaleAlone: new Set(['mille', 'mil']),
  connectorAfter: new Set<Last>(['tens']),
  connectorBefore: new Set(['un', 'une', 'onze']),
  teensAfterTens: new Set([60, 80]),
  tenThenUnit: true,
  twentyTimesFour: new Set(['vingt', 'vingts']),
  hyphenGlue: true,
  checkOrder: true,
  // "au moins deux", "pas moins de": "at least".
  minusNotAfter: new Set(['au', 'du', 'pas']),
  spokenPairs: true,
};

const DE_BASE: Omit<NumberLexicon, 'compoundParts'> = {
  ...PLAIN,
  // "ein" and its declined forms are the article and, in numbers, 1 ("einhundert", "einundzwanzig"); "eins" only 1.
  units: lookupTable({ ...indexed(DE_UNITS), ein: 1, eine: 1, einen: 1, einem: 1, einer: 1, zwo: 2 }),
  tens: lookupTable({ ...indexed(DE_TENS, 20, 10), dreissig: 30 }),
  hundred: new Set(['hundert']),
  hundreds: lookupTable({}),
  scales: lookupTable({ tausend: 1e3, million: 1e6, millionen: 1e6, milliarde: 1e9, milliarden: 1e9 }),
  connectors: new Set(['und']),
  article: new Set(['ein', 'eine', 'einen', 'einem', 'einer']),
  point: new Set(['komma', 'punkt']),
  minus: new Set(['minus']),
  digits: lookupTable({ ...indexed(DE_UNITS.slice(0, 10)), ein: 1, zwo: 2 }),
  repeat: lookupTable({}),
  hundredAlone: true,
  scaleAlone: new Set(['tausend']),
  connectorAfter: new Set<Last>(['hundred', 'scale', 'unit']),
  unitFirst: true,
  checkOrder: true,
  spokenPairs: true,
};
const DE: NumberLexicon = { ...DE_BASE, compoundParts: partsOf(DE_BASE) };

const PT: NumberLexicon = {
  ...PLAIN,
  // Portugal's 16, 17, 19 and the feminine "duas".
  units: lookupTable({ ...indexed(PT_UNITS), uma: 1, duas: 2, quatorze: 14, dezasseis: 16, dezassete: 17, dezanove: 19 }),
  tens: lookupTable(indexed(PT_TENS, 20, 10)),
  hundred: new Set(),
  hundreds: lookupTable({ ...indexed(PT_HUNDREDS, 100, 100), ...indexed(PT_HUNDREDS_FEMININE, 200, 100), cem: 100 }),
  scales: lookupTable({ mil: 1e3, milhao: 1e6, milhoes: 1e6, bilhao: 1e9, bilhoes: 1e9 }),
  connectors: new Set(['e']),
  article: new Set(['um', 'uma']),
  point: new Set(['virgula', 'ponto']),
  minus: new Set(['menos']),
  digits: lookupTable({ ...indexed(PT_UNITS.slice(0, 10)), uma: 1, duas: 2 }),
  repeat: lookupTable({}),
  scaleAlone: new Set(['mil']),
  checkOrder: true,
  // "pelo menos dois", "ao menos", "mais ou menos dois": "at least", "more or less".
  minusNotAfter: new Set(['pelo', 'ao', 'ou', 'por']),
  spokenPairs: true,
};

const IT_BASE: Omit<NumberLexicon, 'compoundParts'> = {
  ...PLAIN,
  units: lookupTable({ ...indexed(IT_UNITS), un: 1, una: 1 }),
  tens: lookupTable(indexed(IT_TENS, 20, 10)),
  hundred: new Set(['cento']),
  hundreds: lookupTable({}),
  scales: lookupTable({ mille: 1e3, mila: 1e3, milione: 1e6, milioni: 1e6, miliardo: 1e9, miliardi: 1e9 }),
  connectors: new Set(['e']),
  article: new Set(['un', 'una', 'uno']),
  point: new Set(['virgola']),
  minus: new Set(['meno']),
  digits: lookupTable({ ...indexed(IT_UNITS.slice(0, 10)), un: 1, una: 1 }),
  repeat: lookupTable({}),
  hundredAlone: true,
  scaleAlone: new Set(['mille']),
  connectorAfter: new Set<Last>(['hundred', 'scale']),
  checkOrder: true,
  // "più o meno due": "more or less".
  minusNotAfter: new Set(['o']),
  spokenPairs: true,
};
// Tens and "cento" lose their vowel before "uno" and "otto" ("ventuno", "trentotto", "centottanta").
const IT: NumberLexicon = {
  ...IT_BASE,
  compoundParts: partsOf({ ...IT_BASE, connectors: new Set() },
    { ...Object.fromEntries(IT_TENS.map((w) => [w.slice(0, -1), w])), cent: 'cento' }),
};

const LEXICONS: Readonly<Record<string, NumberLexicon>> = lookupTable({ en: EN, es: ES, fr: FR, de: DE, pt: PT, it: IT });

/** The number words for a language; English where we have none of its own. */
export function numberLexicon(language: string): NumberLexicon {
  return LEXICONS[primaryLanguage(language)] ?? EN;
}

/** A word that names a number in the language (`four`, `twenty`, `hundred`; lower-case). */
export function isNumberWord(word: string, language: string): boolean {
  const lexicon = numberLexicon(language);
  return word in lexicon.units || word in lexicon.tens || word in lexicon.hundreds || word in lexicon.scales || lexicon.hundred.has(word);
}
