import { Router } from 'express';
import type { SampleRecord } from '../../../domain/records.js';
import { SOURCE_CHANNELS, createSample, deleteSample, getSample, listSamples, updateSample, type SampleInput } from '../../../domain/samples.js';
import { checkLanguage, checkNonEmptyText, checkOneOf } from '../../../domain/validate.js';
import { listEnvelope, readListQuery } from '../../rest/paging.js';
import { readParams, text, type Params } from '../../rest/params.js';
import type { ResourceUrls } from '../../rest/resource-urls.js';
import { pathParam, route } from '../../rest/route.js';
import type { RestDeps } from '../rest-deps.js';

const SAMPLE_PARAMS = { Language: text, TaggedText: text, SourceChannel: text } as const;
export const MAX_TAGGED_TEXT = 2048;

export function renderSample(urls: ResourceUrls, s: SampleRecord): Record<string, unknown> {
  return {
    account_sid: urls.accountSid,
    date_created: s.dateCreated,
    date_updated: s.dateUpdated,
    task_sid: s.taskSid,
    language: s.language,
    assistant_sid: s.assistantSid,
    sid: s.sid,
    tagged_text: s.taggedText,
    url: urls.under(s.assistantSid, 'Tasks', s.taskSid, 'Samples', s.sid),
    source_channel: s.sourceChannel,
  };
}

function sampleInput(p: Params<typeof SAMPLE_PARAMS>): SampleInput {
  return {
    language: p.Language === undefined ? undefined : checkLanguage('Language', p.Language),
    taggedText: p.TaggedText === undefined ? undefined : checkNonEmptyText('TaggedText', p.TaggedText, MAX_TAGGED_TEXT),
    sourceChannel: p.SourceChannel === undefined ? undefined
      : p.SourceChannel === '' ? null : checkOneOf('SourceChannel', p.SourceChannel, SOURCE_CHANNELS),
  };
}

export function samplesRouter({ ctx, urls }: RestDeps): Router {
  const router = Router();
  route(router, '/Assistants/:assistant/Tasks/:task/Samples', {
    get: async (req, res) => {
      const query = readListQuery(req.query, ['Language']);
      const language = query.filters.find(([name]) => name === 'Language')?.[1];
      const page = await listSamples(ctx, pathParam(req, 'assistant'), pathParam(req, 'task'), query.request, language);
      res.json(listEnvelope('samples', urls.listUrl(req), query, page, (s) => renderSample(urls, s)));
    },
    post: async (req, res) => {
      const p = readParams(req.body, { ...SAMPLE_PARAMS, Language: { kind: 'string', required: true }, TaggedText: { kind: 'string', required: true } });
      const input = sampleInput(p);
      const sample = await createSample(ctx, pathParam(req, 'assistant'), pathParam(req, 'task'), {
        ...input, language: input.language!, taggedText: input.taggedText!,
      });
      res.status(201).json(renderSample(urls, sample));
    },
  });
  route(router, '/Assistants/:assistant/Tasks/:task/Samples/:sample', {
    get: async (req, res) => {
      res.json(renderSample(urls, await getSample(ctx, pathParam(req, 'assistant'), pathParam(req, 'task'), pathParam(req, 'sample'))));
    },
    post: async (req, res) => {
      const input = sampleInput(readParams(req.body, SAMPLE_PARAMS));
      const sample = await updateSample(ctx, pathParam(req, 'assistant'), pathParam(req, 'task'), pathParam(req, 'sample'), input);
      res.json(renderSample(urls, sample));
    },
    delete: async (req, res) => {
      await deleteSample(ctx, pathParam(req, 'assistant'), pathParam(req, 'task'), pathParam(req, 'sample'));
      res.status(204).end();
    },
  });
  return router;
}
