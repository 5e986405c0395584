import { CONFERENCE_NS } from './namespaces.js';
import { qualifiedName, type XmlElement } from './xml-element.js';

/** Options of {@link serializeXml}. */
export interface SerializeXmlOptions {
  /** Write `<?xml version="1.0" encoding="utf-8"?>` first. @default false */
  declaration?: boolean;
  /** Indentation per level; `''` writes everything on one line. @default '  ' */
  indent?: string;
}

// XML 1.0 §2.2: these code points cannot appear in a document, even escaped.
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes character data. */
export function escapeXmlText(value: string): string {
  return value.replace(INVALID_XML_CHARS, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value for double quotes; whitespace controls become references so they survive normalisation. */
export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/**
 * Writes an {@link XmlElement} tree as text.
 *
 * @remarks Names are written with the prefixes they carry. A prefix (or the default namespace) that is
 * not bound to the element's namespace where it is used gets an `xmlns` declaration on that element,
 * so trees spliced from several documents (roster merges, extensions) still serialize correctly.
 */
export function serializeXml(element: XmlElement, options: SerializeXmlOptions = {}): string {
  const indent = options.indent ?? '  ';
  const out: string[] = [];
  if (options.declaration === true) out.push('<?xml version="1.0" encoding="utf-8"?>', indent === '' ? '' : '\n');
  write(element, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), 0, indent, out);
  return out.join('');
}

function write(element: XmlElement, parentScope: ReadonlyMap<string, string>, depth: number, indent: string, out: string[]): void {
  const scope = new Map(parentScope);
  const attributeText: string[] = [];
  for (const attribute of element.attributes) {
    if (attribute.ns === CONFERENCE_NS.xmlns || attribute.prefix === 'xmlns') {
      scope.set(attribute.prefix === 'xmlns' ? attribute.local : '', attribute.value);
    }
  }
  const declare = (prefix: string, ns: string): void => {
    if (scope.get(prefix) === ns) return;
    if (prefix === '' && ns === '' && !scope.has('')) return;
    scope.set(prefix, ns);
    attributeText.push(` ${prefix === '' ? 'xmlns' : `xmlns:${prefix}`}="${escapeXmlAttribute(ns)}"`);
  };
  declare(element.prefix, element.ns);
  for (const attribute of element.attributes) {
    if (attribute.prefix !== '' && attribute.prefix !== 'xmlns' && attribute.ns !== '') declare(attribute.prefix, attribute.ns);
  }
  const pad = indent === '' ? '' : indent.repeat(depth);
  const name = qualifiedName(element);
  out.push(`${pad}<${name}`);
  for (const attribute of element.attributes) out.push(` ${qualifiedName(attribute)}="${escapeXmlAttribute(attribute.value)}"`);
  out.push(...attributeText);
  if (element.children.length === 0) {
    out.push(element.text === '' ? ' />' : `>${escapeXmlText(element.text)}</${name}>`);
  } else {
    out.push('>');
    if (element.text !== '') out.push(escapeXmlText(element.text));
    for (const child of element.children) {
      if (indent !== '') out.push('\n');
      write(child, scope, depth + 1, indent, out);
    }
    out.push(`${indent === '' ? '' : `\n${pad}`}</${name}>`);
  }
}
