/**
 * A namespace-resolved XML element tree: what the conference layer parses into, merges and renders.
 *
 * @remarks Element order and unknown elements are kept so that a roster merge and a re-render lose
 * nothing (protocol brief §5.4 rule 5). Mixed content is not modelled: `text` is the trimmed
 * concatenation of the element's own text nodes, which is all C3P and conference-info use.
 */
export interface XmlAttribute {
  /** Namespace URI; `''` for an unprefixed attribute (attributes do not take the default namespace). */
  ns: string;
  local: string;
  /** Prefix as written (`''` when none); `xmlns` for declarations. */
  prefix: string;
  value: string;
}

export interface XmlElement {
  /** Namespace URI; `''` when the element is in no namespace. */
  ns: string;
  local: string;
  /** Prefix as written (`''` for the default namespace). */
  prefix: string;
  attributes: XmlAttribute[];
  children: XmlElement[];
  text: string;
}

/** The qualified name as written: `prefix:local` or `local`. */
export function qualifiedName(node: { prefix: string; local: string }): string {
  return node.prefix === '' ? node.local : `${node.prefix}:${node.local}`;
}

/**
 * True when `element` has local name `local` and, if `ns` is given, is in that namespace or in no
 * namespace at all (the local-name fallback of protocol brief §5.1).
 */
export function isElement(element: XmlElement, local: string, ns?: string): boolean {
  if (element.local !== local) return false;
  return ns === undefined || element.ns === ns || element.ns === '';
}

/** Children matching {@link isElement}. */
export function childElements(element: XmlElement, local: string, ns?: string): XmlElement[] {
  return element.children.filter((child) => isElement(child, local, ns));
}

/** First child matching {@link isElement}, or `undefined`. */
export function childElement(element: XmlElement, local: string, ns?: string): XmlElement | undefined {
  return element.children.find((child) => isElement(child, local, ns));
}

/** Trimmed text of the first matching child, or `undefined` when there is no such child. */
export function childText(element: XmlElement, local: string, ns?: string): string | undefined {
  return childElement(element, local, ns)?.text;
}

/**
 * Value of an attribute by local name. With `ns`, an attribute in that namespace wins over an
 * unqualified one of the same local name; without it, the first attribute of that local name that is
 * not a namespace declaration.
 */
export function attributeValue(element: XmlElement, local: string, ns?: string): string | undefined {
  let fallback: string | undefined;
  for (const attribute of element.attributes) {
    if (attribute.local !== local || attribute.prefix === 'xmlns') continue;
    if (ns !== undefined && attribute.ns === ns) return attribute.value;
    fallback ??= attribute.value;
  }
  return fallback;
}

/** Deep copy of an element tree. */
export function cloneElement(element: XmlElement): XmlElement {
  return {
    ns: element.ns,
    local: element.local,
    prefix: element.prefix,
    attributes: element.attributes.map((attribute) => ({ ...attribute })),
    children: element.children.map(cloneElement),
    text: element.text,
  };
}
