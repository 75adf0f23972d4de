/** A node of a small XML tree: what SSML inside `say` text (and TwiML, in tests) reads as. */
export type XmlNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'element'; readonly name: string; readonly attributes: Readonly<Record<string, string>>; readonly children: readonly XmlNode[] };

type MutableElement = { kind: 'element'; name: string; attributes: Record<string, string>; children: XmlNode[] };

const NAME = /^[A-Za-z_][\w.:-]*/;
const ATTRIBUTE = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Parse an XML fragment (elements, attributes, text, entities, comments, CDATA; an XML declaration
 * is skipped). Lenient where people write SSML by hand: a `<` that starts no tag and an `&` that
 * starts no entity are literal text. Null when tags do not nest or close properly.
 */
export function parseXmlFragment(source: string): XmlNode[] | null {
  const root: MutableElement = { kind: 'element', name: '#root', attributes: {}, children: [] };
  const stack: MutableElement[] = [root];
  let text = '';
  let i = 0;
  const flush = (): void => {
    if (text !== '') stack.at(-1)!.children.push({ kind: 'text', text: decodeEntities(text) });
    text = '';
  };
  while (i < source.length) {
    const rest = source.slice(i);
    if (!rest.startsWith('<')) {
      const next = rest.indexOf('<', 1);
      text += next === -1 ? rest : rest.slice(0, next);
      i += next === -1 ? rest.length : next;
      continue;
    }
    if (rest.startsWith('<?')) {
      const end = rest.indexOf('?>');
      if (end === -1) return null;
      i += end + 2;
    } else if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end === -1) return null;
      i += end + 3;
    } else if (rest.startsWith('<![CDATA[')) {
      const end = rest.indexOf(']]>');
      if (end === -1) return null;
      flush();
      stack.at(-1)!.children.push({ kind: 'text', text: rest.slice(9, end) });
      i += end + 3;
    } else if (rest.startsWith('</')) {
      const match = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(rest);
      if (match === null) return null;
      flush();
      const open = stack.pop();
      if (open === undefined || open === root || open.name !== match[1]) return null;
      i += match[0].length;
    } else {
      const name = NAME.exec(rest.slice(1));
      if (name === null) {
        text += '<';
        i += 1;
        continue;
      }
      const tag = readTag(rest, name[0]);
      if (tag === null) return null;
      flush();
      const element: MutableElement = { kind: 'element', name: name[0], attributes: tag.attributes, children: [] };
      stack.at(-1)!.children.push(element);
      if (!tag.selfClosing) stack.push(element);
      i += tag.length;
    }
  }
  flush();
  return stack.length === 1 ? root.children : null;
}

function readTag(rest: string, name: string): { attributes: Record<string, string>; selfClosing: boolean; length: number } | null {
  let at = 1 + name.length;
  const attributes: Record<string, string> = {};
  for (;;) {
    const attribute = ATTRIBUTE.exec(rest.slice(at));
    if (attribute === null) break;
    attributes[attribute[1]!] = decodeEntities(attribute[3] ?? attribute[4] ?? '');
    at += attribute[0].length;
  }
  const close = /^\s*(\/?)>/.exec(rest.slice(at));
  if (close === null) return null;
  return { attributes, selfClosing: close[1] === '/', length: at + close[0].length };
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return safeCodePoint(parseInt(entity.slice(2), 16)) ?? whole;
    if (entity.startsWith('#')) return safeCodePoint(parseInt(entity.slice(1), 10)) ?? whole;
    return Object.hasOwn(ENTITIES, entity) ? ENTITIES[entity]! : whole; // `&constructor;` is text, not Object's
  });
}

function safeCodePoint(code: number): string | undefined {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/** The text of a node and its descendants, in order. */
export function textOf(nodes: readonly XmlNode[]): string {
  return nodes.map((n) => (n.kind === 'text' ? n.text : textOf(n.children))).join('');
}
