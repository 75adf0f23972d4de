import type { CustomFieldType } from '../recognition-types.js';

/** A trained extractor: JSON-serialisable, versioned so a stored model from another release is recognised. */
export interface FieldExtractorModel {
  readonly version: number;
}

/** The contexts a field was tagged in, counted: `1:on` (word just before/after), `2:appointment on` (two words), `^`/`$`, `{Field}`. */
export interface FieldContexts {
  readonly name: string;
  readonly type: string;
  readonly occurrences: number;
  readonly left: Readonly<Record<string, number>>;
  readonly right: Readonly<Record<string, number>>;
}

export interface TaskFieldModel {
  readonly fields: readonly FieldContexts[];
  /** Words of the samples outside the tags: an open-ended value does not start or end with one of them. */
  readonly vocabulary: readonly string[];
}

export interface FieldExtractorModelV1 extends FieldExtractorModel {
  readonly version: 1;
  readonly tasks: Readonly<Record<string, TaskFieldModel>>;
  /** The custom types the tasks' fields use, since extraction gets no other access to their values. */
  readonly customTypes: readonly CustomFieldType[];
}

export const FIELD_EXTRACTOR_VERSION = 1;

/** Narrows an untrusted stored value; anything else (another version, a corrupt blob) is rejected. */
export function isFieldExtractorModelV1(model: FieldExtractorModel): model is FieldExtractorModelV1 {
  const m = model as Partial<FieldExtractorModelV1>;
  return m.version === FIELD_EXTRACTOR_VERSION && typeof m.tasks === 'object' && m.tasks !== null && Array.isArray(m.customTypes);
}
