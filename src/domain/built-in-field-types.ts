/** Autopilot's 19 built-in field types and the UB SIDs autopilot-core recorded for them (autopilot.md §7.4). */
export const BUILT_IN_FIELD_TYPES: Readonly<Record<string, string>> = Object.freeze({
  'Twilio.YES_NO': 'UB377f7bb9716a4200563feeb205c4b98a',
  'Twilio.NUMBER': 'UB2d5c8ef1654c60cbf8a178c206314612',
  'Twilio.NUMBER_SEQUENCE': 'UB38ae14ac8665efbcaafa967eb7da9ded',
  'Twilio.ALPHANUMERIC': 'UB9bce39a559ebba8ad7cc0eb050b006f9',
  'Twilio.PHONE_NUMBER': 'UBeb96371fcad6f2de0aa3b7b2ccb0edad',
  'Twilio.DATE': 'UB98df8f10368a8219e8c502159ecb0d99',
  'Twilio.TIME': 'UB299b79bec26e8de166658d66cc35f191',
  'Twilio.FIRST_NAME': 'UB04cc3caa97eebecb37d7306941fead79',
  'Twilio.LAST_NAME': 'UB1acd1e47b32288fedb829b2da7e1b161',
  'Twilio.EMAIL': 'UB36e50a2caa1b826ce7da4aaa444cec08',
  'Twilio.MONTH': 'UB6158e3f6fc519ac5e8aee4eca7fc63b9',
  'Twilio.DAY_OF_WEEK': 'UBd4fc42d42a99ccff01053d6b99d5a5b9',
  'Twilio.US_STATE': 'UB68c611f8170b88406f14dd0f4daf2d22',
  'Twilio.COUNTRY': 'UB33a70fdcf028f0b38718fa3af13fa0ad',
  'Twilio.COUNTRY_ISO_ALPHA2': 'UB263f22d51bad0933ee6df561b5eb4174',
  'Twilio.COUNTRY_ISO_ALPHA3': 'UB67553e526f26837242dfb54cd8b6ab0c',
  'Twilio.CITY': 'UB4130bb37b688db48eee4c6225c442c39',
  'Twilio.CURRENCY': 'UBee5a6123468ac8691cfa1b21297753c5',
  'Twilio.LANGUAGE': 'UB90ae830d3ba92630e776aece499e4c3d',
});

/** Lower-cased names and SIDs to names: asked on every collect answer and every field the NLU extracts. */
const BY_LOWER_NAME_OR_SID: ReadonlyMap<string, string> = new Map(
  Object.entries(BUILT_IN_FIELD_TYPES).flatMap(([name, sid]) => [[name.toLowerCase(), name], [sid.toLowerCase(), name]]),
);

/** The built-in name for a name or SID, matched case-insensitively; undefined when not built in. */
export function builtInFieldType(nameOrSid: string): string | undefined {
  return BY_LOWER_NAME_OR_SID.get(nameOrSid.toLowerCase());
}
