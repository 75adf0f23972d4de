import { builtInFieldType } from '../../domain/built-in-field-types.js';
import { recogniseAlphanumeric } from './built-in/alphanumeric-recogniser.js';
import { recogniseDayOfWeek, recogniseMonth } from './built-in/calendar-name-recognisers.js';
import { recogniseCity } from './built-in/city-recogniser.js';
import { recogniseCountry, recogniseCountryAlpha2, recogniseCountryAlpha3 } from './built-in/country-recognisers.js';
import { recogniseCurrency } from './built-in/currency-recogniser.js';
import { recogniseDate, recogniseTime } from './built-in/date-time-recognisers.js';
import { recogniseEmail } from './built-in/email-recogniser.js';
import { recogniseLanguage } from './built-in/language-recogniser.js';
import { recogniseNumber, recogniseNumberSequence } from './built-in/number-recognisers.js';
import { recogniseFirstName, recogniseLastName } from './built-in/person-name-recognisers.js';
import { recognisePhoneNumber } from './built-in/phone-number-recogniser.js';
import { recogniseUsState } from './built-in/us-state-recogniser.js';
import { recogniseYesNo } from './built-in/yes-no-recogniser.js';
import type { Recogniser } from './recognition-types.js';

export type BuiltInTypeName =
  | 'Twilio.YES_NO' | 'Twilio.NUMBER' | 'Twilio.NUMBER_SEQUENCE' | 'Twilio.ALPHANUMERIC' | 'Twilio.PHONE_NUMBER'
  | 'Twilio.DATE' | 'Twilio.TIME' | 'Twilio.FIRST_NAME' | 'Twilio.LAST_NAME' | 'Twilio.EMAIL' | 'Twilio.MONTH'
  | 'Twilio.DAY_OF_WEEK' | 'Twilio.US_STATE' | 'Twilio.COUNTRY' | 'Twilio.COUNTRY_ISO_ALPHA2'
  | 'Twilio.COUNTRY_ISO_ALPHA3' | 'Twilio.CITY' | 'Twilio.CURRENCY' | 'Twilio.LANGUAGE';

/** One recogniser per Autopilot built-in type (autopilot.md §7.4); a test keeps this in step with the domain's list. */
export const BUILT_IN_RECOGNISERS: Readonly<Record<BuiltInTypeName, Recogniser>> = {
  'Twilio.YES_NO': recogniseYesNo,
  'Twilio.NUMBER': recogniseNumber,
  'Twilio.NUMBER_SEQUENCE': recogniseNumberSequence,
  'Twilio.ALPHANUMERIC': recogniseAlphanumeric,
  'Twilio.PHONE_NUMBER': recognisePhoneNumber,
  'Twilio.DATE': recogniseDate,
  'Twilio.TIME': recogniseTime,
  'Twilio.FIRST_NAME': recogniseFirstName,
  'Twilio.LAST_NAME': recogniseLastName,
  'Twilio.EMAIL': recogniseEmail,
  'Twilio.MONTH': recogniseMonth,
  'Twilio.DAY_OF_WEEK': recogniseDayOfWeek,
  'Twilio.US_STATE': recogniseUsState,
  'Twilio.COUNTRY': recogniseCountry,
  'Twilio.COUNTRY_ISO_ALPHA2': recogniseCountryAlpha2,
  'Twilio.COUNTRY_ISO_ALPHA3': recogniseCountryAlpha3,
  'Twilio.CITY': recogniseCity,
  'Twilio.CURRENCY': recogniseCurrency,
  'Twilio.LANGUAGE': recogniseLanguage,
};

/** The recogniser for a built-in type name or UB SID (any case); undefined for other types. */
export function builtInRecogniser(type: string): Recogniser | undefined {
  const name = builtInFieldType(type);
  return name === undefined ? undefined : BUILT_IN_RECOGNISERS[name as BuiltInTypeName];
}
