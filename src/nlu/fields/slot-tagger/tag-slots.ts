import { buildValueIndex, taggerTokens, tokenFeatures, type ValueIndex } from './slot-features.js';
import type { SlotTaggerModel, TaggedSlot } from './slot-tagger-model.js';
import { bioAllowed, viterbi } from './viterbi.js';

interface Compiled {
  readonly rows: ReadonlyMap<string, Float64Array>;
  readonly values: ValueIndex;
  readonly allowed: boolean[][];
}

const compiled = new WeakMap<SlotTaggerModel, Compiled>();

function compile(model: SlotTaggerModel): Compiled {
  let c = compiled.get(model);
  if (c === undefined) {
    const L = model.labels.length;
    const rows = new Map<string, Float64Array>();
    for (const [name, pairs] of Object.entries(model.weights)) {
      const row = new Float64Array(L);
      for (const [y, v] of pairs) row[y] = v;
      rows.set(name, row);
    }
    c = { rows, values: buildValueIndex(model.gazetteer), allowed: bioAllowed(model.labels) };
    compiled.set(model, c);
  }
  return c;
}

/** The slots a trained tagger finds in a text, as character spans with their surface values. */
export function tagSlots(model: SlotTaggerModel, text: string): TaggedSlot[] {
  const { rows, values, allowed } = compile(model);
  const tokens = taggerTokens(text);
  const L = model.labels.length;
  const em = new Float64Array(tokens.length * L);
  tokenFeatures(text, tokens, values, new Set()).forEach((fs, t) => {
    for (const f of fs) {
      const row = rows.get(f);
      if (row !== undefined) for (let y = 0; y < L; y++) em[t * L + y]! += row[y]!;
    }
  });
  const path = viterbi(em, tokens.length, L, model.transitions, allowed);
  const slots: TaggedSlot[] = [];
  path.forEach((y, t) => {
    const label = model.labels[y]!;
    const token = tokens[t]!;
    const open = slots[slots.length - 1];
    if (label.startsWith('I-') && open !== undefined && open.slot === label.slice(2)) {
      slots[slots.length - 1] = { ...open, end: token.end, value: text.slice(open.start, token.end) };
    } else if (label !== 'O') {
      slots.push({ slot: label.slice(2), start: token.start, end: token.end, value: token.text });
    }
  });
  return slots;
}
