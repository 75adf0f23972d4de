/**
 * Characters XML 1.0 cannot carry: C0 controls other than tab, line feed and carriage return,
 * U+FFFE, U+FFFF and lone surrogates. twilio's TwiML builder throws on them ("Invalid character in
 * string"), and they reach a reply from users (a form feed in an SMS echoed by a confirm message, a
 * control character in speech) and from customers' webhooks.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `text` without the characters XML cannot carry. */
export const xmlSafeText = (text: string): string => text.replace(NOT_XML, '');

/** A copy of `value` with every string in it made XML-safe (arrays and plain objects walked). */
export function xmlSafeCopy<T>(value: T): T {
  if (typeof value === 'string') return xmlSafeText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => xmlSafeCopy(item)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [xmlSafeText(key), xmlSafeCopy(item)])) as T;
  }
  return value;
}

/**
 * Render TwiML from `value`; when the builder refuses a character XML cannot carry, render a copy
 * without such characters instead. The turn is already saved when its reply is rendered, so
 * failing here would answer an apology for a turn that ran; the check costs nothing otherwise.
 */
export function renderXmlSafely<T>(render: (value: T) => string, value: T): string {
  try {
    return render(value);
  } catch (error) {
    const safe = xmlSafeCopy(value);
    try {
      return render(safe);
    } catch {
      throw error; // not a character problem: the original failure is the one to report
    }
  }
}
