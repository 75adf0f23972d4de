/**
 * `validate.allowed_values`: which listed value an answer names. Case and Unicode width forms never
 * count; when no value matches so, punctuation at either end and runs of white space do not count
 * either: Twilio's speech transcripts come back capitalised with a full stop ("Large."), and a texted
 * "large!" means the same. A looser match that fits two values names neither (`C#` never reads as `C`).
 */
export function allowedValueNamed(list: readonly string[], answer: string): string | null {
  const exact = folded(answer);
  const same = list.find((value) => folded(value) === exact);
  if (same !== undefined) return same;
  const wanted = comparable(answer);
  if (wanted === '') return null;
  const loose = list.filter((value) => comparable(value) === wanted);
  // Values that differ only in case are one value (`["Yes", "yes"]`); really different ones are not.
  return loose.length > 0 && loose.every((value) => folded(value) === folded(loose[0]!)) ? loose[0]! : null;
}

const folded = (text: string): string => text.normalize('NFKC').toLowerCase().trim();

function comparable(text: string): string {
  return folded(text).replace(/^[\p{P}\p{Z}\s]+|[\p{P}\p{Z}\s]+$/gu, '').replace(/[\p{Z}\s]+/gu, ' ');
}
