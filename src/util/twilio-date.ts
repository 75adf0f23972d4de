/** Twilio's date format: ISO-8601 UTC without fractional seconds, e.g. `2015-07-30T20:00:00Z`. */
export function twilioDate(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
