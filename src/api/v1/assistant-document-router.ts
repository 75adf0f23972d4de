import { Router } from 'express';
import { getAssistant, updateAssistant, type AssistantInput } from '../../domain/assistants.js';
import type { Assistant } from '../../domain/records.js';
import { json, readParams } from '../rest/params.js';
import { pathParam, route } from '../rest/route.js';
import type { RestDeps } from './rest-deps.js';

/** One of the JSON documents an assistant carries as a sub-resource (Defaults, StyleSheet). */
export interface AssistantDocument {
  /** Path segment and form parameter, e.g. `Defaults`. */
  readonly name: 'Defaults' | 'StyleSheet';
  readonly read: (assistant: Assistant) => unknown;
  /** Validate the parameter and say which assistant field it updates. */
  readonly parse: (param: string, value: unknown) => AssistantInput;
}

/** GET answers `{account_sid, assistant_sid, url, data}`; POST replaces the document. */
export function assistantDocumentRouter(document: AssistantDocument, { ctx, urls }: RestDeps): Router {
  const render = (a: Assistant): Record<string, unknown> => ({
    account_sid: urls.accountSid,
    assistant_sid: a.sid,
    url: urls.under(a.sid, document.name),
    data: document.read(a),
  });
  const router = Router();
  route(router, `/Assistants/:assistant/${document.name}`, {
    get: async (req, res) => {
      res.json(render(await getAssistant(ctx, pathParam(req, 'assistant'))));
    },
    post: async (req, res) => {
      const value = readParams(req.body, { [document.name]: json })[document.name];
      const input = value === undefined ? {} : document.parse(document.name, value);
      res.json(render(await updateAssistant(ctx, pathParam(req, 'assistant'), input)));
    },
  });
  return router;
}
