import { Router } from 'express';
import { getTaskStatistics } from '../../../domain/tasks.js';
import { pathParam, route } from '../../rest/route.js';
import type { RestDeps } from '../rest-deps.js';

export function taskStatisticsRouter({ ctx, urls }: RestDeps): Router {
  const router = Router();
  route(router, '/Assistants/:assistant/Tasks/:task/Statistics', {
    get: async (req, res) => {
      const stats = await getTaskStatistics(ctx, pathParam(req, 'assistant'), pathParam(req, 'task'));
      res.json({
        account_sid: urls.accountSid,
        assistant_sid: stats.task.assistantSid,
        task_sid: stats.task.sid,
        samples_count: stats.samplesCount,
        fields_count: stats.fieldsCount,
        url: urls.under(stats.task.assistantSid, 'Tasks', stats.task.sid, 'Statistics'),
      });
    },
  });
  return router;
}
