import { CONFERENCE_NS, type ConferencePrefix } from './namespaces.js';
import type { XmlAttribute, XmlElement } from './xml-element.js';

/** Attribute values by qualified name (`entity`, `msci:session-type`); `undefined` values are skipped. */
export type AttributeRecord = Record<string, string | undefined>;

/**
 * Builds one element in a conventional namespace: `build('ci', 'user', { entity }, [...children])`.
 *
 * @remarks Attribute names with a prefix from {@link CONFERENCE_NS} (`msci:session-type`, `ci:state`)
 * get that namespace; `xmlns:p` declares a prefix. Content is either children or text.
 */
export function build(
  prefix: ConferencePrefix | '',
  local: string,
  attributes: AttributeRecord = {},
  content: readonly (XmlElement | undefined)[] | string = [],
  defaultNs = '',
): XmlElement {
  const ns = prefix === '' ? defaultNs : CONFERENCE_NS[prefix];
  return {
    ns,
    prefix,
    local,
    attributes: toAttributes(attributes),
    children: typeof content === 'string' ? [] : content.filter((child): child is XmlElement => child !== undefined),
    text: typeof content === 'string' ? content : '',
  };
}

/** Builds an element only when `value` is defined: `optionalText('ci', 'subject', subject)`. */
export function optionalText(prefix: ConferencePrefix | '', local: string, value: string | undefined, defaultNs = ''): XmlElement | undefined {
  return value === undefined ? undefined : build(prefix, local, {}, value, defaultNs);
}

function toAttributes(record: AttributeRecord): XmlAttribute[] {
  const attributes: XmlAttribute[] = [];
  for (const [name, value] of Object.entries(record)) {
    if (value === undefined) continue;
    const colon = name.indexOf(':');
    if (colon < 0) {
      attributes.push(name === 'xmlns' ? { ns: CONFERENCE_NS.xmlns, prefix: '', local: 'xmlns', value } : { ns: '', prefix: '', local: name, value });
      continue;
    }
    const prefix = name.slice(0, colon);
    const local = name.slice(colon + 1);
    const ns = prefix in CONFERENCE_NS ? CONFERENCE_NS[prefix as ConferencePrefix] : '';
    attributes.push({ ns, prefix, local, value });
  }
  return attributes;
}

/** `xmlns:p` declarations for the given conventional prefixes, for a document root. */
export function namespaceDeclarations(prefixes: readonly ConferencePrefix[]): AttributeRecord {
  const record: AttributeRecord = {};
  for (const prefix of prefixes) record[`xmlns:${prefix}`] = CONFERENCE_NS[prefix];
  return record;
}
