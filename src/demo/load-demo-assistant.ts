import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { DomainContext } from '../domain/domain-context.js';
import type { BuildQueue } from '../domain/model-builds.js';
import { ParleyError } from '../errors/error-catalogue.js';
import { importAssistant } from '../import-export/import-assistant.js';
import { collections } from '../store/collections.js';

/**
 * Parley's own demo bot (a pizza shop), in the Autopilot CLI schema. Read next to this module:
 * the build copies the JSON into dist/demo/ (scripts/copy-build-assets.mjs).
 */
export const DEMO_ASSISTANT_URL = new URL('./demo-assistant.json', import.meta.url);

/** On a store holding no assistant, import the demo bot and build its model, so a first boot has something to talk to. */
export async function loadDemoAssistant(ctx: DomainContext, builds: BuildQueue, logger: Logger): Promise<boolean> {
  if ((await ctx.store.count(collections.assistants(ctx.accountSid))) > 0) return false;
  const schema: unknown = JSON.parse(readFileSync(DEMO_ASSISTANT_URL, 'utf8'));
  let assistant;
  try {
    ({ assistant } = await importAssistant(ctx, schema, { builds }));
  } catch (error) {
    // Several engines booting on one empty Redis race here; the one that lost has nothing to do.
    if (error instanceof ParleyError && error.kind === 'UNIQUE_NAME_IN_USE') return false;
    throw error;
  }
  logger.info({ assistantSid: assistant?.sid, uniqueName: assistant?.uniqueName }, `loaded the demo assistant "${assistant?.uniqueName}"`);
  return true;
}
