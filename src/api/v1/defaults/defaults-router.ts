import type { Router } from 'express';
import { parseDefaultsDocument } from '../../../domain/json-documents.js';
import { assistantDocumentRouter } from '../assistant-document-router.js';
import type { RestDeps } from '../rest-deps.js';

export const defaultsRouter = (deps: RestDeps): Router => assistantDocumentRouter({
  name: 'Defaults',
  read: (assistant) => assistant.defaults,
  parse: (param, value) => ({ defaults: parseDefaultsDocument(param, value) }),
}, deps);
