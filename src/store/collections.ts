import type { CollectionRef } from './record-store.js';

/**
 * Where each Autopilot resource lives. Assistants sit in their account's scope; everything an
 * assistant owns sits in the assistant's scope, so a child write and the assistant's training
 * flags change together.
 */
export const collections = {
  assistants: (accountSid: string): CollectionRef => ({ scope: accountSid, path: 'assistants' }),
  deletedAssistants: (accountSid: string): CollectionRef => ({ scope: accountSid, path: 'assistants-deleted' }),
  tasks: (assistantSid: string): CollectionRef => ({ scope: assistantSid, path: 'tasks' }),
  fields: (assistantSid: string, taskSid: string): CollectionRef => ({ scope: assistantSid, path: `tasks/${taskSid}/fields` }),
  samples: (assistantSid: string, taskSid: string): CollectionRef => ({ scope: assistantSid, path: `tasks/${taskSid}/samples` }),
  fieldTypes: (assistantSid: string): CollectionRef => ({ scope: assistantSid, path: 'field-types' }),
  fieldValues: (assistantSid: string, fieldTypeSid: string): CollectionRef =>
    ({ scope: assistantSid, path: `field-types/${fieldTypeSid}/values` }),
  modelBuilds: (assistantSid: string): CollectionRef => ({ scope: assistantSid, path: 'model-builds' }),
  queries: (assistantSid: string): CollectionRef => ({ scope: assistantSid, path: 'queries' }),
  webhooks: (assistantSid: string): CollectionRef => ({ scope: assistantSid, path: 'webhooks' }),
} as const;

/** Fields of an assistant scope's meta hash. */
export const META = {
  /** Bumped by every change to training data. */
  trainingVersion: 'training_version',
  /** The training version the latest completed build was made from. */
  builtTrainingVersion: 'built_training_version',
  latestModelBuild: 'latest_model_build_sid',
  /** Counter of task fields using a custom field type. */
  fieldTypeRefs: (fieldTypeSid: string): string => `refs:${fieldTypeSid}`,
} as const;

/** The effect every change to training data carries. */
export const TRAINING_CHANGED = { incr: { [META.trainingVersion]: 1 } } as const;

/**
 * `needs_model_build`: training data changed since the data the serving build was made from, or
 * there is training data and no build serves (its serving build was deleted).
 */
export function needsModelBuild(meta: Readonly<Record<string, string>>): boolean {
  const version = Number(meta[META.trainingVersion] ?? 0);
  if (version !== Number(meta[META.builtTrainingVersion] ?? 0)) return true;
  return version > 0 && (meta[META.latestModelBuild] ?? '') === '';
}
