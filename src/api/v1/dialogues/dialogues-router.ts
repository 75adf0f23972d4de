import { Router } from 'express';
import { getDialogue } from '../../../domain/dialogues.js';
import { pathParam, route } from '../../rest/route.js';
import type { RestDeps } from '../rest-deps.js';

/** Fetch only (Autopilot had no list); 404 once the dialogue ended or expired. */
export function dialoguesRouter({ ctx, urls }: RestDeps): Router {
  const router = Router();
  route(router, '/Assistants/:assistant/Dialogues/:dialogue', {
    get: async (req, res) => {
      const dialogue = await getDialogue(ctx, pathParam(req, 'assistant'), pathParam(req, 'dialogue'));
      res.json({
        account_sid: urls.accountSid,
        assistant_sid: dialogue.assistantSid,
        sid: dialogue.sid,
        data: dialogue.memory,
        url: urls.under(dialogue.assistantSid, 'Dialogues', dialogue.sid),
      });
    },
  });
  return router;
}
