import { Router } from 'express';
import type { FieldRecord } from '../../../domain/records.js';
import { createField, deleteField, getField, listFields } from '../../../domain/task-fields.js';
import { checkUniqueName } from '../../../domain/validate.js';
import { listEnvelope, readListQuery } from '../../rest/paging.js';
import { readParams, requiredText } from '../../rest/params.js';
import type { ResourceUrls } from '../../rest/resource-urls.js';
import { pathParam, route } from '../../rest/route.js';
import type { RestDeps } from '../rest-deps.js';

export function renderField(urls: ResourceUrls, f: FieldRecord): Record<string, unknown> {
  return {
    account_sid: urls.accountSid,
    date_created: f.dateCreated,
    date_updated: f.dateUpdated,
    field_type: f.fieldType,
    task_sid: f.taskSid,
    assistant_sid: f.assistantSid,
    sid: f.sid,
    unique_name: f.uniqueName,
    url: urls.under(f.assistantSid, 'Tasks', f.taskSid, 'Fields', f.sid),
  };
}

/** Fields have no update in Autopilot: delete and create again. */
export function fieldsRouter({ ctx, urls }: RestDeps): Router {
  const router = Router();
  route(router, '/Assistants/:assistant/Tasks/:task/Fields', {
    get: async (req, res) => {
      const query = readListQuery(req.query);
      const page = await listFields(ctx, pathParam(req, 'assistant'), pathParam(req, 'task'), query.request);
      res.json(listEnvelope('fields', urls.listUrl(req), query, page, (f) => renderField(urls, f)));
    },
    post: async (req, res) => {
      const p = readParams(req.body, { FieldType: requiredText, UniqueName: requiredText });
      const field = await createField(ctx, pathParam(req, 'assistant'), pathParam(req, 'task'), {
        uniqueName: checkUniqueName('UniqueName', p.UniqueName),
        fieldType: p.FieldType,
      });
      res.status(201).json(renderField(urls, field));
    },
  });
  route(router, '/Assistants/:assistant/Tasks/:task/Fields/:field', {
    get: async (req, res) => {
      res.json(renderField(urls, await getField(ctx, pathParam(req, 'assistant'), pathParam(req, 'task'), pathParam(req, 'field'))));
    },
    delete: async (req, res) => {
      await deleteField(ctx, pathParam(req, 'assistant'), pathParam(req, 'task'), pathParam(req, 'field'));
      res.status(204).end();
    },
  });
  return router;
}
