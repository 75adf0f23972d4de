/**
 * The "Autopilot request": the parameters sent to an `actions_url`, a URL redirect, an
 * `on_complete` URL, a defaults URL or a collect validate webhook (reference autopilot.md §3.3).
 * Pure: the runtime supplies the dialogue's state, the remote actions client sends the result.
 */

/** What the runtime knows about the turn when it calls a customer webhook. */
export interface AutopilotRequestContext {
  readonly accountSid: string;
  readonly assistantSid: string;
  readonly dialogueSid: string;
  readonly userIdentifier: string;
  readonly currentInput: string;
  readonly currentTask: string;
  /** `null` when the task was not chosen by classification (redirect, initiation, target task). */
  readonly currentTaskConfidence: number | null;
  /** `null` when there is none or it is the fallback task. */
  readonly nextBestTask: string | null;
  readonly fields: ReadonlyArray<{ readonly name: string; readonly value: string; readonly type: string }>;
  readonly dialoguePayloadUrl: string;
  readonly memory: Readonly<Record<string, unknown>>;
  readonly channel: string;
  /** e.g. ValidateFieldAnswer, ValidateFieldName, ValidateFieldType for validate webhooks */
  readonly extra?: Readonly<Record<string, string>>;
}

/** `DialoguePayloadUrl`: the Dialogue resource a webhook may fetch for the memory of the turn calling it. */
export function dialoguePayloadUrl(publicBaseUrl: string, assistantSid: string, dialogueSid: string): string {
  return `${publicBaseUrl}/v1/Assistants/${assistantSid}/Dialogues/${dialogueSid}`;
}

/**
 * The form (POST) or query (GET) parameters of one Autopilot request. `Memory` is sent on POST
 * only, as Autopilot did, to keep query strings short. `extra` parameters come last and cannot
 * replace a standard one.
 */
export function autopilotRequestParams(ctx: AutopilotRequestContext, method: 'GET' | 'POST'): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: ctx.accountSid,
    AssistantSid: ctx.assistantSid,
    DialogueSid: ctx.dialogueSid,
    UserIdentifier: ctx.userIdentifier,
    CurrentInput: ctx.currentInput,
    CurrentTask: ctx.currentTask,
    CurrentTaskConfidence: formatConfidence(ctx.currentTaskConfidence),
    NextBestTask: ctx.nextBestTask ?? '',
  };
  for (const field of ctx.fields) {
    params[`Field_${field.name}_Value`] = field.value;
    params[`Field_${field.name}_Type`] = field.type;
  }
  params.DialoguePayloadUrl = ctx.dialoguePayloadUrl;
  if (method === 'POST') params.Memory = JSON.stringify(ctx.memory);
  params.Channel = ctx.channel;
  // Seen with the value "None" in captured requests (reference §3.3); their meaning is unknown.
  params.CallbackSource = 'None';
  params.QuerySid = 'None';
  for (const [name, value] of Object.entries(ctx.extra ?? {})) {
    if (!Object.hasOwn(params, name)) params[name] = value;
  }
  return params;
}

/**
 * `CurrentTaskConfidence` as a decimal string. Captured requests show `"1.0"` and the docs
 * `"0.82"`: at most two decimals, and always at least one (`1` -> `"1.0"`, `0` -> `"0.0"`).
 * Clamped to [0, 1]. A task reached without classification (`null`) reports `"1.0"`, as the
 * captures of directly targeted tasks do.
 */
export function formatConfidence(confidence: number | null): string {
  if (confidence === null) return '1.0';
  const clamped = Number.isFinite(confidence) ? Math.min(1, Math.max(0, confidence)) : 0;
  const rounded = Math.round(clamped * 100) / 100;
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded);
}
