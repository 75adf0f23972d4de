import { Router } from 'express';
import {
  createAssistant, deleteAssistant, getAssistant, restoreAssistant, updateAssistant, withTraining, HELLO_WORLD_TASK, type AssistantInput,
} from '../../../domain/assistants.js';
import { invalidParameter } from '../../../errors/error-catalogue.js';
import { parseDefaultsDocument, parseStyleSheetDocument } from '../../../domain/json-documents.js';
import type { Assistant, AssistantRecord } from '../../../domain/records.js';
import { createSample } from '../../../domain/samples.js';
import { createTask } from '../../../domain/tasks.js';
import { checkNonEmptyText, checkOneOf, checkText, checkUniqueName, checkUrl } from '../../../domain/validate.js';
import { collections } from '../../../store/collections.js';
import { listEnvelope, readListQuery } from '../../rest/paging.js';
import { flag, json, readParams, requiredText, text, type Params } from '../../rest/params.js';
import type { ResourceUrls } from '../../rest/resource-urls.js';
import { pathParam, route } from '../../rest/route.js';
import type { RestDeps } from '../rest-deps.js';

const ASSISTANT_PARAMS = {
  FriendlyName: text, LogQueries: flag, UniqueName: text, CallbackUrl: text, CallbackEvents: text,
  StyleSheet: json, Defaults: json, FallbackThreshold: text,
} as const;
/** The stages Autopilot used (the terraform provider validated these two). */
const DEVELOPMENT_STAGES = ['in-development', 'in-production'] as const;
const UPDATE_PARAMS = { ...ASSISTANT_PARAMS, DevelopmentStage: text } as const;

export function renderAssistant(urls: ResourceUrls, a: Assistant): Record<string, unknown> {
  const link = (segment: string): string => urls.under(a.sid, segment);
  return {
    account_sid: a.accountSid,
    date_created: a.dateCreated,
    date_updated: a.dateUpdated,
    friendly_name: a.friendlyName,
    latest_model_build_sid: a.latestModelBuildSid,
    links: {
      field_types: link('FieldTypes'), tasks: link('Tasks'), model_builds: link('ModelBuilds'), queries: link('Queries'),
      style_sheet: link('StyleSheet'), defaults: link('Defaults'), dialogues: link('Dialogues'), webhooks: link('Webhooks'),
    },
    log_queries: a.logQueries,
    development_stage: a.developmentStage,
    needs_model_build: a.needsModelBuild,
    sid: a.sid,
    unique_name: a.uniqueName,
    url: urls.assistant(a.sid),
    callback_url: a.callbackUrl,
    callback_events: a.callbackEvents,
    fallback_threshold: a.fallbackThreshold ?? null,
  };
}

/** `Restore` names the route `/Assistants/Restore` (routes match case-insensitively): an assistant of that name could not be reached. */
function checkAssistantName(name: string): string {
  if (name.toLowerCase() === 'restore') throw invalidParameter('UniqueName', '"Restore" names the Restore route; choose another name');
  return checkUniqueName('UniqueName', name);
}

function assistantInput(p: Partial<Params<typeof UPDATE_PARAMS>>): AssistantInput {
  return {
    friendlyName: p.FriendlyName === undefined ? undefined : checkText('FriendlyName', p.FriendlyName, 255),
    uniqueName: p.UniqueName === undefined ? undefined : checkAssistantName(p.UniqueName),
    logQueries: p.LogQueries,
    // Empty clears it, as an empty ActionsUrl does.
    callbackUrl: p.CallbackUrl === undefined ? undefined : p.CallbackUrl === '' ? null : checkUrl('CallbackUrl', p.CallbackUrl),
    callbackEvents: p.CallbackEvents === undefined ? undefined : checkText('CallbackEvents', p.CallbackEvents, 255),
    styleSheet: p.StyleSheet === undefined ? undefined : parseStyleSheetDocument('StyleSheet', p.StyleSheet),
    defaults: p.Defaults === undefined ? undefined : parseDefaultsDocument('Defaults', p.Defaults),
    developmentStage: p.DevelopmentStage === undefined ? undefined : checkOneOf('DevelopmentStage', p.DevelopmentStage, DEVELOPMENT_STAGES),
    fallbackThreshold: p.FallbackThreshold === undefined ? undefined : readThreshold(p.FallbackThreshold),
  };
}

export function assistantsRouter({ ctx, urls }: RestDeps): Router {
  const router = Router();
  route(router, '/Assistants', {
    get: async (req, res) => {
      const query = readListQuery(req.query);
      const page = await ctx.store.list<AssistantRecord>(collections.assistants(ctx.accountSid), query.request);
      // From the records the page read (not looked up again: one deleted meanwhile would be a 404).
      const full = await Promise.all(page.items.map((record) => withTraining(ctx, record)));
      res.json(listEnvelope('assistants', urls.listUrl(req), query, { ...page, items: full }, (a) => renderAssistant(urls, a)));
    },
    post: async (req, res) => {
      const input = assistantInput(readParams(req.body, ASSISTANT_PARAMS));
      const assistant = await createAssistant(ctx, input);
      // New assistants come with a hello-world task, as on Autopilot.
      await createTask(ctx, assistant.sid, { uniqueName: HELLO_WORLD_TASK.uniqueName, actions: HELLO_WORLD_TASK.actions });
      for (const sample of HELLO_WORLD_TASK.samples) {
        await createSample(ctx, assistant.sid, HELLO_WORLD_TASK.uniqueName, { language: 'en-US', taggedText: sample });
      }
      res.status(201).json(renderAssistant(urls, await getAssistant(ctx, assistant.sid)));
    },
  });
  route(router, '/Assistants/Restore', {
    post: async (req, res) => {
      const p = readParams(req.body, { Assistant: requiredText });
      res.json(renderAssistant(urls, await restoreAssistant(ctx, checkNonEmptyText('Assistant', p.Assistant, 64))));
    },
  });
  route(router, '/Assistants/:assistant', {
    get: async (req, res) => {
      res.json(renderAssistant(urls, await getAssistant(ctx, pathParam(req, 'assistant'))));
    },
    post: async (req, res) => {
      const input = assistantInput(readParams(req.body, UPDATE_PARAMS));
      res.json(renderAssistant(urls, await updateAssistant(ctx, pathParam(req, 'assistant'), input)));
    },
    delete: async (req, res) => {
      await deleteAssistant(ctx, pathParam(req, 'assistant'));
      res.status(204).end();
    },
  });
  return router;
}

/** Parley's extension: a probability in [0, 1], or an empty value for the model's default. */
function readThreshold(raw: string): number | null {
  if (raw.trim() === '') return null;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw invalidParameter('FallbackThreshold', `expected a number from 0 to 1, got "${raw}"`);
  return value;
}
