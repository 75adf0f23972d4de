import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, getAssistant } from '../../src/domain/assistants.js';
import type { DomainContext } from '../../src/domain/domain-context.js';
import { loadDemoAssistant } from '../../src/demo/load-demo-assistant.js';
import { exportAssistant } from '../../src/import-export/export-assistant.js';
import { collections } from '../../src/store/collections.js';
import { channelPath, customPost } from '../support/channel-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

function capturingLogger(): { logger: pino.Logger; lines: () => any[] } {
  const written: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => { written.push(line); } });
  return { logger, lines: () => written.map((line) => JSON.parse(line)) };
}

describe('the demo assistant', () => {
  let server: TestServer;
  let ctx: DomainContext;
  beforeAll(async () => {
    server = await startTestServer('demo-assistant');
    ctx = server.parley.ctx;
  });
  afterAll(async () => { await server.close(); });

  it('is imported and built on an empty store, with one log line naming it', async () => {
    const { logger, lines } = capturingLogger();
    await loadDemoAssistant(ctx, server.parley.builds, logger);
    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toMatchObject({ level: 30, uniqueName: 'parley-pizza', msg: 'loaded the demo assistant "parley-pizza"' });
    await server.parley.builds.drain();
    const assistant = await getAssistant(ctx, 'parley-pizza');
    expect(assistant).toMatchObject({ needsModelBuild: false, latestModelBuildSid: expect.stringMatching(/^UG/) });
    const exported = await exportAssistant(ctx, 'parley-pizza');
    expect(exported.tasks?.map((t) => t.uniqueName)).toEqual(['greeting', 'order_pizza', 'order_placed', 'hours', 'goodbye', 'fallback']);
    expect(exported.modelBuild).toEqual({ uniqueName: 'v1' });
  });

  it('takes the size and number a user already said instead of asking for them (prefill)', async () => {
    const { sid } = await getAssistant(ctx, 'parley-pizza');
    const path = channelPath(sid, 'custom/web', 'v2');
    const says = async (text: string, user: string): Promise<string[]> =>
      (await customPost(server, path, { Text: text, UserId: user })).body.response.says.map((s: { text: string }) => s.text);
    expect(await says('I want 2 large pizzas', 'prefill-1')).toEqual(['Great, your order is in. It will be ready in about twenty minutes. Anything else?']);
    expect(await says('can I get a big pizza', 'prefill-2')).toEqual(['How many pizzas should we make?']);
    expect(await says('I want to order a pizza', 'prefill-3')).toEqual(['What size would you like: small, medium or large?']);
  });

  it('is left alone once the store holds an assistant', async () => {
    const { logger, lines } = capturingLogger();
    await loadDemoAssistant(ctx, server.parley.builds, logger);
    expect(lines()).toEqual([]);
    expect(await ctx.store.count(collections.assistants(ctx.accountSid))).toBe(1);
  });

  it('is not loaded beside a user\'s own assistant', async () => {
    const other = await startTestServer('demo-assistant-other');
    try {
      await createAssistant(other.parley.ctx, { uniqueName: 'mine' });
      await loadDemoAssistant(other.parley.ctx, other.parley.builds, pino({ level: 'silent' }));
      expect(await other.parley.ctx.store.count(collections.assistants(other.parley.ctx.accountSid))).toBe(1);
    } finally {
      await other.close();
    }
  });
});
