import type { Router } from 'express';
import { parseStyleSheetDocument } from '../../../domain/json-documents.js';
import { assistantDocumentRouter } from '../assistant-document-router.js';
import type { RestDeps } from '../rest-deps.js';

export const styleSheetRouter = (deps: RestDeps): Router => assistantDocumentRouter({
  name: 'StyleSheet',
  read: (assistant) => assistant.styleSheet,
  parse: (param, value) => ({ styleSheet: parseStyleSheetDocument(param, value) }),
}, deps);
