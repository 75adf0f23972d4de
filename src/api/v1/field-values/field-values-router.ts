import { Router } from 'express';
import { createFieldValue, deleteFieldValue, getFieldValue, listFieldValues } from '../../../domain/field-values.js';
import type { FieldValueRecord } from '../../../domain/records.js';
import { checkLanguage, checkNonEmptyText } from '../../../domain/validate.js';
import { listEnvelope, readListQuery } from '../../rest/paging.js';
import { readParams, requiredText, text } from '../../rest/params.js';
import type { ResourceUrls } from '../../rest/resource-urls.js';
import { pathParam, route } from '../../rest/route.js';
import type { RestDeps } from '../rest-deps.js';

export const MAX_FIELD_VALUE = 255;

export function renderFieldValue(urls: ResourceUrls, v: FieldValueRecord): Record<string, unknown> {
  return {
    account_sid: urls.accountSid,
    date_created: v.dateCreated,
    date_updated: v.dateUpdated,
    field_type_sid: v.fieldTypeSid,
    language: v.language,
    assistant_sid: v.assistantSid,
    sid: v.sid,
    value: v.value,
    url: urls.under(v.assistantSid, 'FieldTypes', v.fieldTypeSid, 'FieldValues', v.sid),
    synonym_of: v.synonymOf,
  };
}

/** Field values have no update in Autopilot: delete and create again. */
export function fieldValuesRouter({ ctx, urls }: RestDeps): Router {
  const router = Router();
  route(router, '/Assistants/:assistant/FieldTypes/:fieldType/FieldValues', {
    get: async (req, res) => {
      const query = readListQuery(req.query, ['Language']);
      const language = query.filters.find(([name]) => name === 'Language')?.[1];
      const page = await listFieldValues(ctx, pathParam(req, 'assistant'), pathParam(req, 'fieldType'), query.request, language);
      res.json(listEnvelope('field_values', urls.listUrl(req), query, page, (v) => renderFieldValue(urls, v)));
    },
    post: async (req, res) => {
      const p = readParams(req.body, { Language: requiredText, Value: requiredText, SynonymOf: text });
      const value = await createFieldValue(ctx, pathParam(req, 'assistant'), pathParam(req, 'fieldType'), {
        language: checkLanguage('Language', p.Language),
        value: checkNonEmptyText('Value', p.Value, MAX_FIELD_VALUE),
        synonymOf: p.SynonymOf,
      });
      res.status(201).json(renderFieldValue(urls, value));
    },
  });
  route(router, '/Assistants/:assistant/FieldTypes/:fieldType/FieldValues/:value', {
    get: async (req, res) => {
      const value = await getFieldValue(ctx, pathParam(req, 'assistant'), pathParam(req, 'fieldType'), pathParam(req, 'value'));
      res.json(renderFieldValue(urls, value));
    },
    delete: async (req, res) => {
      await deleteFieldValue(ctx, pathParam(req, 'assistant'), pathParam(req, 'fieldType'), pathParam(req, 'value'));
      res.status(204).end();
    },
  });
  return router;
}
