import { Router } from 'express';
import { assistantsRouter } from './assistants/assistants-router.js';
import { defaultsRouter } from './defaults/defaults-router.js';
import { dialoguesRouter } from './dialogues/dialogues-router.js';
import { fieldTypesRouter } from './field-types/field-types-router.js';
import { fieldValuesRouter } from './field-values/field-values-router.js';
import { fieldsRouter } from './fields/fields-router.js';
import { importRouter } from './import/import-router.js';
import { modelBuildsRouter } from './model-builds/model-builds-router.js';
import { queriesRouter } from './queries/queries-router.js';
import type { RestDeps } from './rest-deps.js';
import { samplesRouter } from './samples/samples-router.js';
import { styleSheetRouter } from './style-sheet/style-sheet-router.js';
import { taskActionsRouter } from './task-actions/task-actions-router.js';
import { taskStatisticsRouter } from './task-statistics/task-statistics-router.js';
import { tasksRouter } from './tasks/tasks-router.js';
import { webhooksRouter } from './webhooks/webhooks-router.js';

/** Every Autopilot v1 resource (autopilot.md §1.4), mounted at `/v1`, and Parley's own import endpoint. */
export function v1Router(deps: RestDeps): Router {
  const router = Router();
  for (const build of [
    importRouter, assistantsRouter, defaultsRouter, styleSheetRouter, dialoguesRouter, tasksRouter, taskActionsRouter,
    taskStatisticsRouter, fieldsRouter, samplesRouter, fieldTypesRouter, fieldValuesRouter, modelBuildsRouter,
    queriesRouter, webhooksRouter,
  ]) {
    router.use(build(deps));
  }
  return router;
}
