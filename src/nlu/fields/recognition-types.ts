/** A custom field type as the recognisers see it: values per language, synonyms naming their canonical value text. */
export interface CustomFieldType {
  readonly name: string;
  readonly values: ReadonlyArray<{ readonly language: string; readonly value: string; readonly synonymOf: string | null }>;
}

/** What recognition depends on besides the text: the clock, the zone relative dates resolve in, the language. */
export interface RecogniseContext {
  readonly referenceTime: Date;
  /** IANA time zone, e.g. `America/New_York`. */
  readonly timeZone: string;
  /** BCP 47 tag, e.g. `en-US`. */
  readonly language: string;
  /** ISO 3166 alpha-2 region for phone numbers and `$`; defaults to the one the language most likely means (en-US: US). */
  readonly region?: string;
}

/** A normalised value and the character span of the input it came from. */
export interface RecognisedValue {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/**
 * `answer`: the whole text answers a question about this type, so recognisers may be lenient
 * (bare codes, lowercase names). `find`: values are searched inside a longer sentence.
 */
export type RecogniseMode = 'answer' | 'find';

/** A recogniser finds every candidate value of its type; candidates may overlap. */
export type Recogniser = (text: string, ctx: RecogniseContext, mode: RecogniseMode) => RecognisedValue[];
