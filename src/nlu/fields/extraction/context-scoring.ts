import type { Token } from '../text-tokens.js';
import type { FieldContexts } from './field-extractor-model.js';

/** A possible value of a task field: a run of words, normalised by the field's type or taken as typed. */
export interface Candidate {
  readonly field: number;
  /** First word, and the word after the last one. */
  readonly from: number;
  readonly to: number;
  readonly value: string;
  /** Found by the type's recogniser (rather than cut out between learnt contexts). */
  readonly recognised: boolean;
  /** Context score on words alone; 1 or more means the candidate stands on its own. */
  readonly base: number;
}

export interface ContextScorer {
  /** 0 (no learnt context), 1 (the next word, or `^`/`$`, was seen there) or 2 (the next two words were). */
  side(field: number, side: 'left' | 'right', at: number, neighbours: readonly Candidate[]): number;
  /** The left side only, with other fields' anchored candidates as `{Field}` contexts. */
  left(field: number, from: number, others: readonly Candidate[]): number;
  /** Both sides, counting other fields' anchored candidates next to it as `{Field}` contexts. */
  score(c: Pick<Candidate, 'field' | 'from' | 'to'>, others: readonly Candidate[]): number;
}

export function contextScorer(words: readonly Token[], fields: readonly FieldContexts[]): ContextScorer {
  const side: ContextScorer['side'] = (f, which, at, neighbours) => {
    const learnt = which === 'left' ? fields[f]!.left : fields[f]!.right;
    const word = (i: number): string => words[i]?.norm ?? (which === 'left' ? '^' : '$');
    const near = which === 'left' ? at - 1 : at;
    const far = which === 'left' ? at - 2 : at + 1;
    const keys = [[`1:${word(near)}`, which === 'left' ? `2:${word(far)} ${word(near)}` : `2:${word(near)} ${word(far)}`]];
    for (const n of neighbours) {
      const name = `{${fields[n.field]!.name}}`;
      if (which === 'left' && n.to === at) keys.push([`1:${name}`, `2:${word(n.from - 1)} ${name}`]);
      if (which === 'right' && n.from === at) keys.push([`1:${name}`, `2:${name} ${word(n.to)}`]);
    }
    const onlyEdge = which === 'left' ? near < 0 : near >= words.length;
    let best = 0;
    for (const [one, two] of keys) {
      if (!onlyEdge && learnt[two!] !== undefined) best = Math.max(best, 2);
      if (learnt[one!] !== undefined) best = Math.max(best, 1);
    }
    return best;
  };
  // Another field's candidate anchors a `{Field}` context only if it stands on its own (recognised by its type,
  // or in a learnt word context); otherwise two open spans could vouch for each other. Only anchors right next
  // to a span count, so they are indexed by where they end and start: scoring every candidate against every
  // other one made a long message of many values quadratic (1,024 numbers: ~0.1 s).
  const indexes = new WeakMap<readonly Candidate[], AnchorIndex>();
  const indexOf = (others: readonly Candidate[]): AnchorIndex => {
    const known = indexes.get(others);
    if (known !== undefined && known.size === others.length) return known;
    const index: AnchorIndex = { size: others.length, byTo: new Map(), byFrom: new Map() };
    for (const n of others) {
      if (!n.recognised && n.base < 1) continue;
      push(index.byTo, n.to, n);
      push(index.byFrom, n.from, n);
    }
    indexes.set(others, index);
    return index;
  };
  const near = (map: ReadonlyMap<number, Candidate[]>, at: number, f: number): Candidate[] => (map.get(at) ?? NONE).filter((n) => n.field !== f);
  const left: ContextScorer['left'] = (f, from, others) => side(f, 'left', from, others.length === 0 ? NONE : near(indexOf(others).byTo, from, f));
  return {
    side,
    left,
    score: (c, others) => left(c.field, c.from, others) + side(c.field, 'right', c.to, others.length === 0 ? NONE : near(indexOf(others).byFrom, c.to, c.field)),
  };
}

const NONE: Candidate[] = [];

/** Anchoring candidates by the word they end before and the word they start at (`size`: of the list indexed). */
interface AnchorIndex {
  readonly size: number;
  readonly byTo: Map<number, Candidate[]>;
  readonly byFrom: Map<number, Candidate[]>;
}

function push(map: Map<number, Candidate[]>, at: number, candidate: Candidate): void {
  const list = map.get(at);
  if (list === undefined) map.set(at, [candidate]);
  else list.push(candidate);
}
