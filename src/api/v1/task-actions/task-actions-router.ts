import { Router } from 'express';
import { parseActionsDocument } from '../../../domain/json-documents.js';
import type { TaskRecord } from '../../../domain/records.js';
import { getTask, updateTask } from '../../../domain/tasks.js';
import { json, readParams } from '../../rest/params.js';
import type { ResourceUrls } from '../../rest/resource-urls.js';
import { pathParam, route } from '../../rest/route.js';
import type { RestDeps } from '../rest-deps.js';

function renderTaskActions(urls: ResourceUrls, t: TaskRecord): Record<string, unknown> {
  return {
    account_sid: urls.accountSid,
    assistant_sid: t.assistantSid,
    task_sid: t.sid,
    url: urls.under(t.assistantSid, 'Tasks', t.sid, 'Actions'),
    data: t.actions,
  };
}

export function taskActionsRouter({ ctx, urls }: RestDeps): Router {
  const router = Router();
  route(router, '/Assistants/:assistant/Tasks/:task/Actions', {
    get: async (req, res) => {
      res.json(renderTaskActions(urls, await getTask(ctx, pathParam(req, 'assistant'), pathParam(req, 'task'))));
    },
    post: async (req, res) => {
      const p = readParams(req.body, { Actions: json });
      const actions = p.Actions === undefined ? undefined : parseActionsDocument('Actions', p.Actions);
      const task = await updateTask(ctx, pathParam(req, 'assistant'), pathParam(req, 'task'), { actions });
      res.json(renderTaskActions(urls, task));
    },
  });
  return router;
}
