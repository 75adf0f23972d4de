import type { CompatibilityItem } from '../import-export/compatibility-report.js';
import { exportFrom } from '../import-export/export-assistant.js';
import { CliFailure, ImportRefused, type CliBackend } from './cli-backend.js';
import { EngineClient, engineError, isJson } from './engine-client.js';
import { restAssistantSource } from './rest-assistant-source.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Talk to a running engine: the embedded store lives inside the engine's process, so only the
 * engine can reach it. Import goes through `POST /v1/Parley/Import`, export through the REST GETs.
 */
export function httpBackend(baseUrl: string, env: Env): CliBackend {
  const accountSid = env.TWILIO_ACCOUNT_SID?.trim();
  const authToken = env.TWILIO_AUTH_TOKEN?.trim();
  if (!accountSid || !authToken) {
    throw new CliFailure('set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN to the engine\'s credentials (it prints generated ones at boot)');
  }
  if (!URL.canParse(baseUrl)) throw new CliFailure(`the engine URL "${baseUrl}" (--url or PARLEY_URL) is not a URL such as http://localhost:3000`);
  const client = new EngineClient(baseUrl, accountSid, authToken);
  return {
    description: `the engine at ${baseUrl}`,
    importSchema: async (schema, dryRun) => {
      const response = await client.request('POST', `/v1/Parley/Import${dryRun ? '?DryRun=true' : ''}`, schema);
      const body = isJson(response.body) ? response.body : {};
      if (response.status === 200 || response.status === 201) {
        const assistant = isJson(body.assistant) ? body.assistant : null;
        return {
          assistant: assistant && { sid: String(assistant.sid), uniqueName: String(assistant.unique_name) },
          report: (Array.isArray(body.report) ? body.report : []) as CompatibilityItem[],
        };
      }
      const report = isJson(body.details) ? body.details.report : undefined;
      if (Array.isArray(report)) throw new ImportRefused(engineError(response), report as CompatibilityItem[]);
      // The REST API takes at most 1 MB per request; the store takes any size.
      if (response.status === 413) throw new CliFailure(`${engineError(response)}: the engine takes bots of at most 1 MB; import a larger one with REDIS_URL set (straight into the store the engine uses)`);
      throw new CliFailure(engineError(response));
    },
    exportAssistant: (sidOrName) => exportFrom(restAssistantSource(client), sidOrName),
    finishBuild: async () => null, // the engine builds
    close: async () => undefined,
  };
}
