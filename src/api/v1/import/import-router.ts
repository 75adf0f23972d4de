import { Router, type Request } from 'express';
import { ParleyError, invalidParameter } from '../../../errors/error-catalogue.js';
import { importAssistant } from '../../../import-export/import-assistant.js';
import { route } from '../../rest/route.js';
import { renderAssistant } from '../assistants/assistants-router.js';
import type { RestDeps } from '../rest-deps.js';
import { requestContextOf, requestLogger } from '../../../logging/request-context.js';

/** `?DryRun=true` asks for the compatibility report alone. */
function readDryRun(req: Request): boolean {
  const raw = req.query.DryRun;
  if (raw === undefined) return false;
  if (typeof raw !== 'string' || !/^(true|false)$/i.test(raw.trim())) throw invalidParameter('DryRun', 'expected true or false');
  return raw.trim().toLowerCase() === 'true';
}

/**
 * `POST /v1/Parley/Import`: Parley's own endpoint (Autopilot had none), taking an Autopilot CLI
 * schema as the JSON body (docs/import-export.md). 201 `{assistant, report}`; on a dry run 200
 * `{report}`; 400 when the schema is unusable or its report has errors (`details.report`).
 */
export function importRouter({ ctx, urls, builds, logger }: RestDeps): Router {
  const router = Router();
  route(router, '/Parley/Import', {
    post: async (req, res) => {
      // The schema is a JSON document; a form would turn it into strings.
      if (!req.is('application/json')) throw new ParleyError('UNSUPPORTED_MEDIA_TYPE', 'Send the schema as application/json');
      const dryRun = readDryRun(req);
      const { assistant, report } = await importAssistant(ctx, req.body, { dryRun, builds });
      if (assistant === null) {
        res.json({ report });
        return;
      }
      requestLogger(logger, requestContextOf(res)).info({ assistantSid: assistant.sid, uniqueName: assistant.uniqueName, warnings: report.length }, 'imported an assistant');
      res.status(201).json({ assistant: renderAssistant(urls, assistant), report });
    },
  });
  return router;
}
