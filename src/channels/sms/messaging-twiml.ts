import twilio from 'twilio';
import type { Output } from '../../dialogue/turn-types.js';
import { plainText } from '../voice/ssml-say.js';
import { renderXmlSafely } from '../xml-safe.js';
import { splitText } from '../split-text.js';

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

/** The text a message carries for one output: a `say` without its SSML markup, a `show`'s body; null for a `play`. */
export function messageText(output: Output): string | null {
  return output.kind === 'say' ? plainText(output.text) : output.kind === 'show' ? output.body : null;
}

function messagingTwiml(outputs: readonly Output[], surface: 'sms' | 'whatsapp'): string {
  const texts = outputs.map(messageText).filter((t) => t !== null);
  const media = outputs.flatMap((o) => (o.kind === 'show' ? o.images.flatMap((i) => mediaUrl(i.url) ?? []) : []));
  const bodies = splitText(texts.filter((t) => t.trim() !== '').join('\n'), MAX_BODY_CHARS);
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

/**
 * Twilio fetches `<Media>` itself and fails the whole message (body included) on a URL it cannot
 * fetch, so only absolute http(s) URLs are sent, as parsed (spaces around it gone, `a b.png` as
 * `a%20b.png`): a template's `{INSERT-MAP-URL}` placeholder (the import warns of it) or an empty URL
 * leaves the image out and the text goes.
 */
function mediaUrl(url: string): string | null {
  if (!/^https?:\/\//i.test(url.trim())) return null;
  try {
    return new URL(url.trim()).href;
  } catch {
    return null;
  }
}
