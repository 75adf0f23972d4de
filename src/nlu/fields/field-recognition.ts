// Parley's field recognition: built-in and custom field types, and slot extraction learnt from tagged samples.
export type { CustomFieldType, RecogniseContext, RecognisedValue } from './recognition-types.js';
export { findValues, recogniseAnswer } from './recognise-values.js';
export type { FieldExtractorModel } from './extraction/field-extractor-model.js';
export { trainFieldExtractor, type FieldTrainingTask } from './extraction/train-field-extractor.js';
export { extractFields, type ExtractedField } from './extraction/extract-fields.js';
export { trainSlotTagger, type SlotTaggerOptions } from './slot-tagger/train-slot-tagger.js';
export { tagSlots } from './slot-tagger/tag-slots.js';
export type { SlotExample, SlotTaggerModel, TaggedSlot } from './slot-tagger/slot-tagger-model.js';
