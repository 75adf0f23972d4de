import { Router } from 'express';
import { createModelBuild, deleteModelBuild, getModelBuild, listModelBuilds, renameModelBuild } from '../../../domain/model-builds.js';
import type { ModelBuildRecord } from '../../../domain/records.js';
import { checkUniqueName, checkUrl } from '../../../domain/validate.js';
import { listEnvelope, readListQuery } from '../../rest/paging.js';
import { readParams, text } from '../../rest/params.js';
import type { ResourceUrls } from '../../rest/resource-urls.js';
import { pathParam, route } from '../../rest/route.js';
import type { RestDeps } from '../rest-deps.js';

export function renderModelBuild(urls: ResourceUrls, b: ModelBuildRecord): Record<string, unknown> {
  return {
    account_sid: urls.accountSid,
    date_created: b.dateCreated,
    date_updated: b.dateUpdated,
    assistant_sid: b.assistantSid,
    sid: b.sid,
    status: b.status,
    unique_name: b.uniqueName,
    url: urls.under(b.assistantSid, 'ModelBuilds', b.sid),
    build_duration: b.buildDuration,
    error_code: b.errorCode,
  };
}

export function modelBuildsRouter({ ctx, urls, builds }: RestDeps): Router {
  const router = Router();
  route(router, '/Assistants/:assistant/ModelBuilds', {
    get: async (req, res) => {
      const query = readListQuery(req.query);
      const page = await listModelBuilds(ctx, pathParam(req, 'assistant'), query.request);
      res.json(listEnvelope('model_builds', urls.listUrl(req), query, page, (b) => renderModelBuild(urls, b)));
    },
    post: async (req, res) => {
      const p = readParams(req.body, { StatusCallback: text, UniqueName: text });
      const build = await createModelBuild(ctx, builds, pathParam(req, 'assistant'), {
        uniqueName: p.UniqueName === undefined || p.UniqueName === '' ? undefined : checkUniqueName('UniqueName', p.UniqueName),
        statusCallback: p.StatusCallback === undefined || p.StatusCallback === '' ? undefined : checkUrl('StatusCallback', p.StatusCallback),
      });
      res.status(201).json(renderModelBuild(urls, build));
    },
  });
  route(router, '/Assistants/:assistant/ModelBuilds/:build', {
    get: async (req, res) => {
      res.json(renderModelBuild(urls, await getModelBuild(ctx, pathParam(req, 'assistant'), pathParam(req, 'build'))));
    },
    post: async (req, res) => {
      const p = readParams(req.body, { UniqueName: text });
      const uniqueName = p.UniqueName === undefined ? undefined : checkUniqueName('UniqueName', p.UniqueName);
      res.json(renderModelBuild(urls, await renameModelBuild(ctx, pathParam(req, 'assistant'), pathParam(req, 'build'), uniqueName)));
    },
    delete: async (req, res) => {
      await deleteModelBuild(ctx, pathParam(req, 'assistant'), pathParam(req, 'build'));
      res.status(204).end();
    },
  });
  return router;
}
