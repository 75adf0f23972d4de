/**
 * `validate.allowed_values`: which listed value an answer names. Case, Unicode width forms, runs of
 * white space and punctuation at either end do not count: Twilio's speech transcripts come back
 * capitalised with a full stop ("Large."), and a texted "large!" means the same.
 */
export function allowedValueNamed(list: readonly string[], answer: string): string | null {
  const wanted = comparable(answer);
  if (wanted === '') return null;
  return list.find((value) => comparable(value) === wanted) ?? null;
}

function comparable(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/^[\p{P}\p{Z}\s]+|[\p{P}\p{Z}\s]+$/gu, '').replace(/[\p{Z}\s]+/gu, ' ');
}
