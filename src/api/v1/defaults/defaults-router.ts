import { Router } from 'express';
import { getAssistant, updateAssistant } from '../../../domain/assistants.js';
import { parseDefaultsDocument } from '../../../domain/json-documents.js';
import type { Assistant } from '../../../domain/records.js';
import { json, readParams } from '../../rest/params.js';
import type { ResourceUrls } from '../../rest/resource-urls.js';
import { pathParam, route } from '../../rest/route.js';
import type { RestDeps } from '../rest-deps.js';

const renderDefaults = (urls: ResourceUrls, a: Assistant): Record<string, unknown> => ({
  account_sid: urls.accountSid,
  assistant_sid: a.sid,
  url: urls.under(a.sid, 'Defaults'),
  data: a.defaults,
});

export function defaultsRouter({ ctx, urls }: RestDeps): Router {
  const router = Router();
  route(router, '/Assistants/:assistant/Defaults', {
    get: async (req, res) => {
      res.json(renderDefaults(urls, await getAssistant(ctx, pathParam(req, 'assistant'))));
    },
    post: async (req, res) => {
      const p = readParams(req.body, { Defaults: json });
      const defaults = p.Defaults === undefined ? undefined : parseDefaultsDocument('Defaults', p.Defaults);
      res.json(renderDefaults(urls, await updateAssistant(ctx, pathParam(req, 'assistant'), { defaults })));
    },
  });
  return router;
}
