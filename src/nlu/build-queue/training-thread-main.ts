// The training thread's entry (see training-thread.ts): trains the models it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { trainNluModel } from '../nlu-model.js';
import type { TrainingReply, TrainingRequest } from './training-thread.js';

const port = parentPort!;
port.on('message', ({ id, buildSid, set }: TrainingRequest) => {
  let reply: TrainingReply;
  try {
    reply = { id, model: JSON.stringify(trainNluModel(buildSid, set)) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
