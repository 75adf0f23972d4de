/**
 * Pieces of at most `limit` UTF-16 units (what Twilio counts: an emoji is two), never cutting a
 * character in two, cut at a line break in the second half, else the last space, else between two
 * graphemes (a family emoji or a flag is several characters joined, and stays whole): for
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
    const cut = newline > end / 2 ? newline : space > 0 ? space : graphemeCut(rest, end);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The last grapheme boundary at or before `end` (`end` itself when one grapheme is longer than the whole piece). */
function graphemeCut(text: string, end: number): number {
  let cut = 0;
  for (const { index } of GRAPHEMES.segment(text.slice(0, end + 64))) {
    if (index > end) break;
    cut = index;
  }
  return cut > 0 ? cut : end;
}
