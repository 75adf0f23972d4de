/**
 * Sends a committed turn's events to the assistant's event webhooks (the Webhooks resource), after
 * the reply has left: a slow or broken endpoint never delays or changes a turn. Each webhook gets the
 * events it subscribed to one after another, in the turn's order; webhooks are served side by side.
 */
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { Metrics } from '../observability/metrics.js';
import { autopilotRequestParams, dialoguePayloadUrl } from '../actions/remote/autopilot-request.js';
import type { RemoteActions } from '../dialogue/effect-performer.js';
import type { WebhookRecord } from '../domain/records.js';
import { subscribedEvents } from '../domain/webhooks.js';
import type { DialogueEventNotice } from './turn-events.js';

/** The dialogue the events are about, as it stood when the turn (or the end) was saved. */
export interface EventDialogue {
  readonly assistantSid: string;
  readonly dialogueSid: string;
  readonly userIdentifier: string;
  readonly channel: string;
  readonly currentInput: string;
  readonly memory: Readonly<Record<string, unknown>>;
  readonly confidence: number | null;
  readonly nextBestTask: string | null;
  readonly fields: ReadonlyArray<{ readonly name: string; readonly value: string; readonly type: string }>;
}

export interface EventWebhookSenderOptions {
  readonly accountSid: string;
  /** Counts dropped deliveries (the log says so at most once per `DROP_LOG_INTERVAL_MS`). */
  readonly metrics?: Pick<Metrics, 'eventsDropped'>;
  readonly publicBaseUrl: string;
  /** Deliveries (one webhook's events of one turn) in flight past which new ones are dropped, logged. */
  readonly maxPending?: number;
  readonly now?: () => Date;
}

/** Enough for bursts against a slow endpoint; past it the process's memory matters more than events. */
const DEFAULT_MAX_PENDING = 2_000;

/** Under a sustained backlog every turn drops events: one log line per this many ms says how many. */
const DROP_LOG_INTERVAL_MS = 10_000;

/** The webhooks to tell, read when the dialogue's earlier events have been handed on (a store read). */
export type WebhookLookup = () => Promise<readonly WebhookRecord[]>;

export class EventWebhookSender {
  /** The last piece of work queued per key: a dialogue's lookups, a webhook's deliveries for one dialogue. */
  readonly #tails = new Map<string, Promise<void>>();
  readonly #maxPending: number;
  #pending = 0;
  /** Dropped since the last log line about it, and when that line was written. */
  #dropped = 0;
  #droppedLoggedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly remote: RemoteActions, private readonly logger: Logger, private readonly options: EventWebhookSenderOptions) {
    this.#maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
  }

  /**
   * Queue a saved turn's events (never throws, never waits). A dialogue's events reach each webhook in
   * the order its turns were saved in this process: a webhook's deliveries for one dialogue form one line.
   */
  send(lookup: WebhookLookup, dialogue: EventDialogue, notices: readonly DialogueEventNotice[]): void {
    const timestamp = (this.options.now?.() ?? new Date()).toISOString();
    this.#enqueue(`lookup:${dialogue.dialogueSid}`, async () => {
      let webhooks: readonly WebhookRecord[];
      try {
        webhooks = await lookup();
      } catch (error) {
        this.logger.warn({ err: error, dialogueSid: dialogue.dialogueSid }, 'could not read the event webhooks; the events were not sent');
        return;
      }
      for (const webhook of webhooks) {
        const subscribed = subscribedEvents(webhook.events);
        const mine = notices.filter((n) => subscribed.has(n.event.toLowerCase()));
        if (mine.length === 0) continue;
        if (this.#pending >= this.#maxPending) {
          this.#drop(webhook);
          continue;
        }
        this.#pending += 1;
        void this.#enqueue(`${webhook.sid}:${dialogue.dialogueSid}`, () => this.#deliver(webhook, dialogue, mine, timestamp))
          .finally(() => { this.#pending -= 1; });
      }
    });
  }

  /** Wait for what is queued (shutdown), at most `timeoutMs`. */
  async drain(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    // Lookups queue deliveries as they finish: look again until nothing is left or time is up.
    while (this.#tails.size > 0 && Date.now() < until) {
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, until - Date.now());
      });
      await Promise.race([Promise.allSettled([...this.#tails.values()]), limit]);
      clearTimeout(timer);
    }
  }

  /** Deliveries queued or in flight. */
  get pending(): number {
    return this.#pending;
  }

  #drop(webhook: WebhookRecord): void {
    this.options.metrics?.eventsDropped();
    this.#dropped += 1;
    const now = performance.now();
    if (now - this.#droppedLoggedAt < DROP_LOG_INTERVAL_MS) return;
    this.logger.warn({ webhook: webhook.sid, dropped: this.#dropped, pending: this.#pending }, 'event webhook deliveries are backed up; events dropped');
    this.#dropped = 0;
    this.#droppedLoggedAt = now;
  }

  #enqueue(key: string, work: () => Promise<void>): Promise<void> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const next = previous.then(work);
    this.#tails.set(key, next);
    void next.finally(() => {
      if (this.#tails.get(key) === next) this.#tails.delete(key);
    });
    return next;
  }

  async #deliver(webhook: WebhookRecord, dialogue: EventDialogue, notices: readonly DialogueEventNotice[], timestamp: string): Promise<void> {
    for (const notice of notices) {
      const params = autopilotRequestParams({
        accountSid: this.options.accountSid,
        assistantSid: dialogue.assistantSid,
        dialogueSid: dialogue.dialogueSid,
        userIdentifier: dialogue.userIdentifier,
        currentInput: dialogue.currentInput,
        currentTask: notice.task ?? '',
        currentTaskConfidence: dialogue.confidence,
        nextBestTask: dialogue.nextBestTask,
        fields: dialogue.fields,
        dialoguePayloadUrl: dialoguePayloadUrl(this.options.publicBaseUrl, dialogue.assistantSid, dialogue.dialogueSid),
        memory: dialogue.memory,
        channel: dialogue.channel,
        extra: { EventType: notice.event, Timestamp: timestamp, WebhookSid: webhook.sid, ...notice.params },
      }, webhook.webhookMethod);
      try {
        const outcome = await this.remote.call({ url: webhook.webhookUrl, method: webhook.webhookMethod, params, expect: 'acknowledgement' });
        if (!outcome.ok) {
          this.logger.warn({ webhook: webhook.sid, event: notice.event, dialogueSid: dialogue.dialogueSid, code: outcome.error.code, status: outcome.status }, `event webhook failed: ${outcome.error.message}`);
        }
      } catch (error) {
        // The client answers failures as outcomes; anything thrown is a bug, logged, never a crash.
        this.logger.error({ err: error, webhook: webhook.sid, event: notice.event }, 'event webhook delivery threw');
      }
    }
  }
}
