import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { splitText } from '../split-text.js';
import { parseXmlFragment, textOf, type XmlNode } from '../xml-fragment.js';

/** The SSML elements TwiML `<Say>` takes (Twilio's `<Say>` SSML list, Amazon Polly's extensions included). */
const SSML_ELEMENTS: ReadonlySet<string> = new Set([
  'break', 'emphasis', 'lang', 'p', 'phoneme', 'prosody', 's', 'say-as', 'sub', 'w', 'amazon:effect', 'amazon:domain',
]);

/**
 * Amazon Polly voices speak at most 3,000 characters of one `<Say>` (Twilio warning 13521): longer
 * plain text goes as several, cut between words. (SSML is sent as written.)
 */
export const MAX_SAY_CHARS = 3_000;

/** The builder's generic node API (twilio `TwiML.addText` / `TwiML.addChild`), which every TwiML node has. */
interface TwimlNode {
  addText(content: string): void;
  addChild(tagName: string, attributes?: object): TwimlNode;
}

interface SayParent {
  say(attributes: VoiceResponse.SayAttributes, message: string): VoiceResponse.Say;
}

/**
 * Add a `<Say>` for one `say` text. The twilio builder escapes text, so SSML in the text is parsed
 * and rebuilt as elements through the builder (`addChild`/`addText`): the markup reaches Twilio as
 * SSML and every text and attribute value is still escaped. Text that is not well-formed SSML (an
 * unknown tag, tags that do not nest) is spoken as written, escaped (docs/channels.md).
 */
export function addSay(parent: SayParent, text: string, voice: string | null): void {
  // Any voice id of the style sheet goes through: Twilio, not Parley, knows which voices exist.
  const attributes: VoiceResponse.SayAttributes = voice === null ? {} : { voice: voice as NonNullable<VoiceResponse.SayAttributes['voice']> };
  const ssml = ssmlNodes(text);
  if (ssml === null) {
    for (const piece of splitText(text, MAX_SAY_CHARS)) parent.say(attributes, piece);
    return;
  }
  appendNodes(parent.say(attributes, ''), ssml);
}

/** The SSML nodes of a text (a `<speak>` wrapper dropped), or null when it is plain text or not SSML. */
export function ssmlNodes(text: string): XmlNode[] | null {
  if (!/<[A-Za-z/]/.test(text)) return null;
  let nodes = parseXmlFragment(text);
  if (nodes === null) return null;
  const meaningful = nodes.filter((n) => n.kind === 'element' || n.text.trim() !== '');
  const only = meaningful[0];
  if (meaningful.length === 1 && only?.kind === 'element' && only.name === 'speak') nodes = [...only.children];
  return nodes.every(isSsml) ? nodes : null;
}

function isSsml(node: XmlNode): boolean {
  return node.kind === 'text' || (SSML_ELEMENTS.has(node.name) && node.children.every(isSsml));
}

function appendNodes(parent: TwimlNode, nodes: readonly XmlNode[]): void {
  for (const node of nodes) {
    if (node.kind === 'text') parent.addText(node.text);
    else appendNodes(parent.addChild(node.name, { ...node.attributes }), node.children);
  }
}

/** The words of a say text with SSML markup taken out (for text-only surfaces). */
export function plainText(text: string): string {
  const nodes = ssmlNodes(text);
  return nodes === null ? text : spokenText(nodes).replace(/[ \t]{2,}/g, ' ').trim();
}

/** Elements that are a pause or a block in speech: their text stands apart from its neighbours'. */
const SEPARATING: ReadonlySet<string> = new Set(['break', 'p', 's']);

function spokenText(nodes: readonly XmlNode[]): string {
  return nodes.map((n) => (n.kind === 'text' ? n.text : SEPARATING.has(n.name) ? ` ${spokenText(n.children)} ` : spokenText(n.children))).join('');
}
