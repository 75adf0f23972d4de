import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rest, startTestServer, type TestServer } from '../support/test-server.js';

describe('REST smoke', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer('smoke'); });
  afterAll(async () => { await server.close(); });

  it('creates an assistant with a hello-world task', async () => {
    const created = await rest(server, 'POST', '/v1/Assistants', { UniqueName: 'smoke', FriendlyName: 'Smoke' });
    expect(created.status).toBe(201);
    expect(created.body.sid).toMatch(/^UA[0-9a-f]{32}$/);
    const tasks = await rest(server, 'GET', '/v1/Assistants/smoke/Tasks');
    expect(tasks.status).toBe(200);
    expect(tasks.body.tasks.map((t: any) => t.unique_name)).toEqual(['hello-world']);
    expect(tasks.body.meta.key).toBe('tasks');
  });
});
