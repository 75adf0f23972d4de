import { builtInRecogniser } from './built-in-recognisers.js';
import { recogniseCustomType } from './custom-type-recogniser.js';
import type { CustomFieldType, RecogniseContext, RecogniseMode, RecognisedValue } from './recognition-types.js';
import { bestCandidate, selectNonOverlapping } from './span-selection.js';

/** A custom type by exact name, else by name ignoring case (Autopilot unique names are case-insensitive). */
export function lookUpCustomType(type: string, customTypes: ReadonlyMap<string, CustomFieldType>): CustomFieldType | undefined {
  const exact = customTypes.get(type);
  if (exact !== undefined) return exact;
  const wanted = type.toLowerCase();
  for (const [name, t] of customTypes) if (name.toLowerCase() === wanted) return t;
  return undefined;
}

/** Every candidate of the type (possibly overlapping); empty for a type nobody recognises. */
export function candidateValues(type: string, text: string, customTypes: ReadonlyMap<string, CustomFieldType>,
  ctx: RecogniseContext, mode: RecogniseMode): RecognisedValue[] {
  const builtIn = builtInRecogniser(type);
  if (builtIn !== undefined) return builtIn(text, ctx, mode);
  const custom = lookUpCustomType(type, customTypes);
  return custom === undefined ? [] : recogniseCustomType(custom, text, ctx);
}

/** Whole-answer recognition, for collect answers: the best value of `type` in `text`, or null. */
export function recogniseAnswer(type: string, text: string, customTypes: ReadonlyMap<string, CustomFieldType>,
  ctx: RecogniseContext): RecognisedValue | null {
  return bestCandidate(candidateValues(type, text, customTypes, ctx, 'answer'));
}

/** All occurrences of `type` in `text`, in text order and without overlaps (for extraction outside trained positions). */
export function findValues(type: string, text: string, customTypes: ReadonlyMap<string, CustomFieldType>,
  ctx: RecogniseContext): RecognisedValue[] {
  return selectNonOverlapping(candidateValues(type, text, customTypes, ctx, 'find'));
}
