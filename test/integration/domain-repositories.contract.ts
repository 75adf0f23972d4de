import { describe, expect, it } from 'vitest';
import { createAssistant, deleteAssistant, findAssistant, getAssistant, restoreAssistant, updateAssistant } from '../../src/domain/assistants.js';
import type { DomainContext } from '../../src/domain/domain-context.js';
import { createFieldType, deleteFieldType } from '../../src/domain/field-types.js';
import { createFieldValue, deleteFieldValue, listFieldValues } from '../../src/domain/field-values.js';
import { createModelBuild, getModelBuild } from '../../src/domain/model-builds.js';
import { createSample, deleteSample } from '../../src/domain/samples.js';
import { createField, deleteField } from '../../src/domain/task-fields.js';
import { createTask, deleteTask, getTask, getTaskStatistics, updateTask } from '../../src/domain/tasks.js';
import { ParleyError } from '../../src/errors/error-catalogue.js';
import { runModelBuild } from '../../src/nlu/run-model-build.js';
import { collections } from '../../src/store/collections.js';
import type { RecordStore } from '../../src/store/record-store.js';

const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';

async function rejects(promise: Promise<unknown>, code: number): Promise<ParleyError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ParleyError);
  expect((error as ParleyError).code).toBe(code);
  return error as ParleyError;
}

/** The domain operations (repositories with Autopilot's verbs) behave the same on every store. */
export function domainContract(name: string, open: () => Promise<{ store: RecordStore; close(): Promise<void> }>): void {
  const withCtx = (fn: (ctx: DomainContext) => Promise<void>) => async () => {
    const { store, close } = await open();
    try {
      await fn({ store, accountSid: ACCOUNT, now: () => new Date('2024-05-01T12:00:00.123Z') });
    } finally {
      await close();
    }
  };

  describe(`domain repositories: ${name}`, () => {
    it('finds assistants and tasks by SID or unique name, with Twilio dates', withCtx(async (ctx) => {
      const bot = await createAssistant(ctx, { uniqueName: 'bot', friendlyName: 'Bot' });
      expect(bot.dateCreated).toBe('2024-05-01T12:00:00Z');
      expect((await getAssistant(ctx, 'bot')).sid).toBe(bot.sid);
      expect((await getAssistant(ctx, bot.sid)).uniqueName).toBe('bot');
      const task = await createTask(ctx, 'bot', { uniqueName: 'greet' });
      expect((await getTask(ctx, bot.sid, 'greet')).sid).toBe(task.sid);
      await rejects(createTask(ctx, 'bot', { uniqueName: 'greet' }), 90101);
      await rejects(getTask(ctx, 'bot', 'nope'), 20404);
    }));

    it('refuses to delete a task with samples or fields until they are gone', withCtx(async (ctx) => {
      await createAssistant(ctx, { uniqueName: 'bot' });
      await createTask(ctx, 'bot', { uniqueName: 'order' });
      const sample = await createSample(ctx, 'bot', 'order', { language: 'en-US', taggedText: 'two {size} pizzas' });
      const field = await createField(ctx, 'bot', 'order', { uniqueName: 'size', fieldType: 'Twilio.NUMBER' });
      expect((await getTaskStatistics(ctx, 'bot', 'order'))).toMatchObject({ samplesCount: 1, fieldsCount: 1 });
      expect((await rejects(deleteTask(ctx, 'bot', 'order'), 90105)).message).toMatch(/samples|fields/);
      await deleteSample(ctx, 'bot', 'order', sample.sid);
      await rejects(deleteTask(ctx, 'bot', 'order'), 90105);
      await deleteField(ctx, 'bot', 'order', field.sid);
      await deleteTask(ctx, 'bot', 'order');
      await rejects(getTask(ctx, 'bot', 'order'), 20404);
    }));

    it('keeps a custom field type while a field uses it, and resolves synonyms by value or SID', withCtx(async (ctx) => {
      await createAssistant(ctx, { uniqueName: 'bot' });
      await createTask(ctx, 'bot', { uniqueName: 'order' });
      await createFieldType(ctx, 'bot', { uniqueName: 'Custom.SIZE' });
      const large = await createFieldValue(ctx, 'bot', 'Custom.SIZE', { language: 'en-US', value: 'large', synonymOf: '' });
      const big = await createFieldValue(ctx, 'bot', 'Custom.SIZE', { language: 'en-US', value: 'big', synonymOf: 'Large' });
      const huge = await createFieldValue(ctx, 'bot', 'Custom.SIZE', { language: 'en-US', value: 'huge', synonymOf: big.sid });
      expect(big.synonymOf).toBe(large.sid);
      expect(huge.synonymOf).toBe(large.sid);
      await rejects(createFieldValue(ctx, 'bot', 'Custom.SIZE', { language: 'en-US', value: 'BIG' }), 90101);
      await rejects(createFieldValue(ctx, 'bot', 'Custom.SIZE', { language: 'en-US', value: 'x', synonymOf: 'nothing' }), 20001);
      // A canonical value is one of the synonym's own language, by SID as by text.
      expect((await rejects(createFieldValue(ctx, 'bot', 'Custom.SIZE', { language: 'fr-FR', value: 'grand', synonymOf: large.sid }), 20001)).message)
        .toMatch(/a value in en-US/);
      await rejects(createFieldValue(ctx, 'bot', 'Custom.SIZE', { language: 'fr-FR', value: 'grand', synonymOf: 'large' }), 20001);
      const field = await createField(ctx, 'bot', 'order', { uniqueName: 'size', fieldType: 'Custom.SIZE' });
      await rejects(deleteFieldType(ctx, 'bot', 'Custom.SIZE'), 90105);
      await deleteFieldValue(ctx, 'bot', 'Custom.SIZE', large.sid);
      expect((await listFieldValues(ctx, 'bot', 'Custom.SIZE', { limit: 50 })).items).toEqual([]);
      // Its synonyms went with it; deleting them as listed before (autopilot-core) is done, not a 404.
      await deleteFieldValue(ctx, 'bot', 'Custom.SIZE', big.sid);
      await deleteFieldValue(ctx, 'bot', 'Custom.SIZE', huge.sid);
      await rejects(deleteFieldValue(ctx, 'bot', 'Custom.SIZE', large.sid), 20404); // deleted itself, not alongside
      await rejects(deleteFieldValue(ctx, 'bot', 'Custom.SIZE', `UC${'0'.repeat(32)}`), 20404);
      await deleteField(ctx, 'bot', 'order', field.sid);
      await deleteFieldType(ctx, 'bot', 'Custom.SIZE');
      await rejects(createField(ctx, 'bot', 'order', { uniqueName: 'size', fieldType: 'Custom.SIZE' }), 20001);
    }));

    it('writes no synonym of a canonical value deleted between its lookup and its insert', withCtx(async (ctx) => {
      await createAssistant(ctx, { uniqueName: 'bot' });
      await createFieldType(ctx, 'bot', { uniqueName: 'Custom.SIZE' });
      const large = await createFieldValue(ctx, 'bot', 'Custom.SIZE', { language: 'en-US', value: 'large' });
      // The delete runs after the synonym's request found `large`, just before the synonym is written.
      let interleaved = false;
      const racing: RecordStore = Object.create(ctx.store, {
        insert: {
          value: async (...args: Parameters<RecordStore['insert']>) => {
            if (!interleaved) {
              interleaved = true;
              await deleteFieldValue(ctx, 'bot', 'Custom.SIZE', large.sid);
            }
            return ctx.store.insert(...args);
          },
        },
      });
      const error = await rejects(createFieldValue({ ...ctx, store: racing }, 'bot', 'Custom.SIZE', { language: 'en-US', value: 'big', synonymOf: 'large' }), 20001);
      expect(error.message).toMatch(/"large" is not a value of field type Custom\.SIZE/);
      expect(interleaved).toBe(true);
      expect((await listFieldValues(ctx, 'bot', 'Custom.SIZE', { limit: 50 })).items).toEqual([]);
      // A canonical value still only needs its type.
      await createFieldValue({ ...ctx, store: racing }, 'bot', 'Custom.SIZE', { language: 'en-US', value: 'small' });
    }));

    it('resolves a SynonymOf SID of another assistant\'s value to the value of that text here', withCtx(async (ctx) => {
      await createAssistant(ctx, { uniqueName: 'orig' });
      await createFieldType(ctx, 'orig', { uniqueName: 'Custom.SIZE' });
      const origLarge = await createFieldValue(ctx, 'orig', 'Custom.SIZE', { language: 'en-US', value: 'large' });
      await createFieldValue(ctx, 'orig', 'Custom.SIZE', { language: 'en-US', value: 'small' });
      await createAssistant(ctx, { uniqueName: 'copy' });
      await createFieldType(ctx, 'copy', { uniqueName: 'Sizes' }); // another name: still found
      const large = await createFieldValue(ctx, 'copy', 'Sizes', { language: 'en-US', value: 'Large' });
      const big = await createFieldValue(ctx, 'copy', 'Sizes', { language: 'en-US', value: 'big', synonymOf: origLarge.sid }); // 20001
      expect(big.synonymOf).toBe(large.sid);
      // "small" has no value here, and an unknown SID names nothing: both stay a 400.
      const small = (await listFieldValues(ctx, 'orig', 'Custom.SIZE', { limit: 50 })).items.find((v) => v.value === 'small')!;
      expect((await rejects(createFieldValue(ctx, 'copy', 'Sizes', { language: 'en-US', value: 'tiny', synonymOf: small.sid }), 20001)).message)
        .toContain('"small"');
      await rejects(createFieldValue(ctx, 'copy', 'Sizes', { language: 'en-US', value: 'x', synonymOf: `UC${'0'.repeat(32)}` }), 20001);
      // A deleted assistant keeps its values (for Restore), so its export still resolves.
      await deleteAssistant(ctx, 'orig');
      const huge = await createFieldValue(ctx, 'copy', 'Sizes', { language: 'en-US', value: 'huge', synonymOf: origLarge.sid });
      expect(huge.synonymOf).toBe(large.sid);
    }));

    it('tracks needs_model_build across training changes and builds', withCtx(async (ctx) => {
      const bot = await createAssistant(ctx, { uniqueName: 'bot' });
      expect(bot.needsModelBuild).toBe(false);
      await createTask(ctx, 'bot', { uniqueName: 'hi' });
      await createSample(ctx, 'bot', 'hi', { language: 'en-US', taggedText: 'hello' });
      expect((await getAssistant(ctx, 'bot')).needsModelBuild).toBe(true);
      const build = await createModelBuild(ctx, { enqueue: async () => {} }, 'bot', { uniqueName: 'v1' });
      await runModelBuild(ctx, bot.sid, build.sid);
      expect((await getModelBuild(ctx, 'bot', 'v1')).status).toBe('completed');
      const built = await getAssistant(ctx, 'bot');
      expect(built).toMatchObject({ needsModelBuild: false, latestModelBuildSid: build.sid });
      await updateTask(ctx, 'bot', 'hi', { actions: { actions: [{ say: 'changed actions only' }] } });
      expect((await getAssistant(ctx, 'bot')).needsModelBuild).toBe(false);
      await updateTask(ctx, 'bot', 'hi', { uniqueName: 'hello' });
      expect((await getAssistant(ctx, 'bot')).needsModelBuild).toBe(true);
    }));

    it('marks training changed when a field of a custom type is added or deleted', withCtx(async (ctx) => {
      const bot = await createAssistant(ctx, { uniqueName: 'bot' });
      await createTask(ctx, 'bot', { uniqueName: 'order' });
      await createSample(ctx, 'bot', 'order', { language: 'en-US', taggedText: 'I want pizza' });
      await createFieldType(ctx, 'bot', { uniqueName: 'Custom.FOOD' });
      const built = async (): Promise<void> => {
        const build = await createModelBuild(ctx, { enqueue: async () => {} }, 'bot', {});
        await runModelBuild(ctx, bot.sid, build.sid);
        expect((await getAssistant(ctx, 'bot')).needsModelBuild).toBe(false);
      };
      await built();
      const field = await createField(ctx, 'bot', 'order', { uniqueName: 'food', fieldType: 'Custom.FOOD' });
      expect((await getAssistant(ctx, 'bot')).needsModelBuild).toBe(true);
      await built();
      await deleteField(ctx, 'bot', 'order', field.sid);
      expect((await getAssistant(ctx, 'bot')).needsModelBuild).toBe(true);
      // The reference count still moved with it: the type can be deleted now.
      await deleteFieldType(ctx, 'bot', 'Custom.FOOD');
    }));

    it('fails a build whose sample tags a field the task lacks, keeping the previous model', withCtx(async (ctx) => {
      const bot = await createAssistant(ctx, { uniqueName: 'bot' });
      const empty = await createModelBuild(ctx, { enqueue: async () => {} }, 'bot', {});
      await runModelBuild(ctx, bot.sid, empty.sid);
      expect(await getModelBuild(ctx, 'bot', empty.sid)).toMatchObject({ status: 'failed', errorCode: 90200 });
      await createTask(ctx, 'bot', { uniqueName: 'hi' });
      await createSample(ctx, 'bot', 'hi', { language: 'en-US', taggedText: 'hello' });
      const good = await createModelBuild(ctx, { enqueue: async () => {} }, 'bot', {});
      await runModelBuild(ctx, bot.sid, good.sid);
      await createSample(ctx, 'bot', 'hi', { language: 'en-US', taggedText: 'hello {name}' });
      const bad = await createModelBuild(ctx, { enqueue: async () => {} }, 'bot', {});
      await runModelBuild(ctx, bot.sid, bad.sid);
      expect(await getModelBuild(ctx, 'bot', bad.sid)).toMatchObject({ status: 'failed', errorCode: 90201 });
      expect((await getAssistant(ctx, 'bot')).latestModelBuildSid).toBe(good.sid);
    }));

    it('deletes an assistant aside and restores it with its children', withCtx(async (ctx) => {
      const bot = await createAssistant(ctx, { uniqueName: 'bot' });
      await createTask(ctx, 'bot', { uniqueName: 'hi' });
      await deleteAssistant(ctx, 'bot');
      expect(await findAssistant(ctx, 'bot')).toBeNull();
      await rejects(getTask(ctx, bot.sid, 'hi'), 20404);
      const again = await createAssistant(ctx, { uniqueName: 'bot' });
      await rejects(restoreAssistant(ctx, 'bot'), 90101);
      await updateAssistant(ctx, again.sid, { uniqueName: 'bot-2' });
      const restored = await restoreAssistant(ctx, bot.sid);
      expect(restored.sid).toBe(bot.sid);
      expect((await getTask(ctx, 'bot', 'hi')).assistantSid).toBe(bot.sid);
      await rejects(restoreAssistant(ctx, 'bot'), 20404);
    }));

    it('drops everything an older deletion owned when a newer assistant of the same name is deleted', withCtx(async (ctx) => {
      const first = await createAssistant(ctx, { uniqueName: 'twice' });
      await createTask(ctx, 'twice', { uniqueName: 'hi' });
      await ctx.store.putValue(first.sid, 'conversation:x', 'state');
      await deleteAssistant(ctx, 'twice');
      const second = await createAssistant(ctx, { uniqueName: 'twice' });
      await deleteAssistant(ctx, 'twice');
      // Only the second can come back; nothing of the first stays in the store.
      expect(await ctx.store.count(collections.tasks(first.sid))).toBe(0);
      expect(await ctx.store.readMeta(first.sid)).toEqual({});
      expect(await ctx.store.getValue(first.sid, 'conversation:x')).toBeNull();
      expect((await restoreAssistant(ctx, 'twice')).sid).toBe(second.sid);
    }));
  });
}
