import { elementState } from './element-state.js';
import { CONFERENCE_NS } from './namespaces.js';
import { ownName, ownText } from './own-name.js';
import { isShared, shareElement } from './shared-elements.js';
import { attributeValue, childText, type XmlAttribute, type XmlElement } from './xml-element.js';

/**
 * Applies a received `partial` conference-info element to the local (materialised, full) tree and
 * returns the merged tree.
 *
 * @remarks RFC 4575 §4.6 as formulated in brief §5.4, walking the received tree alongside the local one:
 * - a keyed child (user by entity; endpoint by entity + msci:session-type, falling back to entity;
 *   media by id; conf-uris / service-uris / sidebars-by-ref entry by uri; sidebars-by-val entry by
 *   entity; available-media entry by label; msci:entity-view by entity) that is absent locally is
 *   inserted; `full` (the default when no state is written) replaces it wholesale; `partial` recurses;
 *   `deleted` removes it;
 * - an unkeyed child replaces the local children of the same name (repeated siblings such as
 *   `roles/entry` travel inside their parent, which is replaced as a whole), except that a `partial`
 *   unkeyed container (`users`, `conference-description`, `msci:conference-view`…) recurses and a
 *   `deleted` one is removed;
 * - attributes of a partial element overwrite the local ones; unknown elements are kept.
 *
 * Local elements may be shared with other rosters (see {@link materialize}): the merge never changes
 * one, it copies each element on the path to a change and returns the new root (copy on write).
 * @throws FocusHarnessError `FH_XML` for an invalid `state` value anywhere in `received` (checked before
 * anything changes, so the local tree is untouched).
 */
export function mergePartialInto(local: XmlElement, received: XmlElement): XmlElement {
  assertStates(received);
  return mergeElement(local, received);
}

/** The attribute and child lists of local elements that have none: shared, frozen (see {@link materialize}). */
const NO_ATTRIBUTES: XmlAttribute[] = Object.freeze([]) as unknown as XmlAttribute[];
const NO_CHILDREN: XmlElement[] = Object.freeze([]) as unknown as XmlElement[];

/**
 * `element` as full local state: `state` / `ci:state` dropped, `deleted` descendants removed.
 *
 * @remarks The local state outlives the documents it was merged from and is the same for every
 * subscriber of a conference, so the result is shared and frozen: every string is its own copy (a
 * parsed document's names and values are views into its whole text), names and common texts are
 * shared, and equal subtrees are one object process-wide ({@link shareElement}). Issue 4:
 * per-endpoint memory.
 */
export function materialize(element: XmlElement): XmlElement {
  const attributes = element.attributes.filter((attribute) => !isStateAttribute(attribute)).map(ownAttribute);
  const children = element.children.filter((child) => elementState(child) !== 'deleted').map(materialize);
  return shareElement({
    ns: ownName(element.ns),
    local: ownName(element.local),
    prefix: ownName(element.prefix),
    attributes: attributes.length === 0 ? NO_ATTRIBUTES : attributes,
    children: children.length === 0 ? NO_CHILDREN : children,
    text: ownText(element.text),
  });
}

function ownAttribute(attribute: XmlAttribute): XmlAttribute {
  return { ns: ownName(attribute.ns), local: ownName(attribute.local), prefix: ownName(attribute.prefix), value: ownText(attribute.value) };
}

/** A local element this merge may change: a shared one is copied (its lists are copied when written). */
function own(element: XmlElement): XmlElement {
  if (!isShared(element)) return element;
  return { ns: element.ns, local: element.local, prefix: element.prefix, attributes: element.attributes, children: element.children, text: element.text };
}

/** The attribute list of an element {@link own}ed by the merge, made its own before it is written. */
function writableAttributes(element: XmlElement): XmlAttribute[] {
  if (Object.isFrozen(element.attributes)) element.attributes = [...element.attributes];
  return element.attributes;
}

/** The child list of an element {@link own}ed by the merge, made its own before it is written. */
function writableChildren(element: XmlElement): XmlElement[] {
  if (Object.isFrozen(element.children)) element.children = [...element.children];
  return element.children;
}

/** Throws `FH_XML` if any `state` attribute in the tree has a value other than full / partial / deleted. */
export function assertStates(element: XmlElement): void {
  elementState(element);
  for (const child of element.children) assertStates(child);
}

function isStateAttribute(attribute: { local: string; ns: string }): boolean {
  return attribute.local === 'state' && (attribute.ns === '' || attribute.ns === CONFERENCE_NS.ci);
}

function mergeElement(shared: XmlElement, received: XmlElement): XmlElement {
  const local = own(shared);
  for (const attribute of received.attributes) {
    if (isStateAttribute(attribute)) continue;
    const index = local.attributes.findIndex((existing) => existing.local === attribute.local && existing.ns === attribute.ns);
    if (index >= 0) writableAttributes(local)[index] = ownAttribute(attribute);
    else writableAttributes(local).push(ownAttribute(attribute));
  }
  if (received.children.length === 0 && received.text !== '') local.text = ownText(received.text);
  const replacedNames = new Set<string>();
  for (const child of received.children) {
    const state = elementState(child) ?? 'full';
    const key = keyOf(received, child);
    if (key === undefined) mergeUnkeyed(local, child, state, replacedNames);
    else mergeKeyed(local, child, key, state);
  }
  return local;
}

function sameName(a: XmlElement, b: XmlElement): boolean {
  return a.local === b.local && (a.ns === b.ns || a.ns === '' || b.ns === '');
}

function mergeUnkeyed(local: XmlElement, child: XmlElement, state: 'full' | 'partial' | 'deleted', replacedNames: Set<string>): void {
  const existingIndex = local.children.findIndex((candidate) => sameName(candidate, child));
  if (state === 'deleted') {
    local.children = local.children.filter((candidate) => !sameName(candidate, child));
    return;
  }
  if (state === 'partial' && existingIndex >= 0) {
    writableChildren(local)[existingIndex] = mergeElement(local.children[existingIndex] as XmlElement, child);
    return;
  }
  const nameKey = `${child.ns}|${child.local}`;
  if (replacedNames.has(nameKey)) {
    // A repeated unkeyed sibling in the same delta: keep it next to the first one.
    const lastIndex = findLastIndex(local.children, (candidate) => sameName(candidate, child));
    writableChildren(local).splice(lastIndex + 1, 0, materialize(child));
    return;
  }
  replacedNames.add(nameKey);
  if (existingIndex < 0) {
    writableChildren(local).push(materialize(child));
    return;
  }
  const kept = local.children.filter((candidate, index) => index === existingIndex || !sameName(candidate, child));
  kept[kept.indexOf(local.children[existingIndex] as XmlElement)] = materialize(child);
  local.children = kept;
}

function mergeKeyed(local: XmlElement, child: XmlElement, key: string, state: 'full' | 'partial' | 'deleted'): void {
  const index = findKeyed(local, child, key);
  if (state === 'deleted') {
    if (index >= 0) writableChildren(local).splice(index, 1);
    return;
  }
  if (index < 0) {
    const lastSibling = findLastIndex(local.children, (candidate) => sameName(candidate, child));
    writableChildren(local).splice(lastSibling < 0 ? local.children.length : lastSibling + 1, 0, materialize(child));
    return;
  }
  if (state === 'full') writableChildren(local)[index] = materialize(child);
  else writableChildren(local)[index] = mergeElement(local.children[index] as XmlElement, child);
}

function findKeyed(local: XmlElement, child: XmlElement, key: string): number {
  const exact = local.children.findIndex((candidate) => sameName(candidate, child) && keyOf(local, candidate) === key);
  if (exact >= 0 || child.local !== 'endpoint') return exact;
  // brief §5.5: endpoints are keyed by entity + session-type; when either side lacks the
  // session-type, fall back to the entity alone.
  const entity = attributeValue(child, 'entity');
  const sessionType = attributeValue(child, 'session-type', CONFERENCE_NS.msci);
  return local.children.findIndex((candidate) => {
    if (!sameName(candidate, child) || attributeValue(candidate, 'entity') !== entity) return false;
    const candidateType = attributeValue(candidate, 'session-type', CONFERENCE_NS.msci);
    return candidateType === undefined || sessionType === undefined;
  });
}

/** The key of `child` under `parent` (brief §5.4 rule 1), or `undefined` for an unkeyed element. */
export function keyOf(parent: XmlElement, child: XmlElement): string | undefined {
  switch (child.local) {
    case 'user':
      return parent.local === 'users' ? attributeValue(child, 'entity') ?? '' : undefined;
    case 'endpoint':
      if (parent.local !== 'user') return undefined;
      return `${attributeValue(child, 'entity') ?? ''}|${attributeValue(child, 'session-type', CONFERENCE_NS.msci) ?? ''}`;
    case 'media':
      return parent.local === 'endpoint' ? attributeValue(child, 'id') ?? '' : undefined;
    case 'entity-view':
      return attributeValue(child, 'entity') ?? '';
    case 'entry':
      switch (parent.local) {
        case 'conf-uris':
        case 'service-uris':
        case 'sidebars-by-ref':
          return childText(child, 'uri') ?? '';
        case 'sidebars-by-val':
          return attributeValue(child, 'entity') ?? '';
        case 'available-media':
          return attributeValue(child, 'label') ?? '';
        default:
          return undefined;
      }
    default:
      return undefined;
  }
}

function findLastIndex<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let index = items.length - 1; index >= 0; index -= 1) if (predicate(items[index] as T)) return index;
  return -1;
}

