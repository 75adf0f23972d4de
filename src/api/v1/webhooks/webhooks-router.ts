import { Router } from 'express';
import type { WebhookRecord } from '../../../domain/records.js';
import { checkOneOf, checkUniqueName, checkUrl } from '../../../domain/validate.js';
import { createWebhook, deleteWebhook, getWebhook, listWebhooks, updateWebhook, type WebhookInput } from '../../../domain/webhooks.js';
import { listEnvelope, readListQuery } from '../../rest/paging.js';
import { readParams, text, type Params } from '../../rest/params.js';
import type { ResourceUrls } from '../../rest/resource-urls.js';
import { pathParam, route } from '../../rest/route.js';
import type { RestDeps } from '../rest-deps.js';

const WEBHOOK_PARAMS = { UniqueName: text, Events: text, WebhookUrl: text, WebhookMethod: text } as const;

export function renderWebhook(urls: ResourceUrls, w: WebhookRecord): Record<string, unknown> {
  return {
    url: urls.under(w.assistantSid, 'Webhooks', w.sid),
    account_sid: urls.accountSid,
    date_created: w.dateCreated,
    date_updated: w.dateUpdated,
    assistant_sid: w.assistantSid,
    sid: w.sid,
    unique_name: w.uniqueName,
    events: w.events,
    webhook_url: w.webhookUrl,
    webhook_method: w.webhookMethod,
  };
}

function webhookInput(p: Params<typeof WEBHOOK_PARAMS>): WebhookInput {
  return {
    uniqueName: p.UniqueName === undefined ? undefined : checkUniqueName('UniqueName', p.UniqueName),
    events: p.Events,
    webhookUrl: p.WebhookUrl === undefined ? undefined : checkUrl('WebhookUrl', p.WebhookUrl),
    webhookMethod: p.WebhookMethod === undefined ? undefined : checkOneOf('WebhookMethod', p.WebhookMethod.toUpperCase(), ['GET', 'POST'] as const),
  };
}

export function webhooksRouter({ ctx, urls }: RestDeps): Router {
  const router = Router();
  route(router, '/Assistants/:assistant/Webhooks', {
    get: async (req, res) => {
      const query = readListQuery(req.query);
      const page = await listWebhooks(ctx, pathParam(req, 'assistant'), query.request);
      res.json(listEnvelope('webhooks', urls.listUrl(req), query, page, (w) => renderWebhook(urls, w)));
    },
    post: async (req, res) => {
      const required = { kind: 'string', required: true } as const;
      const input = webhookInput(readParams(req.body, { ...WEBHOOK_PARAMS, UniqueName: required, Events: required, WebhookUrl: required }));
      const webhook = await createWebhook(ctx, pathParam(req, 'assistant'), {
        ...input, uniqueName: input.uniqueName!, events: input.events!, webhookUrl: input.webhookUrl!,
      });
      res.status(201).json(renderWebhook(urls, webhook));
    },
  });
  route(router, '/Assistants/:assistant/Webhooks/:webhook', {
    get: async (req, res) => {
      res.json(renderWebhook(urls, await getWebhook(ctx, pathParam(req, 'assistant'), pathParam(req, 'webhook'))));
    },
    post: async (req, res) => {
      const input = webhookInput(readParams(req.body, WEBHOOK_PARAMS));
      res.json(renderWebhook(urls, await updateWebhook(ctx, pathParam(req, 'assistant'), pathParam(req, 'webhook'), input)));
    },
    delete: async (req, res) => {
      await deleteWebhook(ctx, pathParam(req, 'assistant'), pathParam(req, 'webhook'));
      res.status(204).end();
    },
  });
  return router;
}
