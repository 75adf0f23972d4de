/** What the store keeps for each Autopilot resource (camelCase; the REST layer renders snake_case). */
import type { ActionsDocument, DefaultsDocument, StyleSheetDocument } from '../actions/action-types.js';

interface Dated {
  readonly sid: string;
  readonly dateCreated: string;
  readonly dateUpdated: string | null;
}

export interface AssistantRecord extends Dated {
  readonly accountSid: string;
  readonly uniqueName: string;
  readonly friendlyName: string | null;
  readonly logQueries: boolean;
  readonly developmentStage: string;
  readonly callbackUrl: string | null;
  readonly callbackEvents: string | null;
  readonly styleSheet: StyleSheetDocument;
  readonly defaults: DefaultsDocument;
  /** Parley's extension: below this classifier probability a query goes to fallback; null = the model's default. */
  readonly fallbackThreshold?: number | null;
}

/** Training state kept beside the assistant's children, so writes to them can flip it atomically. */
export interface AssistantTrainingState {
  readonly needsModelBuild: boolean | null;
  readonly latestModelBuildSid: string | null;
}

export type Assistant = AssistantRecord & AssistantTrainingState;

export interface TaskRecord extends Dated {
  readonly assistantSid: string;
  readonly uniqueName: string;
  readonly friendlyName: string | null;
  readonly actions: ActionsDocument;
  readonly actionsUrl: string | null;
}

export interface FieldRecord extends Dated {
  readonly assistantSid: string;
  readonly taskSid: string;
  readonly uniqueName: string;
  /** A built-in `Twilio.*` name or a custom field type's unique name, as Autopilot returned it. */
  readonly fieldType: string;
  /** The custom field type's SID, for reference counting; null for built-ins. */
  readonly fieldTypeSid: string | null;
}

export interface SampleRecord extends Dated {
  readonly assistantSid: string;
  readonly taskSid: string;
  readonly language: string;
  readonly taggedText: string;
  readonly sourceChannel: string | null;
}

export interface FieldTypeRecord extends Dated {
  readonly assistantSid: string;
  readonly uniqueName: string;
  readonly friendlyName: string | null;
}

export interface FieldValueRecord extends Dated {
  readonly assistantSid: string;
  readonly fieldTypeSid: string;
  readonly language: string;
  readonly value: string;
  /** The canonical value's UC SID, or null for a canonical value. */
  readonly synonymOf: string | null;
  /** `language` + lower-cased value: a value is unique per type and language, case-insensitively. */
  readonly uniqueName: string;
}

export type ModelBuildStatus = 'enqueued' | 'building' | 'completed' | 'failed' | 'canceled';

export interface ModelBuildRecord extends Dated {
  readonly assistantSid: string;
  readonly uniqueName: string;
  readonly status: ModelBuildStatus;
  readonly statusCallback: string | null;
  readonly buildDuration: number | null;
  readonly errorCode: number | null;
}

export type QueryStatus = 'pending-review' | 'reviewed' | 'discarded';

export interface QueryRecord extends Dated {
  readonly assistantSid: string;
  readonly language: string;
  readonly query: string;
  readonly results: Record<string, unknown>;
  readonly modelBuildSid: string | null;
  readonly sampleSid: string | null;
  readonly status: QueryStatus;
  readonly sourceChannel: string | null;
  readonly dialogueSid: string | null;
}

export interface WebhookRecord extends Dated {
  readonly assistantSid: string;
  readonly uniqueName: string;
  readonly events: string;
  readonly webhookUrl: string;
  readonly webhookMethod: 'GET' | 'POST';
}
