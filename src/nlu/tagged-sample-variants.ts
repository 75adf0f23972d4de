import type { CustomFieldType } from './fields/field-recognition.js';

/** Values a built-in field type stands for in English samples (enough for the classifier to see real words). */
const BUILT_IN_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  'Twilio.NUMBER': ['2', 'ten', '35'],
  'Twilio.NUMBER_SEQUENCE': ['1234', '98765'],
  'Twilio.ALPHANUMERIC': ['AB12', 'X7Y9'],
  'Twilio.PHONE_NUMBER': ['555 123 4567', '+1 415 555 0100'],
  'Twilio.DATE': ['tomorrow', 'june 5th', 'next friday'],
  'Twilio.TIME': ['3pm', 'noon', '8:30'],
  'Twilio.YES_NO': ['yes', 'no'],
  'Twilio.FIRST_NAME': ['john', 'maria', 'aisha'],
  'Twilio.LAST_NAME': ['smith', 'garcia'],
  'Twilio.EMAIL': ['john@example.com'],
  'Twilio.MONTH': ['january', 'august'],
  'Twilio.DAY_OF_WEEK': ['monday', 'friday'],
  'Twilio.US_STATE': ['california', 'texas'],
  'Twilio.COUNTRY': ['france', 'mexico'],
  'Twilio.COUNTRY_ISO_ALPHA2': ['US', 'FR'],
  'Twilio.COUNTRY_ISO_ALPHA3': ['USA', 'FRA'],
  'Twilio.CITY': ['new york', 'paris', 'chicago'],
  'Twilio.CURRENCY': ['10 dollars', '5 euros'],
  'Twilio.LANGUAGE': ['spanish', 'german'],
};

const MAX_VARIANTS = 3;
const TAG = /\{([^{}]+)\}/g;

/**
 * Autopilot samples tag a field by name only (`send {item} please`), so users never type what the
 * classifier learnt there. Besides the tagged sample, learn up to three copies with real values of
 * each field's type in the tags: canonical values and synonyms of custom types (in the sample's
 * language), a few English examples for built-in types.
 */
export function taggedSampleVariants(
  text: string, language: string, fieldTypes: ReadonlyMap<string, string>, customTypes: ReadonlyMap<string, CustomFieldType>,
): string[] {
  const tags = [...text.matchAll(TAG)].map((m) => m[1]!.trim());
  if (tags.length === 0) return [];
  const examplesOf = (tag: string): readonly string[] => {
    const type = fieldTypes.get(tag);
    if (type === undefined) return [];
    const custom = customTypes.get(type);
    if (custom !== undefined) {
      const sameLanguage = custom.values.filter((v) => v.language.toLowerCase() === language.toLowerCase());
      return [...sameLanguage.filter((v) => v.synonymOf === null), ...sameLanguage.filter((v) => v.synonymOf !== null)].map((v) => v.value);
    }
    return language.toLowerCase().startsWith('en') ? BUILT_IN_EXAMPLES[type] ?? [] : [];
  };
  const variants: string[] = [];
  for (let i = 0; i < MAX_VARIANTS; i += 1) {
    let complete = true;
    const variant = text.replace(TAG, (_, tag: string) => {
      const examples = examplesOf(tag.trim());
      if (examples.length === 0) {
        complete = false;
        return '';
      }
      return examples[i % examples.length]!;
    });
    if (complete && !variants.includes(variant)) variants.push(variant);
  }
  return variants;
}
