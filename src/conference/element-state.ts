import { FocusHarnessError } from '../errors.js';
import type { ElementState } from './conference-info-document.js';
import { CONFERENCE_NS } from './namespaces.js';
import { attributeValue, type XmlElement } from './xml-element.js';

/**
 * The `state` of an element, read from `state` or `ci:state` (MS extension elements, brief §5.4 rule 4).
 *
 * @returns `undefined` when the element has no state attribute (it then inherits from its parent).
 * @throws FocusHarnessError `FH_XML` for a value other than full / partial / deleted.
 */
export function elementState(element: XmlElement): ElementState | undefined {
  const value = attributeValue(element, 'state', CONFERENCE_NS.ci);
  if (value === undefined) return undefined;
  if (value === 'full' || value === 'partial' || value === 'deleted') return value;
  throw new FocusHarnessError('FH_XML', `<${element.local}> has state="${value}"; expected full, partial or deleted`);
}
