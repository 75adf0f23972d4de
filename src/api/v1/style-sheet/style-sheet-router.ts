import { Router } from 'express';
import { getAssistant, updateAssistant } from '../../../domain/assistants.js';
import { parseStyleSheetDocument } from '../../../domain/json-documents.js';
import type { Assistant } from '../../../domain/records.js';
import { json, readParams } from '../../rest/params.js';
import type { ResourceUrls } from '../../rest/resource-urls.js';
import { pathParam, route } from '../../rest/route.js';
import type { RestDeps } from '../rest-deps.js';

const renderStyleSheet = (urls: ResourceUrls, a: Assistant): Record<string, unknown> => ({
  account_sid: urls.accountSid,
  assistant_sid: a.sid,
  url: urls.under(a.sid, 'StyleSheet'),
  data: a.styleSheet,
});

export function styleSheetRouter({ ctx, urls }: RestDeps): Router {
  const router = Router();
  route(router, '/Assistants/:assistant/StyleSheet', {
    get: async (req, res) => {
      res.json(renderStyleSheet(urls, await getAssistant(ctx, pathParam(req, 'assistant'))));
    },
    post: async (req, res) => {
      const p = readParams(req.body, { StyleSheet: json });
      const styleSheet = p.StyleSheet === undefined ? undefined : parseStyleSheetDocument('StyleSheet', p.StyleSheet);
      res.json(renderStyleSheet(urls, await updateAssistant(ctx, pathParam(req, 'assistant'), { styleSheet })));
    },
  });
  return router;
}
