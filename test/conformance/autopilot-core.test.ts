/**
 * The official Autopilot CLI core (@dabblelab/autopilot-core 1.0.1, behind `twilio autopilot:create
 * --schema` and `autopilot:export`) drives Parley unmodified, through twilio 3.84.1 pointed at a
 * test server (real-clients.md): every real bot of the shared corpus is created by it, exported by
 * it, and must come back meaning the same. Parley's own importer and exporter (and the CLI, once)
 * must round-trip every bot too. Without the corpus (PARLEY_SHARED_DIR) the suite says it skipped.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainContext } from '../../src/domain/domain-context.js';
import { listFieldTypes } from '../../src/domain/field-types.js';
import { listFieldValues } from '../../src/domain/field-values.js';
import { exportAssistant } from '../../src/import-export/export-assistant.js';
import { importAssistant } from '../../src/import-export/import-assistant.js';
import { collections } from '../../src/store/collections.js';
import { coreCreateAssistant, coreExport, twilioV3ClientFor } from '../support/autopilot-core.js';
import { TEST_REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis.js';
import { runCli } from '../support/run-cli.js';
import { semanticSchema, type CompareOptions } from '../support/schema-compare.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, startTestServer, type TestServer } from '../support/test-server.js';

const sharedDir = resolve(process.cwd(), process.env.PARLEY_SHARED_DIR ?? '../shared');
const botsDir = join(sharedDir, 'bots');
const corpusFound = existsSync(botsDir);
const botFiles = corpusFound ? readdirSync(botsDir).filter((f) => f.endsWith('.json') && f !== 'index.json').sort() : [];
const readBot = (file: string): any => JSON.parse(readFileSync(join(botsDir, file), 'utf8'));

/** UC SID -> value text of every field value of an assistant, to read autopilot-core's synonymOf. */
async function valueTexts(ctx: DomainContext, assistant: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const type of (await listFieldTypes(ctx, assistant, { limit: 1000 })).items) {
    for (const value of (await listFieldValues(ctx, assistant, type.sid, { limit: 1000 })).items) texts.set(value.sid, value.value);
  }
  return texts;
}

/** A bot without a build name gets one named by its SID, so only a given name can round-trip. */
const parleyOptions = (bot: any): CompareOptions => (bot.modelBuild?.uniqueName ? {} : { ignore: ['modelBuild'] });

describe.skipIf(corpusFound)('autopilot-core conformance', () => {
  it('is skipped: no bot corpus', () => {
    console.log(`[autopilot-core conformance] skipped: ${botsDir} not found (set PARLEY_SHARED_DIR)`);
  });
});

describe.skipIf(!corpusFound)(`autopilot-core conformance on ${botsDir}`, () => {
  let core: TestServer;
  let parley: TestServer;
  let client: unknown;
  const scratch = mkdtempSync(join(tmpdir(), 'parley-core-export-'));
  const ran = { core: 0, parley: 0 };
  beforeAll(async () => {
    [core, parley] = await Promise.all([startTestServer('conformance-core'), startTestServer('conformance-parley')]);
    client = twilioV3ClientFor(core.baseUrl);
  });
  afterAll(async () => {
    console.log(`[autopilot-core conformance] ${botFiles.length} bots: ${ran.core} round-tripped through autopilot-core, ${ran.parley} through Parley's importer/exporter`);
    await Promise.all([core.close(), parley.close()]);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('has bots to run', () => {
    expect(botFiles.length).toBeGreaterThan(0);
  });

  it.each(botFiles)('autopilot-core creates and exports %s unchanged in meaning', async (file) => {
    const bot = readBot(file);
    const created = await coreCreateAssistant(join(botsDir, file), client);
    // A taken name would have made autopilot-core retry under `<name>-<timestamp>`.
    expect(created.uniqueName).toBe(bot.uniqueName);
    const exported = await coreExport(client, bot.uniqueName, scratch);
    // modelBuild: autopilot-core creates its build with an empty body, so a build name never
    // round-trips through it. logQueries: it always sends true and always writes true.
    const options: CompareOptions = { valueTextBySid: await valueTexts(core.parley.ctx, bot.uniqueName), ignore: ['modelBuild', 'logQueries'] };
    expect(semanticSchema(exported, options)).toEqual(semanticSchema(bot, options));
    expect(await core.parley.ctx.store.count(collections.modelBuilds(created.sid))).toBe(1);
    ran.core += 1;
  });

  it.each(botFiles)('Parley imports %s and exports it unchanged in meaning', async (file) => {
    const bot = readBot(file);
    const { report } = await importAssistant(parley.parley.ctx, bot, { builds: parley.parley.builds });
    expect(report.filter((item) => item.severity === 'error')).toEqual([]);
    const exported = await exportAssistant(parley.parley.ctx, bot.uniqueName);
    expect(semanticSchema(exported, parleyOptions(bot))).toEqual(semanticSchema(bot, parleyOptions(bot)));
    ran.parley += 1;
  });

  // Runs after the autopilot-core test above, which created these assistants on the same server.
  it.each(botFiles)('Parley re-imports autopilot-core\'s export of %s, synonyms given as this store\'s SIDs', async (file) => {
    const bot = readBot(file);
    const exported = await coreExport(client, bot.uniqueName, scratch);
    const name = `${bot.uniqueName}-again`.slice(0, 64);
    const { report } = await importAssistant(core.parley.ctx, { ...exported, uniqueName: name });
    // Every SID resolved through the store: no guesses, no errors (the bots' own warnings remain).
    expect(report.filter((item) => item.severity === 'error' || item.path.endsWith('synonymOf'))).toEqual([]);
    const again = await exportAssistant(core.parley.ctx, name);
    const options: CompareOptions = { ignore: ['modelBuild', 'logQueries'] };
    expect(semanticSchema(again, options)).toEqual(semanticSchema({ ...bot, uniqueName: name, friendlyName: bot.friendlyName || bot.uniqueName }, options));
  });

  describe('the parley CLI', () => {
    const prefix = uniquePrefix('conformance-cli');
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix, TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID, TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN };
    afterAll(async () => {
      const redis = new Redis(TEST_REDIS_URL);
      await deleteKeys(redis, prefix);
      await redis.quit();
    });

    it('imports and exports the bot with the most synonyms', async () => {
      const values = (file: string): any[] => (readBot(file).fieldTypes ?? []).flatMap((t: any) => t.values ?? []);
      const score = (file: string): number => values(file).filter((v) => v.synonymOf).length * 1000 + values(file).length;
      const file = [...botFiles].sort((a, b) => score(b) - score(a))[0]!;
      const bot = readBot(file);
      const imported = await runCli(['import', join(botsDir, file)], env);
      expect(imported.code, imported.stderr).toBe(0);
      const exported = await runCli(['export', bot.uniqueName], env);
      expect(exported.code, exported.stderr).toBe(0);
      expect(semanticSchema(JSON.parse(exported.stdout), parleyOptions(bot))).toEqual(semanticSchema(bot, parleyOptions(bot)));
      console.log(`[autopilot-core conformance] parley CLI round-tripped ${file}`);
    });
  });
});
