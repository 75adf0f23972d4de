/**
 * Pieces of at most `limit` UTF-16 units (what Twilio counts: an emoji is two), never cutting a
 * character in two, cut at a line break in the second half, else the last space, else hard: for
 * the limits Twilio sets on one message body and one `<Say>`.
 */
export function splitText(text: string, limit: number): string[] {
  const trimmed = text.trim();
  if (trimmed.length <= limit) return trimmed === '' ? [] : [trimmed];
  const pieces: string[] = [];
  let rest = trimmed;
  while (rest.length > limit) {
    // The longest prefix within the limit that does not end inside a surrogate pair.
    let end = limit;
    if (isHighSurrogate(rest.charCodeAt(end - 1))) end -= 1;
    const window = rest.slice(0, end + 1);
    const newline = window.lastIndexOf('\n');
    const space = window.lastIndexOf(' ');
    const cut = newline > end / 2 ? newline : space > 0 ? space : end;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
