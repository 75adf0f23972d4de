import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordStore } from '../../src/store/record-store.js';
import { channelPath, customPost } from '../support/channel-client.js';
import { authHeader, rest, startTestServer, type TestServer } from '../support/test-server.js';

const samples = (...texts: string[]): Array<{ language: string; taggedText: string }> => texts.map((taggedText) => ({ language: 'en-US', taggedText }));

/** A store whose model reads wait until `release()`, and which counts them (a real store behind it). */
function holdingModelReads(): { wrap: (store: RecordStore) => RecordStore; release: () => void; reads: () => number } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  let reads = 0;
  const wrap = (store: RecordStore): RecordStore => new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'getValue') {
        return async (scope: string, key: string) => {
          if (key.startsWith('model:')) {
            reads += 1;
            await released;
          }
          return target.getValue(scope, key);
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { wrap, release: () => release(), reads: () => reads };
}

describe('loading the serving models at boot', () => {
  let builder: TestServer;
  beforeAll(async () => {
    builder = await startTestServer('model-warm-up');
    for (const [name, texts] of [['desk', ['when are you open', 'opening hours', 'what time do you open']], ['spa', ['book a massage', 'is the sauna open', 'spa treatments']]] as const) {
      const imported = await fetch(`${builder.baseUrl}/v1/Parley/Import`, {
        method: 'POST', headers: { authorization: authHeader(), 'content-type': 'application/json' },
        body: JSON.stringify({
          uniqueName: name, modelBuild: { uniqueName: 'v1' },
          tasks: [
            { uniqueName: 'hours', actions: { actions: [{ say: `${name}: open 9 to 5` }] }, samples: samples(...texts) },
            { uniqueName: 'wifi', actions: { actions: [{ say: 'The password is on your key card.' }] }, samples: samples('what is the wifi password', 'internet access', 'wifi not working') },
          ],
        }),
      });
      expect(imported.status).toBe(201);
    }
    await builder.parley.builds.drain();
    // An assistant with no completed build is passed over.
    await rest(builder, 'POST', '/v1/Assistants', { UniqueName: 'unbuilt' });
  });
  afterAll(async () => { await builder.close(); });

  it('says "loading models" on /readyz until every serving model is loaded and has answered once, then serves turns from memory', async () => {
    const held = holdingModelReads();
    const fresh = await startTestServer('model-warm-up', { shareWith: builder, wrapStore: held.wrap });
    try {
      expect((await fetch(`${fresh.baseUrl}/readyz`)).status).toBe(200); // nothing asked to load yet (as in tests and embedders)
      const warming = fresh.parley.warmUp();
      const loading = await fetch(`${fresh.baseUrl}/readyz`);
      expect(loading.status).toBe(503);
      expect(await loading.json()).toEqual({ status: 'unavailable', reason: 'loading models' });
      expect((await fetch(`${fresh.baseUrl}/healthz`)).status).toBe(200);
      held.release();
      expect(await warming).toEqual({ models: 2, skipped: 0 });
      expect(held.reads()).toBe(2);
      expect((await fetch(`${fresh.baseUrl}/readyz`)).status).toBe(200);
      const turn = await customPost(fresh, channelPath('spa', 'custom/web'), { text: 'is the sauna open', user_id: 'guest' });
      expect(turn.body.says).toEqual([{ speech: 'spa: open 9 to 5', text: 'spa: open 9 to 5' }]);
      expect(held.reads()).toBe(2); // the turn's model came from memory
    } finally {
      await fresh.close();
    }
  });

  it('reads and parses a model once for the turns that need it before it is loaded, and tries again after a failed read', async () => {
    const held = holdingModelReads();
    const fresh = await startTestServer('model-warm-up', { shareWith: builder, wrapStore: held.wrap });
    try {
      // Eight guests at once, the model not loaded yet (no warm-up): one read, which every turn waits for.
      const turns = Array.from({ length: 8 }, (_, i) => customPost(fresh, channelPath('spa', 'custom/web'), { text: 'is the sauna open', user_id: `guest${i}` }));
      const deadline = Date.now() + 5_000;
      while (held.reads() === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(held.reads()).toBe(1);
      held.release();
      for (const turn of await Promise.all(turns)) expect(turn.body.says).toEqual([{ speech: 'spa: open 9 to 5', text: 'spa: open 9 to 5' }]);
      expect(held.reads()).toBe(1);
    } finally {
      await fresh.close();
    }
    // A read that fails is not kept: the next turn reads again.
    let failures = 1;
    const failingOnce = (store: RecordStore): RecordStore => new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'getValue') {
          return async (scope: string, key: string) => {
            if (key.startsWith('model:') && failures > 0) {
              failures -= 1;
              throw new Error('connection is closed');
            }
            return target.getValue(scope, key);
          };
        }
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const again = await startTestServer('model-warm-up', { shareWith: builder, wrapStore: failingOnce });
    try {
      const failed = await customPost(again, channelPath('desk', 'custom/web'), { text: 'when are you open', user_id: 'guest' });
      expect(failed.status).toBe(503);
      const turn = await customPost(again, channelPath('desk', 'custom/web'), { text: 'when are you open', user_id: 'guest' });
      expect(turn.body.says).toEqual([{ speech: 'desk: open 9 to 5', text: 'desk: open 9 to 5' }]);
    } finally {
      await again.close();
    }
  });

  it('ends the loading when the store fails, so /readyz reports the store rather than hanging on models', async () => {
    // The store fails the warm-up's listing of assistants, then is back for the turn after it.
    let broken = true;
    const failing = (store: RecordStore): RecordStore => new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'list' && broken) return async () => { throw new Error('connection is closed'); };
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const fresh = await startTestServer('model-warm-up', { shareWith: builder, wrapStore: failing });
    try {
      expect(await fresh.parley.warmUp()).toBeNull();
      expect((await fetch(`${fresh.baseUrl}/readyz`)).status).toBe(200);
      broken = false;
      // The models still load on first use.
      const turn = await customPost(fresh, channelPath('desk', 'custom/web'), { text: 'when are you open', user_id: 'guest' });
      expect(turn.body.says).toEqual([{ speech: 'desk: open 9 to 5', text: 'desk: open 9 to 5' }]);
    } finally {
      await fresh.close();
    }
  });
});
