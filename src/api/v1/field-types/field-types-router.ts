import { invalidParameter } from '../../../errors/error-catalogue.js';
import { Router } from 'express';
import { createFieldType, deleteFieldType, getFieldType, listFieldTypes, updateFieldType } from '../../../domain/field-types.js';
import type { FieldTypeRecord } from '../../../domain/records.js';
import { checkText, checkUniqueName } from '../../../domain/validate.js';
import { listEnvelope, readListQuery } from '../../rest/paging.js';
import { readParams, requiredText, text } from '../../rest/params.js';
import type { ResourceUrls } from '../../rest/resource-urls.js';
import { pathParam, route } from '../../rest/route.js';
import type { RestDeps } from '../rest-deps.js';

export function renderFieldType(urls: ResourceUrls, t: FieldTypeRecord): Record<string, unknown> {
  const url = urls.under(t.assistantSid, 'FieldTypes', t.sid);
  return {
    account_sid: urls.accountSid,
    date_created: t.dateCreated,
    date_updated: t.dateUpdated,
    friendly_name: t.friendlyName,
    links: { field_values: `${url}/FieldValues` },
    assistant_sid: t.assistantSid,
    sid: t.sid,
    unique_name: t.uniqueName,
    url,
  };
}

export function fieldTypesRouter({ ctx, urls }: RestDeps): Router {
  const router = Router();
  route(router, '/Assistants/:assistant/FieldTypes', {
    get: async (req, res) => {
      const query = readListQuery(req.query);
      const page = await listFieldTypes(ctx, pathParam(req, 'assistant'), query.request);
      res.json(listEnvelope('field_types', urls.listUrl(req), query, page, (t) => renderFieldType(urls, t)));
    },
    post: async (req, res) => {
      const p = readParams(req.body, { UniqueName: requiredText, FriendlyName: text });
      const fieldType = await createFieldType(ctx, pathParam(req, 'assistant'), {
        uniqueName: checkFieldTypeName(p.UniqueName),
        friendlyName: p.FriendlyName === undefined ? undefined : checkText('FriendlyName', p.FriendlyName, 255),
      });
      res.status(201).json(renderFieldType(urls, fieldType));
    },
  });
  route(router, '/Assistants/:assistant/FieldTypes/:fieldType', {
    get: async (req, res) => {
      res.json(renderFieldType(urls, await getFieldType(ctx, pathParam(req, 'assistant'), pathParam(req, 'fieldType'))));
    },
    post: async (req, res) => {
      const p = readParams(req.body, { UniqueName: text, FriendlyName: text });
      const fieldType = await updateFieldType(ctx, pathParam(req, 'assistant'), pathParam(req, 'fieldType'), {
        uniqueName: p.UniqueName === undefined ? undefined : checkFieldTypeName(p.UniqueName),
        friendlyName: p.FriendlyName === undefined ? undefined : checkText('FriendlyName', p.FriendlyName, 255),
      });
      res.json(renderFieldType(urls, fieldType));
    },
    delete: async (req, res) => {
      await deleteFieldType(ctx, pathParam(req, 'assistant'), pathParam(req, 'fieldType'));
      res.status(204).end();
    },
  });
  return router;
}

/** `Twilio.` names the built-in types: a custom type of such a name would pass for one (docs/field-types.md). */
function checkFieldTypeName(name: string): string {
  if (/^twilio\./i.test(name)) throw invalidParameter('UniqueName', `"${name}": names starting with Twilio. belong to the built-in types`);
  return checkUniqueName('UniqueName', name);
}
