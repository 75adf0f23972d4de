import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from './test-server.js';

const require = createRequire(import.meta.url);

// The official Autopilot CLI core (@dabblelab/autopilot-core 1.0.1), with its exact signatures:
// createAssistant(schemaFile, client) reads the file with require(); exportAssistant(assistant,
// client) writes `<uniqueName>.json` into process.cwd() and resolves with its `filename`;
// deleteAssistant(assistant, client) deletes child by child, as `twilio autopilot:delete` does.
export const coreCreateAssistant: (schemaFile: string, client: unknown) => Promise<any> =
  require('@dabblelab/autopilot-core/src/autopilot-core/createAssistant');
const coreExportAssistant: (assistant: string, client: unknown) => Promise<any> =
  require('@dabblelab/autopilot-core/src/autopilot-core/exportAssistant');
export const coreDeleteAssistant: (assistant: string, client: unknown) => Promise<unknown> =
  require('@dabblelab/autopilot-core/src/autopilot-core/deleteAssistant');

/** twilio 3.84.1 (what autopilot-core uses) with every https://autopilot.twilio.com request sent to `baseUrl`. */
export function twilioV3ClientFor(baseUrl: string): unknown {
  const twilio = require('twilio-v3');
  const RequestClient = require('twilio-v3/lib/base/RequestClient');
  class LoopbackRequestClient extends RequestClient {
    request(opts: { uri: string }): unknown {
      return super.request({ ...opts, uri: opts.uri.replace(/^https:\/\/autopilot\.twilio\.com/, baseUrl) });
    }
  }
  return twilio(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, { httpClient: new LoopbackRequestClient() });
}

/** Run autopilot-core's exporter in a scratch directory (it always writes into the cwd) and read its file. */
export async function coreExport(client: unknown, uniqueName: string, dir: string): Promise<any> {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const { filename } = await coreExportAssistant(uniqueName, client);
    return JSON.parse(readFileSync(join(dir, filename), 'utf8'));
  } finally {
    process.chdir(cwd);
  }
}
