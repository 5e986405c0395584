/**
 * Hash-consing of local roster state: identical subtrees are one frozen object in the process.
 *
 * @remarks Every subscriber of a conference holds the same merged conference-info tree, and most
 * leaves (`<status>connected</status>`, `<entry>attendee</entry>`, the IM capabilities…) are the
 * same for every user of every conference. {@link shareElement} returns the one existing element
 * equal to the given one (same names, text, attributes in order and the same shared children), or
 * freezes and registers the given one. Entries are held weakly and forgotten once no roster uses
 * them. A shared element is never changed: the merge copies it first (copy on write). Issue 4:
 * endpoints by the tens of thousands, each with its conference's roster.
 */
import type { XmlElement } from './xml-element.js';

const ids = new WeakMap<XmlElement, number>();
const table = new Map<string, WeakRef<XmlElement>>();
const forget = new FinalizationRegistry<string>((key) => {
  // The key may have been taken again by a newer equal element meanwhile.
  if (table.get(key)?.deref() === undefined) table.delete(key);
});
let nextId = 1;

/** True when `element` is shared (frozen): copy it before changing it. */
export function isShared(element: XmlElement): boolean {
  return ids.has(element);
}

/**
 * The shared element equal to `element`, whose children must already be shared. `element` itself
 * (frozen, with its lists) when it is the first of its kind.
 */
export function shareElement(element: XmlElement): XmlElement {
  const key = keyOf(element);
  const existing = table.get(key)?.deref();
  if (existing !== undefined) return existing;
  for (const attribute of element.attributes) Object.freeze(attribute);
  Object.freeze(element.attributes);
  Object.freeze(element.children);
  Object.freeze(element);
  ids.set(element, nextId++);
  table.set(key, new WeakRef(element));
  forget.register(element, key);
  return element;
}

/** Number of distinct shared elements alive (for tests and diagnostics). */
export function sharedElementCount(): number {
  return table.size;
}

/**
 * The key of an element: its names (short codes), text, attributes and children's ids, each field
 * length-prefixed so no text can pass for a separator; joined into one flat string.
 */
function keyOf(element: XmlElement): string {
  const parts = [name(element.ns), name(element.local), name(element.prefix), field(element.text), `${element.attributes.length}/`];
  for (const attribute of element.attributes) parts.push(name(attribute.ns), name(attribute.local), name(attribute.prefix), field(attribute.value));
  for (const child of element.children) parts.push(`${ids.get(child) ?? `?${keyOf(child)}`}/`);
  return parts.join('');
}

const MAX_NAME_CODES = 1024;
const nameCodes = new Map<string, string>();

/** A namespace URI, local name or prefix as a short code (`<base 36>.`), or as a field once the table is full. */
function name(text: string): string {
  const known = nameCodes.get(text);
  if (known !== undefined) return known;
  if (nameCodes.size >= MAX_NAME_CODES) return field(text);
  const code = `${nameCodes.size.toString(36)}.`;
  nameCodes.set(text, code);
  return code;
}

function field(text: string): string {
  return `${text.length}:${text}`;
}
