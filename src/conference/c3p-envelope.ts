import { isFocusHarnessError } from '../errors.js';
import { C3pParseError, type C3pEnvelopeHint } from './c3p-parse-error.js';
import { CONFERENCE_NS } from './namespaces.js';
import { parseXml } from './parse-xml.js';
import { serializeXml } from './serialize-xml.js';
import { attributeValue, isElement, type XmlAttribute, type XmlElement } from './xml-element.js';

/** Namespace declarations on every C3P root we write (brief §4.11; seed msgs 1 and 14). */
const ROOT_PREFIXES = ['mscp', 'msci', 'msci2', 'ci', 'cis'] as const;

/** Builds the `request` / `response` root with its attributes (unqualified) and one command child. */
export function c3pDocument(root: 'request' | 'response', attributes: Record<string, string | undefined>, command: XmlElement): string {
  const declarations: XmlAttribute[] = [
    { ns: CONFERENCE_NS.xmlns, prefix: '', local: 'xmlns', value: CONFERENCE_NS.cccp },
    ...ROOT_PREFIXES.map((prefix) => ({ ns: CONFERENCE_NS.xmlns, prefix: 'xmlns', local: prefix, value: CONFERENCE_NS[prefix] })),
  ];
  const plain: XmlAttribute[] = Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([local, value]) => ({ ns: '', prefix: '', local, value }));
  const element: XmlElement = { ns: CONFERENCE_NS.cccp, prefix: '', local: root, attributes: [...declarations, ...plain], children: [command], text: '' };
  return serializeXml(element, { declaration: true });
}

/** A C3P element in the envelope's own namespace (`conferenceKeys`, `userKeys`, `locked`, command names). */
export function cccp(local: string, attributes: XmlAttribute[] = [], content: XmlElement[] | string = []): XmlElement {
  return {
    ns: CONFERENCE_NS.cccp,
    prefix: '',
    local,
    attributes,
    children: typeof content === 'string' ? [] : content,
    text: typeof content === 'string' ? content : '',
  };
}

/** Unqualified attributes from a record; `prefix:name` keys take the conventional namespace. */
export function plainAttributes(record: Record<string, string | undefined>): XmlAttribute[] {
  const out: XmlAttribute[] = [];
  for (const [name, value] of Object.entries(record)) {
    if (value === undefined) continue;
    const colon = name.indexOf(':');
    if (colon < 0) out.push({ ns: '', prefix: '', local: name, value });
    else {
      const prefix = name.slice(0, colon);
      const ns = prefix in CONFERENCE_NS ? CONFERENCE_NS[prefix as keyof typeof CONFERENCE_NS] : '';
      out.push({ ns, prefix, local: name.slice(colon + 1), value });
    }
  }
  return out;
}

/** The parsed root and its single command child, with the envelope attributes checked. */
export interface C3pEnvelope {
  root: XmlElement;
  command: XmlElement;
  hint: C3pEnvelopeHint;
}

/**
 * Parses a C3P body and checks the envelope: root element name, required attributes, exactly one
 * command child (MS-CONFPRO 2.2.3).
 *
 * @throws C3pParseError
 */
export function readC3pEnvelope(xml: string | Buffer, rootName: 'request' | 'response', required: readonly string[]): C3pEnvelope {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    const message = isFocusHarnessError(error) ? error.message : String(error);
    throw new C3pParseError('malformed-xml', message, { cause: error });
  }
  const hint: C3pEnvelopeHint = {};
  for (const key of ['requestId', 'from', 'to'] as const) {
    const value = attributeValue(root, key);
    if (value !== undefined) hint[key] = value;
  }
  if (!isElement(root, rootName, CONFERENCE_NS.cccp)) {
    const where = root.ns === '' ? '' : ` in namespace ${root.ns}`;
    throw new C3pParseError('wrong-root', `root element is <${root.local}>${where}, expected <${rootName}> in ${CONFERENCE_NS.cccp}`, { envelope: hint });
  }
  const missing = required.filter((name) => attributeValue(root, name) === undefined);
  if (missing.length > 0) {
    throw new C3pParseError('missing-attribute', `<${rootName}> lacks ${missing.map((name) => `@${name}`).join(', ')}`, { envelope: hint });
  }
  if (root.children.length === 0) throw new C3pParseError('no-command', `<${rootName}> has no command element`, { envelope: hint });
  if (root.children.length > 1) {
    const names = root.children.map((child) => `<${child.local}>`).join(', ');
    throw new C3pParseError('several-commands', `<${rootName}> must hold exactly one command, found ${names}`, { envelope: hint });
  }
  return { root, command: root.children[0] as XmlElement, hint };
}
