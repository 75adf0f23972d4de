import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DomainContext } from '../../src/domain/domain-context.js';
import { importAssistant } from '../../src/import-export/import-assistant.js';
import { answerQuery } from '../../src/nlu/answer-query.js';
import { trainNluModel } from '../../src/nlu/nlu-model.js';
import { checkTrainingSet, readTrainingSet } from '../../src/nlu/training-set.js';
import { MemoryRecordStore } from '../../src/store/memory/memory-record-store.js';

const sharedDir = resolve(process.env.PARLEY_SHARED_DIR ?? '../shared');
const botsDir = join(sharedDir, 'bots');
const bots = existsSync(botsDir) ? readdirSync(botsDir).filter((f) => f.endsWith('.json') && f !== 'index.json').sort() : [];

describe.skipIf(bots.length === 0)(`every shared bot builds and knows its own samples (${botsDir})`, () => {
  it.each(bots)('%s', async (file) => {
    const ctx: DomainContext = { store: new MemoryRecordStore(), accountSid: 'AC0123456789abcdef0123456789abcdef', now: () => new Date('2024-05-01T12:00:00Z') };
    const schema = JSON.parse(readFileSync(join(botsDir, file), 'utf8')) as unknown;
    const { assistant } = await importAssistant(ctx, schema);
    const set = await readTrainingSet(ctx, assistant!.sid);
    expect(checkTrainingSet(set)).toEqual({ ok: true });
    const model = trainNluModel('UG00000000000000000000000000000000', set);
    // A sample filed under two tasks cannot answer both; real bots have a few.
    const owners = new Map<string, Set<string>>();
    for (const task of set.tasks) for (const s of task.samples) owners.set(s.taggedText.toLowerCase(), (owners.get(s.taggedText.toLowerCase()) ?? new Set()).add(task.uniqueName));
    const misses: string[] = [];
    let asked = 0;
    for (const task of set.tasks) {
      for (const sample of task.samples) {
        if (owners.get(sample.taggedText.toLowerCase())!.size > 1) continue;
        asked += 1;
        const answer = answerQuery(model, {
          text: sample.taggedText, fallback: { name: 'fallback', sid: null }, fallbackThreshold: model.defaultFallbackThreshold,
          recognise: { referenceTime: ctx.now(), timeZone: 'UTC', language: sample.language },
        });
        if (answer.task.name !== task.uniqueName) misses.push(`${task.uniqueName}: "${sample.taggedText}" -> ${answer.task.name}`);
      }
    }
    console.log(`[bots-nlu] ${file}: ${asked - misses.length}/${asked} own samples answered with their task`);
    expect(misses).toEqual([]);
  });
});

describe.skipIf(bots.length > 0)('shared bots', () => {
  it('are not present, so the bot NLU conformance was skipped', () => {
    console.log(`[bots-nlu] SKIPPED: no bots found at ${botsDir}`);
  });
});
