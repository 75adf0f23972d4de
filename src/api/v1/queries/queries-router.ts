import { Router } from 'express';
import { MAX_QUERY_LENGTH, QUERY_STATUSES, createQuery, deleteQuery, getQuery, listQueries, updateQuery } from '../../../domain/queries.js';
import type { QueryRecord } from '../../../domain/records.js';
import { checkLanguage, checkNonEmptyText, checkOneOf, checkText } from '../../../domain/validate.js';
import { listEnvelope, readListQuery } from '../../rest/paging.js';
import { readParams, requiredText, text } from '../../rest/params.js';
import type { ResourceUrls } from '../../rest/resource-urls.js';
import { pathParam, route } from '../../rest/route.js';
import type { RestDeps } from '../rest-deps.js';

/** Autopilot echoed list filters in this order (autopilot.md §1.6). */
const QUERY_FILTERS = ['Status', 'ModelBuild', 'DialogueSid', 'Language'] as const;

export function renderQuery(urls: ResourceUrls, q: QueryRecord): Record<string, unknown> {
  return {
    account_sid: urls.accountSid,
    date_created: q.dateCreated,
    date_updated: q.dateUpdated,
    results: q.results,
    language: q.language,
    model_build_sid: q.modelBuildSid,
    query: q.query,
    sample_sid: q.sampleSid,
    assistant_sid: q.assistantSid,
    sid: q.sid,
    status: q.status,
    url: urls.under(q.assistantSid, 'Queries', q.sid),
    source_channel: q.sourceChannel,
    dialogue_sid: q.dialogueSid,
  };
}

export function queriesRouter({ ctx, urls, nlu }: RestDeps): Router {
  const router = Router();
  route(router, '/Assistants/:assistant/Queries', {
    get: async (req, res) => {
      const query = readListQuery(req.query, QUERY_FILTERS);
      const filter = Object.fromEntries(query.filters);
      const page = await listQueries(ctx, pathParam(req, 'assistant'), query.request, {
        language: filter.Language, modelBuild: filter.ModelBuild, dialogueSid: filter.DialogueSid,
        // A status no query can have is a mistake (as on update), not an empty list.
        status: filter.Status === undefined ? undefined : checkOneOf('Status', filter.Status, QUERY_STATUSES),
      });
      res.json(listEnvelope('queries', urls.listUrl(req), query, page, (q) => renderQuery(urls, q)));
    },
    post: async (req, res) => {
      const p = readParams(req.body, { Language: requiredText, Query: requiredText, Tasks: text, Field: text, ModelBuild: text });
      const created = await createQuery(ctx, nlu, pathParam(req, 'assistant'), {
        language: checkLanguage('Language', p.Language),
        query: checkNonEmptyText('Query', p.Query, MAX_QUERY_LENGTH),
        tasks: p.Tasks === undefined ? undefined : checkText('Tasks', p.Tasks, 4096),
        field: p.Field === undefined ? undefined : checkText('Field', p.Field, 129),
        modelBuild: p.ModelBuild === undefined || p.ModelBuild === '' ? undefined : p.ModelBuild,
      });
      res.status(201).json(renderQuery(urls, created));
    },
  });
  route(router, '/Assistants/:assistant/Queries/:query', {
    get: async (req, res) => {
      res.json(renderQuery(urls, await getQuery(ctx, pathParam(req, 'assistant'), pathParam(req, 'query'))));
    },
    post: async (req, res) => {
      const p = readParams(req.body, { SampleSid: text, Status: text });
      const updated = await updateQuery(ctx, pathParam(req, 'assistant'), pathParam(req, 'query'), {
        sampleSid: p.SampleSid,
        status: p.Status === undefined ? undefined : checkOneOf('Status', p.Status, QUERY_STATUSES),
      });
      res.json(renderQuery(urls, updated));
    },
    delete: async (req, res) => {
      await deleteQuery(ctx, pathParam(req, 'assistant'), pathParam(req, 'query'));
      res.status(204).end();
    },
  });
  return router;
}
