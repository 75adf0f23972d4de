import { collections } from '../store/collections.js';
import type { RecordStore } from '../store/record-store.js';
import { isSid } from '../util/sid.js';
import { findAssistant } from './assistants.js';
import { REVISION_KEY } from './assistant-revision.js';
import { findRecord, type DomainContext } from './domain-context.js';
import { taskNamesOf } from './query-request.js';
import type { Assistant, TaskRecord, WebhookRecord } from './records.js';

/** An assistant as turns see it, valid while its scope's revision is `revision`. */
export interface CatalogueEntry {
  readonly assistant: Assistant;
  readonly revision: string | null;
  /** Tasks by the name or SID a turn asked for (null: no such task), filled as turns ask. */
  readonly tasks: Map<string, TaskRecord | null>;
  /** Every task's unique name by SID, read when a turn first asks (the NLU names a model's tasks with it). */
  taskNames?: ReadonlyMap<string, string>;
  /** The assistant's event webhooks, read when a committed turn first has events to send. */
  webhooks?: readonly WebhookRecord[];
}

/** Whether an entry is the assistant a path names, by SID or by unique name. */
export function answersTo(entry: CatalogueEntry, sidOrName: string): boolean {
  return entry.assistant.sid === sidOrName || entry.assistant.uniqueName === sidOrName;
}

/** Entries kept per process; past this the catalogue starts over (a bound, not an expected size). */
const MAX_ASSISTANTS = 1_000;
const MAX_TASKS_PER_ASSISTANT = 1_000;
/** Event webhooks of one assistant that are called (a bound: Autopilot bots had a handful). */
const MAX_WEBHOOKS = 100;

/**
 * What a turn reads of an assistant's configuration, kept in this process and checked against the
 * assistant's revision, which the turn reads anyway with its lease: a turn on an unchanged
 * assistant reads neither the assistant nor its tasks from the store. Stale entries are only ever
 * used to find the assistant's scope; every turn checks the revision before it runs.
 */
export class TurnCatalogue {
  private readonly entries = new Map<string, CatalogueEntry>();
  private readonly sidsByName = new Map<string, string>();

  constructor(private readonly ctx: DomainContext) {}

  /** The assistant of a SID or unique name: the kept entry when there is one (unchecked), else read now. */
  async find(sidOrName: string): Promise<CatalogueEntry | null> {
    const sid = isSid(sidOrName, 'UA') ? sidOrName : this.sidsByName.get(sidOrName);
    const kept = sid === undefined ? undefined : this.entries.get(sid);
    if (kept !== undefined && answersTo(kept, sidOrName)) return kept;
    return this.load(sidOrName);
  }

  /** The entry if `revision` (read with the turn's lease) is still its revision, else read again. */
  async current(entry: CatalogueEntry, revision: string | null): Promise<CatalogueEntry | null> {
    return entry.revision === revision ? entry : this.load(entry.assistant.sid);
  }

  /** Drop what is kept of an assistant: the next find reads it again. */
  forget(assistantSid: string): void {
    this.entries.delete(assistantSid);
  }

  /** A task of the entry's assistant by unique name or SID, read once per revision. */
  async task(entry: CatalogueEntry, nameOrSid: string): Promise<TaskRecord | null> {
    if (entry.tasks.has(nameOrSid)) return entry.tasks.get(nameOrSid)!;
    const task = await findRecord<TaskRecord>(this.ctx, collections.tasks(entry.assistant.sid), 'UD', nameOrSid);
    if (entry.tasks.size >= MAX_TASKS_PER_ASSISTANT) entry.tasks.clear();
    entry.tasks.set(nameOrSid, task);
    return task;
  }

  /** The entry's task unique names by task SID, read once per revision. */
  async taskNames(entry: CatalogueEntry): Promise<ReadonlyMap<string, string>> {
    entry.taskNames ??= await taskNamesOf(this.ctx, entry.assistant.sid);
    return entry.taskNames;
  }

  /** The entry's event webhooks, read once per revision (a webhook's change moves the revision). */
  async webhooks(entry: CatalogueEntry): Promise<readonly WebhookRecord[]> {
    entry.webhooks ??= (await this.ctx.store.list<WebhookRecord>(collections.webhooks(entry.assistant.sid), { limit: MAX_WEBHOOKS })).items;
    return entry.webhooks;
  }

  private async load(sidOrName: string): Promise<CatalogueEntry | null> {
    const sid = isSid(sidOrName, 'UA')
      ? sidOrName
      : await this.ctx.store.findSidByName(collections.assistants(this.ctx.accountSid), sidOrName);
    if (sid === null) return null;
    // The revision is read before the records (same round trip, in order): an entry is never
    // labelled with a revision newer than what it holds.
    const [revision, assistant] = await Promise.all([this.ctx.store.getValue(sid, REVISION_KEY), findAssistant(this.ctx, sid)]);
    if (assistant === null) {
      this.entries.delete(sid);
      return null;
    }
    const entry: CatalogueEntry = { assistant, revision, tasks: new Map() };
    if (this.entries.size >= MAX_ASSISTANTS) {
      this.entries.clear();
      this.sidsByName.clear();
    }
    this.entries.set(assistant.sid, entry);
    this.sidsByName.set(assistant.uniqueName, assistant.sid);
    return entry;
  }
}

const catalogues = new WeakMap<RecordStore, TurnCatalogue>();

/** The catalogue of a store (one per store, so tests with their own stores never share one). */
export function turnCatalogue(ctx: DomainContext): TurnCatalogue {
  let catalogue = catalogues.get(ctx.store);
  if (catalogue === undefined) {
    catalogue = new TurnCatalogue(ctx);
    catalogues.set(ctx.store, catalogue);
  }
  return catalogue;
}
