import { Router } from 'express';
import { parseActionsDocument } from '../../../domain/json-documents.js';
import type { TaskRecord } from '../../../domain/records.js';
import { createTask, deleteTask, getTask, listTasks, updateTask, type TaskInput } from '../../../domain/tasks.js';
import { checkText, checkUniqueName, checkUrl } from '../../../domain/validate.js';
import { listEnvelope, readListQuery } from '../../rest/paging.js';
import { json, readParams, text, type Params } from '../../rest/params.js';
import type { ResourceUrls } from '../../rest/resource-urls.js';
import { pathParam, route } from '../../rest/route.js';
import type { RestDeps } from '../rest-deps.js';

const TASK_PARAMS = { UniqueName: text, FriendlyName: text, Actions: json, ActionsUrl: text } as const;

export function renderTask(urls: ResourceUrls, t: TaskRecord): Record<string, unknown> {
  const url = urls.under(t.assistantSid, 'Tasks', t.sid);
  return {
    account_sid: urls.accountSid,
    date_created: t.dateCreated,
    date_updated: t.dateUpdated,
    friendly_name: t.friendlyName,
    links: { fields: `${url}/Fields`, samples: `${url}/Samples`, task_actions: `${url}/Actions`, statistics: `${url}/Statistics` },
    assistant_sid: t.assistantSid,
    sid: t.sid,
    unique_name: t.uniqueName,
    actions_url: t.actionsUrl,
    url,
  };
}

function taskInput(p: Params<typeof TASK_PARAMS>): TaskInput {
  return {
    uniqueName: p.UniqueName === undefined ? undefined : checkUniqueName('UniqueName', p.UniqueName),
    friendlyName: p.FriendlyName === undefined ? undefined : checkText('FriendlyName', p.FriendlyName, 255),
    actions: p.Actions === undefined ? undefined : parseActionsDocument('Actions', p.Actions),
    // An empty ActionsUrl clears it, so a task can go back to its static actions.
    actionsUrl: p.ActionsUrl === undefined ? undefined : p.ActionsUrl === '' ? null : checkUrl('ActionsUrl', p.ActionsUrl),
  };
}

export function tasksRouter({ ctx, urls }: RestDeps): Router {
  const router = Router();
  route(router, '/Assistants/:assistant/Tasks', {
    get: async (req, res) => {
      const query = readListQuery(req.query);
      const page = await listTasks(ctx, pathParam(req, 'assistant'), query.request);
      res.json(listEnvelope('tasks', urls.listUrl(req), query, page, (t) => renderTask(urls, t)));
    },
    post: async (req, res) => {
      const input = taskInput(readParams(req.body, { ...TASK_PARAMS, UniqueName: { kind: 'string', required: true } }));
      const task = await createTask(ctx, pathParam(req, 'assistant'), { ...input, uniqueName: input.uniqueName! });
      res.status(201).json(renderTask(urls, task));
    },
  });
  route(router, '/Assistants/:assistant/Tasks/:task', {
    get: async (req, res) => {
      res.json(renderTask(urls, await getTask(ctx, pathParam(req, 'assistant'), pathParam(req, 'task'))));
    },
    post: async (req, res) => {
      const input = taskInput(readParams(req.body, TASK_PARAMS));
      res.json(renderTask(urls, await updateTask(ctx, pathParam(req, 'assistant'), pathParam(req, 'task'), input)));
    },
    delete: async (req, res) => {
      await deleteTask(ctx, pathParam(req, 'assistant'), pathParam(req, 'task'));
      res.status(204).end();
    },
  });
  return router;
}
