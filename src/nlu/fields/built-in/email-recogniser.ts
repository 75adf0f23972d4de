import type { Recogniser, RecognisedValue } from '../recognition-types.js';
import { tokenise, type Token } from '../text-tokens.js';
import { lookupTable } from '../../../util/lookup-table.js';

// An apostrophe may sit inside the local part ("o'brien@example.com"; a phone's ’ is sent as ').
const WRITTEN = /[\p{L}\p{N}._%+-]+(?:['’][\p{L}\p{N}._%+-]+)*@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const AT = new Set(['at', '@', 'arroba']);
const DOT = new Set(['dot', '.', 'punto', 'point']);
const SEPARATORS: Readonly<Record<string, string>> = lookupTable({
  dot: '.', '.': '.', punto: '.', underscore: '_', _: '_', dash: '-', hyphen: '-', '-': '-', guion: '-', plus: '+', '+': '+',
});

/** A word of an address: one token, or letters/digits spelt out one per token ("j o h n"). */
function atomBackward(tokens: readonly Token[], end: number): { text: string; start: number } | null {
  const t = tokens[end];
  if (t === undefined || !t.isWord) return null;
  if (t.norm.length > 1) return { text: t.norm, start: end };
  let k = end;
  while (k > 0 && tokens[k - 1]!.isWord && tokens[k - 1]!.norm.length === 1) k--;
  return { text: tokens.slice(k, end + 1).map((x) => x.norm).join(''), start: k };
}

function atomForward(tokens: readonly Token[], start: number): { text: string; end: number } | null {
  const t = tokens[start];
  if (t === undefined || !t.isWord) return null;
  if (t.norm.length > 1) return { text: t.norm, end: start + 1 };
  let k = start;
  while (k < tokens.length && tokens[k]!.isWord && tokens[k]!.norm.length === 1) k++;
  return { text: tokens.slice(start, k).map((x) => x.norm).join(''), end: k };
}

/** "john dot smith at gmail dot com" -> `john.smith@gmail.com`. */
function spoken(tokens: readonly Token[], at: number): RecognisedValue | null {
  let local = atomBackward(tokens, at - 1);
  if (local === null) return null;
  let localText = local.text;
  while (local.start >= 2 && SEPARATORS[tokens[local.start - 1]!.norm] !== undefined) {
    const prev = atomBackward(tokens, local.start - 2);
    if (prev === null) break;
    localText = `${prev.text}${SEPARATORS[tokens[local.start - 1]!.norm]}${localText}`;
    local = { text: localText, start: prev.start };
  }
  const labels: string[] = [];
  let k = at + 1;
  let end = -1;
  for (;;) {
    const label = atomForward(tokens, k);
    if (label === null || /[^\p{L}\p{N}-]/u.test(label.text)) break;
    labels.push(label.text);
    end = label.end;
    if (!DOT.has(tokens[label.end]?.norm ?? '')) break;
    k = label.end + 1;
  }
  const tld = labels[labels.length - 1];
  if (labels.length < 2 || tld === undefined || !/^\p{L}{2,24}$/u.test(tld)) return null;
  return { value: `${localText}@${labels.join('.')}`, start: tokens[local.start]!.start, end: tokens[end - 1]!.end };
}

/** Twilio.EMAIL: a lower-cased address, typed or spoken with "at"/"dot"/"underscore"/"dash". */
export const recogniseEmail: Recogniser = (text) => {
  const found: RecognisedValue[] = [...text.matchAll(WRITTEN)]
    .map((m) => ({ value: m[0].toLowerCase().replace(/’/g, "'"), start: m.index, end: m.index + m[0].length }));
  const tokens = tokenise(text);
  tokens.forEach((t, i) => {
    if (!AT.has(t.norm)) return;
    const v = spoken(tokens, i);
    if (v !== null && found.every((f) => v.end <= f.start || v.start >= f.end)) found.push(v);
  });
  return found.sort((a, b) => a.start - b.start);
};
