import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelPath, customPost } from '../support/channel-client.js';
import { rest, startTestServer, type TestServer } from '../support/test-server.js';

// A model knows its tasks by the names they had when it was built; tasks renamed or deleted since must
// not send users to the wrong task before the next build.
const SAMPLES: Record<string, string[]> = {
  joke: ['tell me a joke', 'make me laugh', 'say something funny', 'i want to hear a joke', 'know any good jokes', 'another joke please'],
  weather: ['what is the weather like', 'is it raining', 'will it be sunny tomorrow', 'weather forecast please', 'how cold is it outside', 'do i need an umbrella'],
};

async function waitForBuild(server: TestServer, sid: string): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    const build = (await rest(server, 'GET', `/v1/Assistants/renames/ModelBuilds/${sid}`)).body;
    if (build.status === 'completed') return;
    if (build.status === 'failed') throw new Error(`build failed: ${build.error_code}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('build did not finish');
}

const query = async (server: TestServer, text: string, extra: Record<string, string> = {}) =>
  (await rest(server, 'POST', '/v1/Assistants/renames/Queries', { Language: 'en-US', Query: text, ...extra })).body.results;

const chat = async (server: TestServer, text: string, user: string): Promise<string[]> => {
  const answer = await customPost(server, channelPath('renames', 'custom/chat', 'v2'), { Text: text, UserId: user });
  expect(answer.status).toBe(200);
  return answer.body.response.says.map((say: { text: string }) => say.text);
};

describe('a model built before tasks were renamed or deleted', () => {
  let server: TestServer;
  const sids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer('nlu-task-renames');
    await rest(server, 'POST', '/v1/Assistants', { UniqueName: 'renames', Defaults: JSON.stringify({ defaults: { fallback: 'task://fallback' } }) });
    await rest(server, 'POST', '/v1/Assistants/renames/Tasks', { UniqueName: 'fallback', Actions: JSON.stringify({ actions: [{ say: 'FALLBACK' }] }) });
    for (const [task, samples] of Object.entries(SAMPLES)) {
      const created = await rest(server, 'POST', '/v1/Assistants/renames/Tasks', { UniqueName: task, Actions: JSON.stringify({ actions: [{ say: task.toUpperCase() }] }) });
      sids[task] = created.body.sid;
      for (const sample of samples) await rest(server, 'POST', `/v1/Assistants/renames/Tasks/${task}/Samples`, { Language: 'en-US', TaggedText: sample });
    }
    const build = await rest(server, 'POST', '/v1/Assistants/renames/ModelBuilds', {});
    await waitForBuild(server, build.body.sid);
    // Swap the two names: the task that was "joke" is now "weather" and the other way round.
    await rest(server, 'POST', '/v1/Assistants/renames/Tasks/joke', { UniqueName: 'tmp' });
    await rest(server, 'POST', '/v1/Assistants/renames/Tasks/weather', { UniqueName: 'joke' });
    await rest(server, 'POST', '/v1/Assistants/renames/Tasks/tmp', { UniqueName: 'weather' });
  });

  afterAll(async () => {
    await server.close();
  });

  it('answers Queries with the task the model learnt, under its name of now', async () => {
    const jokes = await query(server, 'tell me a joke');
    expect(jokes.task).toMatchObject({ name: 'weather', task_sid: sids.joke });
    expect(jokes.next_best_task === null || jokes.next_best_task === 'joke').toBe(true);
    const rain = await query(server, 'is it raining');
    expect(rain.task).toMatchObject({ name: 'joke', task_sid: sids.weather });
    // Tasks restricts by the names of now.
    expect((await query(server, 'tell me a joke', { Tasks: 'weather' })).task).toMatchObject({ name: 'weather', task_sid: sids.joke });
  });

  it('runs the actions of the task the model learnt in a dialogue', async () => {
    // The task now named "weather" (learnt as joke) says JOKE: its actions are its own, whatever its name.
    expect(await chat(server, 'tell me a joke', 'user-1')).toEqual(['JOKE']);
    expect(await chat(server, 'is it raining', 'user-2')).toEqual(['WEATHER']);
  });

  it('no longer answers with a task deleted since the build', async () => {
    await rest(server, 'POST', '/v1/Assistants/renames/Tasks/joke/Samples', {});
    const samples = (await rest(server, 'GET', '/v1/Assistants/renames/Tasks/joke/Samples')).body.samples as Array<{ sid: string }>;
    for (const sample of samples) await rest(server, 'DELETE', `/v1/Assistants/renames/Tasks/joke/Samples/${sample.sid}`);
    expect((await rest(server, 'DELETE', '/v1/Assistants/renames/Tasks/joke')).status).toBe(204);
    const rain = await query(server, 'is it raining');
    expect(rain.task.name).not.toBe('joke');
    expect(rain.task.task_sid).not.toBe(sids.weather);
    expect(await chat(server, 'is it raining', 'user-3')).not.toEqual(['WEATHER']);
  });
});
