import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FocusHarnessError } from '../errors.js';
import { CONFERENCE_NS } from './namespaces.js';
import type { XmlAttribute, XmlElement } from './xml-element.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** fast-xml-parser's `preserveOrder` output: one key per node plus `:@` for attributes. */
type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  // Attribute values must keep their spaces; element text is trimmed in convert().
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  // Character references (&#x41;) are decoded only with htmlEntities on.
  htmlEntities: true,
  commentPropName: false,
});

/**
 * Parses one XML document into a namespace-resolved {@link XmlElement} tree.
 *
 * @remarks Well-formedness is checked with fast-xml-parser's validator first, so a broken document
 * fails with its line and column. A DOCTYPE is refused (no SIP body needs one, and it is the door to
 * entity expansion). An undeclared prefix does not fail: the element gets namespace `''` and is still
 * found by local name (protocol brief §5.1).
 * @throws FocusHarnessError `FH_XML` when the text is not one well-formed element.
 */
export function parseXml(input: string | Buffer): XmlElement {
  const text = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new FocusHarnessError('FH_XML', 'XML body is empty');
  if (/<!DOCTYPE/i.test(text)) throw new FocusHarnessError('FH_XML', 'XML body carries a DOCTYPE, which is not accepted');
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    throw new FocusHarnessError('FH_XML', `XML is not well-formed: ${msg}`, { where: `line ${line}${col === undefined ? '' : `:${col}`}` });
  }
  const nodes = parser.parse(text) as OrderedNode[];
  const roots = nodes.filter((node) => elementName(node) !== undefined);
  if (roots.length !== 1) {
    throw new FocusHarnessError('FH_XML', `XML must have exactly one root element, found ${roots.length}`);
  }
  const [root] = roots as [OrderedNode];
  return convert(root, new Map([['xml', XML_NS], ['xmlns', CONFERENCE_NS.xmlns]]));
}

function elementName(node: OrderedNode): string | undefined {
  for (const key of Object.keys(node)) {
    if (key !== ':@' && key !== '#text' && !key.startsWith('?')) return key;
  }
  return undefined;
}

function splitName(name: string): { prefix: string; local: string } {
  const colon = name.indexOf(':');
  return colon < 0 ? { prefix: '', local: name } : { prefix: name.slice(0, colon), local: name.slice(colon + 1) };
}

function convert(node: OrderedNode, parentScope: ReadonlyMap<string, string>): XmlElement {
  const name = elementName(node) ?? '';
  const rawAttributes = (node[':@'] ?? {}) as Record<string, string>;
  let scope = parentScope;
  for (const [attributeName, value] of Object.entries(rawAttributes)) {
    // Namespaces in XML 1.0 §3: xmlns / xmlns:p declare the default namespace / a prefix.
    if (attributeName === 'xmlns' || attributeName.startsWith('xmlns:')) {
      if (scope === parentScope) scope = new Map(parentScope);
      (scope as Map<string, string>).set(attributeName === 'xmlns' ? '' : attributeName.slice(6), value);
    }
  }
  const attributes: XmlAttribute[] = Object.entries(rawAttributes).map(([attributeName, value]) => {
    const { prefix, local } = splitName(attributeName);
    if (attributeName === 'xmlns') return { ns: CONFERENCE_NS.xmlns, prefix: '', local: 'xmlns', value };
    // An unprefixed attribute is in no namespace (Namespaces in XML 1.0 §6.2).
    return { ns: prefix === '' ? '' : (scope.get(prefix) ?? ''), prefix, local, value };
  });
  const { prefix, local } = splitName(name);
  const children: XmlElement[] = [];
  const texts: string[] = [];
  for (const child of (node[name] ?? []) as OrderedNode[]) {
    if ('#text' in child) texts.push(String(child['#text']));
    else if (elementName(child) !== undefined) children.push(convert(child, scope));
  }
  return { ns: scope.get(prefix) ?? '', prefix, local, attributes, children, text: texts.join('').trim() };
}
