/**
 * Basic credentials written in a customer URL (`https://user:pass@host/`) are sent as an
 * `Authorization` header, as Twilio does; the URL requested and signed is the one without them
 * (what the customer's server sees, so its signature check passes). `url` is changed in place.
 */
export function takeCredentials(url: URL): string | null {
  if (url.username === '' && url.password === '') return null;
  const authorization = `Basic ${Buffer.from(`${decode(url.username)}:${decode(url.password)}`).toString('base64')}`;
  url.username = '';
  url.password = '';
  return authorization;
}

/** A malformed escape is sent as written rather than failing the call. */
function decode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
}
