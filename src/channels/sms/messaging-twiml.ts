import twilio from 'twilio';
import type { Output } from '../../dialogue/turn-types.js';
import { plainText } from '../voice/ssml-say.js';
import { renderXmlSafely } from '../xml-safe.js';

/** Twilio refuses a message body longer than this (error 21617); it splits shorter ones into segments itself. */
export const MAX_BODY_CHARS = 1600;

/** Media per message: MMS takes up to 10, WhatsApp one. */
const MEDIA_PER_MESSAGE = { sms: 10, whatsapp: 1 } as const;

/**
 * A turn's outputs as Messaging TwiML (docs/channels.md): the texts of every `say` and `show` of
 * the turn joined, in order, into **one** `<Message>` (several `<Message>`s may arrive out of
 * order), with `show` images as its `<Media>`. More messages only when the text is over 1,600
 * characters (split at a line or word break) or the images exceed what one message carries.
 * `play` has no meaning here. No outputs: an empty `<Response/>` (nothing is sent). Characters XML
 * cannot carry are left out (renderXmlSafely).
 */
export function renderMessagingTwiml(outputs: readonly Output[], surface: 'sms' | 'whatsapp'): string {
  return renderXmlSafely((safe) => messagingTwiml(safe, surface), outputs);
}

function messagingTwiml(outputs: readonly Output[], surface: 'sms' | 'whatsapp'): string {
  const texts: string[] = [];
  const media: string[] = [];
  for (const output of outputs) {
    if (output.kind === 'say') texts.push(plainText(output.text));
    else if (output.kind === 'show') {
      texts.push(output.body);
      media.push(...output.images.map((i) => i.url).filter((url) => url.trim() !== ''));
    }
  }
  const bodies = splitBody(texts.filter((t) => t.trim() !== '').join('\n'));
  const perMessage = MEDIA_PER_MESSAGE[surface];
  const count = Math.max(bodies.length, Math.ceil(media.length / perMessage));
  const response = new twilio.twiml.MessagingResponse();
  for (let n = 0; n < count; n += 1) {
    const message = response.message({}, '');
    const body = bodies[n];
    if (body !== undefined) message.body(body);
    for (const url of media.slice(n * perMessage, (n + 1) * perMessage)) message.media(url);
  }
  return response.toString();
}

/** Pieces of at most MAX_BODY_CHARS characters, cut at a line break in the second half, else the last space, else hard. */
export function splitBody(text: string, limit = MAX_BODY_CHARS): string[] {
  const trimmed = text.trim();
  // Most replies: no more UTF-16 units than the limit means no more characters either.
  if (trimmed.length <= limit) return trimmed === '' ? [] : [trimmed];
  const pieces: string[] = [];
  let rest = Array.from(trimmed);
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    const newline = window.lastIndexOf('\n');
    const space = window.lastIndexOf(' ');
    const cut = newline > limit / 2 ? newline : space > 0 ? space : limit;
    pieces.push(rest.slice(0, cut).join('').trimEnd());
    rest = Array.from(rest.slice(cut).join('').trimStart());
  }
  if (rest.length > 0) pieces.push(rest.join(''));
  return pieces;
}
