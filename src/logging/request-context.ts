import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while serving a request carries (docs/operations.md, "Logs"). */
export interface RequestContext {
  readonly reqId: string;
  readonly method: string;
  readonly path: string;
  assistantSid?: string;
  dialogueSid?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Run `work` (the rest of the request's handling) with its context. */
export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Name the assistant and dialogue the current request works on, once known (a no-op outside a request). */
export function annotateRequest(fields: { readonly assistantSid?: string; readonly dialogueSid?: string }): void {
  const context = storage.getStore();
  if (context === undefined) return;
  if (fields.assistantSid !== undefined) context.assistantSid = fields.assistantSid;
  if (fields.dialogueSid !== undefined) context.dialogueSid = fields.dialogueSid;
}

/** The request's fields for a log line (pino `mixin`): empty outside a request. */
export function requestLogFields(): Record<string, string> {
  const context = storage.getStore();
  if (context === undefined) return {};
  const { reqId, method, path, assistantSid, dialogueSid } = context;
  return { reqId, method, path, ...(assistantSid === undefined ? {} : { assistantSid }), ...(dialogueSid === undefined ? {} : { dialogueSid }) };
}
