/**
 * Pieces of at most `limit` characters (code points), cut at a line break in the second half, else
 * the last space, else hard: for the limits Twilio sets on one message body and one `<Say>`.
 */
export function splitText(text: string, limit: number): string[] {
  const trimmed = text.trim();
  // Most replies: no more UTF-16 units than the limit means no more characters either.
  if (trimmed.length <= limit) return trimmed === '' ? [] : [trimmed];
  const pieces: string[] = [];
  let rest = Array.from(trimmed);
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    const newline = window.lastIndexOf('\n');
    const space = window.lastIndexOf(' ');
    const cut = newline > limit / 2 ? newline : space > 0 ? space : limit;
    pieces.push(rest.slice(0, cut).join('').trimEnd());
    rest = Array.from(rest.slice(cut).join('').trimStart());
  }
  if (rest.length > 0) pieces.push(rest.join(''));
  return pieces;
}
