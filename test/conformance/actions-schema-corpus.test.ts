/**
 * Every Actions, Defaults and StyleSheet document in the shared corpus of real bots must pass the
 * schemas: they are what "runs unmodified" means. The corpus lives outside the repository
 * (PARLEY_SHARED_DIR, default ../shared); without it the suite reports that it skipped.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkActions,
  checkDefaults,
  checkStyleSheet,
  type SchemaCheck,
} from '../../src/actions/actions-schema-validator.js';

const sharedDir = resolve(process.cwd(), process.env.PARLEY_SHARED_DIR ?? '../shared');
const botsDir = join(sharedDir, 'bots');
const snippetsDir = join(botsDir, 'snippets');
const corpusFound = existsSync(botsDir);

type Case = { name: string; check: (doc: unknown) => SchemaCheck; doc: unknown };

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8')) as unknown;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

function botCases(): Case[] {
  const files = readdirSync(botsDir).filter((f) => f.endsWith('.json') && f !== 'index.json').sort();
  return files.flatMap((file) => {
    const bot = readJson(join(botsDir, file));
    if (!isRecord(bot)) throw new Error(`${file}: not a bot export object`);
    const tasks = Array.isArray(bot.tasks) ? bot.tasks : [];
    const cases: Case[] = tasks.map((task, i) => {
      const name = isRecord(task) && typeof task.uniqueName === 'string' ? task.uniqueName : `#${i}`;
      return { name: `${file} task ${name}`, check: checkActions, doc: isRecord(task) ? task.actions : undefined };
    });
    if ('defaults' in bot) cases.push({ name: `${file} defaults`, check: checkDefaults, doc: bot.defaults });
    if ('styleSheet' in bot) cases.push({ name: `${file} styleSheet`, check: checkStyleSheet, doc: bot.styleSheet });
    return cases;
  });
}

// templates.json in each verb folder is a catalogue ({title: {gitUrl, shortDescription, fileName}}),
// not an Actions document; its entries point at the sibling example files validated below.
const isCatalogue = (doc: unknown): doc is Record<string, { fileName?: unknown }> =>
  isRecord(doc) && !('actions' in doc) && Object.values(doc).every((v) => isRecord(v) && 'fileName' in v);

const missingCatalogueEntries: string[] = [];

function snippetCases(): Case[] {
  const cases: Case[] = [];
  for (const file of walk(snippetsDir).filter((f) => f.endsWith('.json')).sort()) {
    const rel = relative(snippetsDir, file);
    const doc = readJson(file);
    if (/(^|\/)StyleSheets\//.test(rel)) {
      cases.push({ name: rel, check: checkStyleSheet, doc });
    } else if (/(^|\/)Actions\//.test(rel) && isCatalogue(doc)) {
      const root = file.slice(0, file.lastIndexOf('/Actions/'));
      for (const entry of Object.values(doc)) {
        const target = String(entry.fileName);
        if (!existsSync(join(root, target))) missingCatalogueEntries.push(`${rel} -> ${target}`);
      }
    } else if (/(^|\/)Actions\//.test(rel)) {
      cases.push({ name: rel, check: checkActions, doc });
    }
  }
  return cases;
}

describe.skipIf(!corpusFound)(`actions schema on the real corpus (${sharedDir})`, () => {
  const bots = corpusFound ? botCases() : [];
  const snippets = corpusFound ? snippetCases() : [];

  afterAll(() => {
    const botCount = new Set(bots.map((c) => c.name.split(' ')[0])).size;
    console.log(
      `[actions-schema corpus] ${sharedDir}: ${botCount} bots (${bots.length} documents: task actions, defaults, ` +
        `style sheets) and ${snippets.length} snippet documents validated`,
    );
    if (missingCatalogueEntries.length > 0) {
      console.log(`[actions-schema corpus] catalogue entries without a file: ${missingCatalogueEntries.join('; ')}`);
    }
  });

  it('finds the 16 bots and the Twilio snippets', () => {
    expect(new Set(bots.map((c) => c.name.split(' ')[0])).size).toBeGreaterThanOrEqual(16);
    expect(snippets.some((c) => c.check === checkActions)).toBe(true);
    expect(snippets.some((c) => c.check === checkStyleSheet)).toBe(true);
  });

  it.each(bots.map((c) => [c.name, c] as const))('bot: %s', (_name, c) => {
    expect(c.check(c.doc)).toEqual({ ok: true });
  });

  it.each(snippets.map((c) => [c.name, c] as const))('snippet: %s', (_name, c) => {
    expect(c.check(c.doc)).toEqual({ ok: true });
  });
});

describe.skipIf(corpusFound)('actions schema corpus', () => {
  it(`is skipped: no shared corpus at ${botsDir} (set PARLEY_SHARED_DIR)`, () => {
    console.log(`[actions-schema corpus] SKIPPED: shared corpus not found at ${botsDir}`);
    expect(corpusFound).toBe(false);
  });
});
