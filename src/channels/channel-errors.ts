import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import twilio from 'twilio';
import { restErrorBody } from '../api/rest/rest-errors.js';
import { ERRORS, ParleyError } from '../errors/error-catalogue.js';
import { requestContextOf, requestLogger } from '../logging/request-context.js';
import { DialogueBusyError } from '../dialogue/turn-gate.js';
import { TurnDeadlineError } from '../dialogue/turn-deadline.js';

/** The channel surfaces, each with its own failure reply. */
export type Surface = 'messaging' | 'voice' | 'custom';

/** What a user hears or reads when Parley itself fails (store down, a bug, a turn past its deadline). */
export const APOLOGY = 'Sorry, something went wrong on our side. Please try again later.';
/** What a texter reads when the message waited too long behind their earlier ones and was not run (nothing failed). */
export const BUSY_REPLY = 'Sorry, we are still answering your previous message. Please send this one again in a moment.';

/**
 * The channels' one error mapper (docs/channels.md). A request that is wrong (unknown account or
 * assistant, bad parameters) gets its 4xx with Twilio's error body, so Twilio's debugger shows why.
 * Parley's own failure answers at once and in the channel's format: on SMS/WhatsApp and Voice a
 * 200 with an apology (`<Message>`, or `<Say>` then `<Hangup/>`), since Twilio would otherwise
 * send nothing or play its generic error; on custom channels a 503 with Twilio's error body.
 */
export function sendChannelError(surface: Surface, error: unknown, req: Request, res: Response, logger: Logger): void {
  if (res.headersSent) return;
  if (error instanceof ParleyError) {
    res.status(error.status).json(restErrorBody(error));
    return;
  }
  const log = requestLogger(logger, requestContextOf(res));
  const timedOut = error instanceof TurnDeadlineError;
  // An expected outcome of a burst, not a failure of Parley: no stack, and nothing that names the user.
  if (error instanceof DialogueBusyError) log.warn({ surface, path: req.path, waitedMs: error.waitedMs }, 'conversation busy; the message was not run');
  else log.error({ err: error, surface, path: req.path, timedOut }, timedOut ? 'channel turn ran past its deadline' : 'channel turn failed');
  const busy = error instanceof DialogueBusyError;
  if (surface === 'custom') {
    const why = busy ? 'the conversation is still busy with an earlier message; this one was not run, send it again' : 'the turn could not be run, try again';
    res.status(503).json(restErrorBody(new ParleyError('SERVICE_UNAVAILABLE', `${ERRORS.SERVICE_UNAVAILABLE.title}: ${why}`)));
    return;
  }
  res.status(200).type('text/xml').send(busy && surface === 'messaging' ? messageTwiml(BUSY_REPLY) : apologyTwiml(surface));
}

export function apologyTwiml(surface: 'messaging' | 'voice'): string {
  if (surface === 'messaging') return messageTwiml(APOLOGY);
  const response = new twilio.twiml.VoiceResponse();
  response.say(APOLOGY);
  response.hangup();
  return response.toString();
}

function messageTwiml(text: string): string {
  const response = new twilio.twiml.MessagingResponse();
  response.message({}, '').body(text);
  return response.toString();
}

type AsyncHandler = (req: Request, res: Response) => Promise<void>;

/** A webhook handler whose every failure goes through the surface's error mapper. */
export function channelHandler(surface: Surface, logger: Logger, handler: AsyncHandler): RequestHandler {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (error) {
      sendChannelError(surface, error, req, res, logger);
    }
  };
}
