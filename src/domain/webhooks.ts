import { invalidParameter } from '../errors/error-catalogue.js';
import { collections } from '../store/collections.js';
import type { Page, PageRequest } from '../store/record-store.js';
import { newSid } from '../util/sid.js';
import { requireAssistantRecord } from './assistants.js';
import { insertRecord, removeRecord, requireRecord, timestamp, changeRecord, type DomainContext } from './domain-context.js';
import type { WebhookRecord } from './records.js';

/** Event names Autopilot accepted (terraform provider's validation list, autopilot.md §1.5). */
export const WEBHOOK_EVENTS = [
  'onDialogueStart', 'onDialogueEnd', 'onDialogueTaskStart', 'onDialogueTaskEnd',
  'onDialogueTurn', 'onCollectAttempt', 'onActionsFetch',
] as const;

const KNOWN_EVENTS: ReadonlySet<string> = new Set(WEBHOOK_EVENTS.map((e) => e.toLowerCase()));

/** The event names of a space-separated `Events`, as written. */
function eventNames(events: string): string[] {
  return events.split(/\s+/).filter((e) => e !== '');
}

/** The events a webhook subscribed to, lower-cased (names are matched in any case). */
export function subscribedEvents(events: string): Set<string> {
  return new Set(eventNames(events).map((e) => e.toLowerCase()));
}

export interface WebhookInput {
  readonly uniqueName?: string;
  readonly events?: string;
  readonly webhookUrl?: string;
  readonly webhookMethod?: 'GET' | 'POST';
}

const webhookPath = (assistant: string, webhook: string): string => `/Assistants/${assistant}/Webhooks/${webhook}`;

/** Events are a space-separated list, kept as sent; each must be a known event name. */
const MAX_EVENTS_LENGTH = 255;

export function checkEvents(events: string): string {
  // Every event named once fits in far less; a longer list only repeats them.
  if (events.length > MAX_EVENTS_LENGTH) throw invalidParameter('Events', `must be at most ${MAX_EVENTS_LENGTH} characters`);
  const names = eventNames(events);
  if (names.length === 0) throw invalidParameter('Events', 'must name at least one event');
  // Any case: Twilio's own API definition shows `"events": "ondialogueend"`.
  const unknown = names.find((e) => !KNOWN_EVENTS.has(e.toLowerCase()));
  if (unknown !== undefined) throw invalidParameter('Events', `unknown event "${unknown}" (expected ${WEBHOOK_EVENTS.join(', ')})`);
  return events;
}

export async function createWebhook(
  ctx: DomainContext, assistant: string, input: WebhookInput & { uniqueName: string; events: string; webhookUrl: string },
): Promise<WebhookRecord> {
  const owner = await requireAssistantRecord(ctx, assistant);
  const now = timestamp(ctx);
  const webhook: WebhookRecord = {
    sid: newSid('UM'),
    assistantSid: owner.sid,
    uniqueName: input.uniqueName,
    events: checkEvents(input.events),
    webhookUrl: input.webhookUrl,
    webhookMethod: input.webhookMethod ?? 'POST',
    dateCreated: now,
    dateUpdated: now,
  };
  await insertRecord(ctx, collections.webhooks(owner.sid), webhook, 'Webhook');
  return webhook;
}

export async function getWebhook(ctx: DomainContext, assistant: string, webhookSidOrName: string): Promise<WebhookRecord> {
  const owner = await requireAssistantRecord(ctx, assistant);
  return requireRecord<WebhookRecord>(ctx, collections.webhooks(owner.sid), 'UM', webhookSidOrName, webhookPath(assistant, webhookSidOrName));
}

export async function listWebhooks(ctx: DomainContext, assistant: string, page: PageRequest): Promise<Page<WebhookRecord>> {
  const owner = await requireAssistantRecord(ctx, assistant);
  return ctx.store.list<WebhookRecord>(collections.webhooks(owner.sid), page);
}

export async function updateWebhook(ctx: DomainContext, assistant: string, webhookSidOrName: string, input: WebhookInput): Promise<WebhookRecord> {
  const events = input.events === undefined ? undefined : checkEvents(input.events);
  const { after } = await changeRecord(ctx, () => getWebhook(ctx, assistant, webhookSidOrName), (current) => ({
    ref: collections.webhooks(current.assistantSid),
    record: {
      ...current,
      uniqueName: input.uniqueName ?? current.uniqueName,
      events: events ?? current.events,
      webhookUrl: input.webhookUrl ?? current.webhookUrl,
      webhookMethod: input.webhookMethod ?? current.webhookMethod,
      dateUpdated: timestamp(ctx),
    },
  }), 'Webhook', webhookPath(assistant, webhookSidOrName));
  return after;
}

export async function deleteWebhook(ctx: DomainContext, assistant: string, webhookSidOrName: string): Promise<void> {
  const webhook = await getWebhook(ctx, assistant, webhookSidOrName);
  await removeRecord(ctx, collections.webhooks(webhook.assistantSid), webhook.sid, webhookPath(assistant, webhookSidOrName));
}
